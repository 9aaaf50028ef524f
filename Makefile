# warwatch: `make test` and `make run` bootstrap .venv from the package registries on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install run test lint gate bench bench-dedup gazetteer clean help

help:
	@echo "make run       code the example corpus into warwatch.duckdb and print the events"
	@echo "make test      run the test suite (bootstraps .venv)"
	@echo "make gate      code $(SHARED)/data/dev, score it, fail below the floors in gate/floors.json"
	@echo "make bench     throughput: articles/s and ratio to spaCy alone"
	@echo "make bench-dedup  deduplication at scale: 1M generated reports, time and peak memory"
	@echo "make lint      ruff, then mypy on the package"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/warwatch gazetteer build
	touch $(STAMP)

install: $(STAMP)

gazetteer: $(STAMP)
	$(BIN)/warwatch gazetteer build

run: $(STAMP)
	rm -f examples/warwatch.duckdb
	$(BIN)/warwatch code examples/articles.jsonl --output examples/events.jsonl --store examples/warwatch.duckdb
	$(BIN)/warwatch show --store examples/warwatch.duckdb --limit 60

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/mypy

gate: $(STAMP)
	$(BIN)/python scripts/gate.py --shared $(SHARED)

bench: $(STAMP)
	$(BIN)/python bench/throughput.py --shared $(SHARED)

bench-dedup: $(STAMP)
	$(BIN)/python bench/dedup.py --events 1000000

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache examples/warwatch.duckdb examples/events.jsonl
