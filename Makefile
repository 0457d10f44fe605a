# newsift: `make demo` and `make test` work on a fresh machine with only Python and pip.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= build/demo.db
DEMO ?= examples
PORT ?= 8000
SERVE ?=
export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: install demo test check lint clean bench

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

demo: install
	@mkdir -p build
	$(BIN)/newsift --db $(DB) ingest $(DEMO)
	$(BIN)/newsift --db $(DB) articles
	$(BIN)/newsift --db $(DB) entities --limit 20
	$(BIN)/newsift --db $(DB) events
	$(BIN)/newsift --db $(DB) quotes
	$(BIN)/newsift --db $(DB) stories --limit 10
	@echo "Web UI over the demo data: http://127.0.0.1:$(PORT)/  ($(if $(SERVE),serving now; Ctrl-C stops,run 'make demo SERVE=1' to serve it))"
	$(if $(SERVE),$(BIN)/newsift --db $(DB) serve --port $(PORT),@true)

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src

check: lint test

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
