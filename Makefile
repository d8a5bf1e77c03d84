# The two README commands: `make demo` and `make test`. Both do every set-up step themselves,
# so they work on a fresh clone. Set-up is skipped when nothing it depends on changed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo test bench clean-venv

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/omslag run corpus/demo

test: setup
	$(BIN)/python -m pytest

clean-venv:
	rm -rf $(VENV)
