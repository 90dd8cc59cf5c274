# Developer and CI entry points. `make test` is what CI runs (.ci/run).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PROFILE ?= demo-profile
# The demo profile holds synthetic data only; its passphrase is public.
DEMO_PASSPHRASE ?= demo-passord
FJ := FELTJOURNAL_PASSPHRASE='$(DEMO_PASSPHRASE)' $(BIN)/feltjournal --profile $(PROFILE)

.PHONY: install run test test-quick lint bench screenshots translations clean

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Installs, creates the demo profile on first use and opens the application on it.
run: $(STAMP)
	$(FJ) --insecure-file-keystore demo --if-missing --participants 40
	@echo "Demo profile: $(PROFILE)  passphrase: $(DEMO_PASSPHRASE)"
	$(BIN)/feltjournal --profile $(PROFILE)

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/vulture

# Installs and runs the whole test suite, with the linters.
test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -n auto --dist loadfile

# The quick round while working: everything but the tests marked slow.
test-quick: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/engine_bench.py
	$(BIN)/python bench/ui_bench.py
	$(BIN)/python bench/sync_bench.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tools.screenshots --out docs/screenshots

translations: $(STAMP)
	$(BIN)/python -m tools.translations

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
