# Two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
STAMP_BUNDLE := $(VENV)/.installed-bundle

.PHONY: run test lint bench bundle screenshots clean

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
$(STAMP_BUNDLE): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,bundle]'
	touch $@ $(STAMP_DEV) $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/python main.py demo --if-new
	$(BIN)/python main.py

test: $(STAMP_DEV)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n auto

lint: $(STAMP_DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check app headoffice tests bench main.py
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP_DEV)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

# docs/screens/*.png: every main screen in Chinese and English, on the demo store in a temporary
# data directory, under a virtual X screen with the CJK font (xvfb, fonts-wqy-microhei).
screenshots: $(STAMP_DEV)
	xvfb-run -a -s "-screen 0 1280x800x24" $(BIN)/python docs/screens/take_screens.py

# The one-folder program a store installs (dist/pos; installer/README.md): about 1.5 minutes.
bundle: $(STAMP_BUNDLE)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		installer/pos.spec
	du -sh dist/pos

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
