# The two README commands: `make demo` and `make test`. Both do every set-up step themselves,
# so they work on a fresh clone. Set-up is skipped when nothing it depends on changed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup browser demo test bench clean-venv

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/omslag run corpus/demo

test: setup browser
	$(BIN)/python -m pytest

# The report's browser test needs a real headless browser: Debian's chromium (+ a font).
# Installed when missing and we are root with apt-get (CI runs as root); elsewhere the step says
# why it cannot, and the browser test skips with that reason. Never fails the build.
browser:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's chromium for the report's browser test (once)"; \
		( apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			chromium fonts-dejavu-core >/dev/null ) || echo "chromium could not be installed: the browser test will skip"; \
	else echo "chromium not installed and no apt-get as root: the report's browser test will skip"; fi

clean-venv:
	rm -rf $(VENV)
