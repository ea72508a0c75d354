# Two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(STAMP_RUN)

# The demo store is seeded only into a data directory without a database (first run); the window
# itself never seeds it, and says what is missing when it finds no store.
run: $(STAMP_RUN)
	$(BIN)/python main.py demo --if-new
	$(BIN)/python main.py

test: $(STAMP_DEV)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP_DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check app headoffice tests bench main.py
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP_DEV)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
