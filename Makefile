# The two README commands: `make demo` and `make test`. Both do every set-up step themselves,
# so they work on a fresh clone. Set-up is skipped when nothing it depends on changed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Debian packages: tesseract + Dutch data (OCR of scanned pages), poppler-utils (pdftotext,
# the benchmark's yardstick), wdutch (the Dutch word list that repairs line-end hyphens).
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-nld poppler-utils wdutch

.PHONY: setup system-deps browser demo test check bench bench-smoke bench-devset bench-specset model eval-model lock clean-venv

setup: system-deps $(VENV)/.installed

# Installs the missing Debian packages with apt-get when we are root (CI, containers) or have
# password-less sudo; otherwise prints the command and goes on (OCR then reports NEEDS_OCR and
# the OCR tests skip with that reason).
system-deps:
	@missing=""; \
	for package in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "omslag: please install$$missing (tesseract with Dutch data; pdftotext) with your package manager" >&2; exit 0; \
	fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; \
	else echo "omslag: missing system packages:$$missing; install them with: sudo apt-get install$$missing" >&2; exit 0; fi; \
	echo "omslag: installing$$missing (Debian packages)"; \
	$$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null

# Installs the exact versions of requirements.lock (reproducible), then omslag itself (editable).
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Re-pins requirements.lock from pyproject.toml (after changing a dependency); needs network
# access to PyPI. uv is only the resolver here; set-up installs the pins with pip.
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --quiet -o requirements.lock

# The safety nets, run by .ci/run before the tests: lint and format, types, the folder map's
# import rules (pyproject.toml [tool.importlinter]), no function over 80 lines, and a quick
# smoke of the benchmark.
check: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python .ci/function_length.py
	$(MAKE) --no-print-directory bench-smoke

demo: setup
	$(BIN)/omslag run corpus/demo
	$(BIN)/omslag report outputs/demo

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

# Not part of the tests: prints throughput, stage shares, memory and cache figures.
bench: setup
	$(BIN)/python bench/pipeline.py

# The same benchmark on two small demo plans (a few seconds): CI checks that it still runs.
bench-smoke: setup
	$(BIN)/python bench/pipeline.py --smoke

# Recall and precision per indicator on the real-text development set (issue 10); it exits 1
# while the targets are not met, which is information, not a build failure.
bench-devset: setup
	-$(BIN)/python bench/devset.py

# sentences written from Annex I (not real text): recall per indicator, false alarms on look-alikes
bench-specset: setup
	-$(BIN)/python bench/specset.py

# Not part of set-up: the trained Dutch pipeline is committed (rules/nl_omslag_ud, 6.7 MB), so a
# fresh clone needs no training. `make model` rebuilds it from ../shared/ud (≈ 20–30 min on one
# core) and prints its accuracy; `make eval-model` only prints the accuracy.
model: setup
	PYTHON=$(BIN)/python nlmodel/train.sh ../shared/ud

eval-model: setup
	$(BIN)/python nlmodel/evaluate.py --ud ../shared/ud

clean-venv:
	rm -rf $(VENV)
