# Two commands for a newcomer: `make demo` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED := ../shared

.PHONY: demo test lint models eval bench clean

# The stamp files make re-runs fast: reinstall only when pyproject.toml changes.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/sourcegauge report seeds/ -o reports/

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# Retrain the shipped models (JSON coefficients) from the training-licensed sets in ../shared/eval.
# Every scripts/train_*.py runs; train_quality.py last, because it fits on the other rubrics' output.
models: $(VENV)/.installed-test
	set -e; for script in scripts/train_*.py; do \
	  if [ "$$script" != scripts/train_quality.py ]; then echo "== $$script"; $(BIN)/python $$script; fi; done
	if [ -f scripts/train_quality.py ]; then echo "== scripts/train_quality.py"; $(BIN)/python scripts/train_quality.py; fi

# Every evaluation table in the README, in one command (needs ../shared).
eval: $(VENV)/.installed-test
	set -e; for script in scripts/eval_*.py; do echo "== $$script"; $(BIN)/python $$script; done

bench: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/sourcegauge bench $(SHARED)/corpora/bbc --compare datatrove --jobs 2

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .hypothesis
