# warwatch: `make test` and `make run` bootstrap .venv from the package registries on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install run serve test lint gate bench bench-dedup bench-api bench-export gazetteer clean help

help:
	@echo "make run       code the example corpus into examples/warwatch.duckdb, print the events and how to serve them"
	@echo "make serve     serve the example store: dashboard and API at http://127.0.0.1:8000/"
	@echo "make test      run the test suite (bootstraps .venv)"
	@echo "make gate      code $(SHARED)/data/dev, score it, fail below the floors in gate/floors.json"
	@echo "make bench     throughput on conflict-dense news and the mixed stream: warwatch code (every core) and one process against spaCy alone"
	@echo "make bench-dedup  deduplication at scale: 1M generated reports, time and peak memory"
	@echo "make bench-api    API latency (p50/p95) and requests/s on a generated store of 1M events"
	@echo "make bench-export exports of 1M generated events to each format: time and peak memory"
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
	@echo ""
	@echo "To browse the events on a map:  $(BIN)/warwatch serve --store examples/warwatch.duckdb   (or: make serve)"
	@echo "then open http://127.0.0.1:8000/"

serve: $(STAMP)
	@test -f examples/warwatch.duckdb || $(MAKE) run
	$(BIN)/warwatch serve --store examples/warwatch.duckdb

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

bench-export: $(STAMP)
	$(BIN)/python bench/export.py

bench-api: $(STAMP)
	$(BIN)/python bench/api.py --events 1000000

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache examples/warwatch.duckdb examples/events.jsonl
