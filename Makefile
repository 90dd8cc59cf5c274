# Developer and CI entry points. `make test` is what CI runs (.ci/run).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PROFILE ?= demo-profile
# The demo profile holds synthetic data only; its passphrase is public.
DEMO_PASSPHRASE ?= demo-passord
FJ := FELTJOURNAL_PASSPHRASE='$(DEMO_PASSPHRASE)' $(BIN)/feltjournal --profile $(PROFILE)

.PHONY: install run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Installs, creates the demo profile on first use and runs the application.
run: $(STAMP)
	@test -f $(PROFILE)/profile.json || $(FJ) --insecure-file-keystore init --name "Demo Jobbspesialist" --role jobbspesialist
	$(FJ) status
	$(FJ) verify

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

# Installs and runs the whole test suite, with the linters.
test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python bench/engine_bench.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
