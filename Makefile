# Haat: the two commands are `make demo` and `make test`; the rest are for developers.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: demo test venv lint typecheck schema bench serve worker clean

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Haat needs Python 3.11 or newer; try: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

venv: $(BIN)/.installed

## The demo: SQLite, Bangladesh geography, sample catalogue, API + GraphiQL on http://127.0.0.1:8000/graphql/
## with every payment gateway turned on against its simulator (rundemo starts them).
demo: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_places
	$(BIN)/python manage.py populatedb
	@echo "Haat is serving on http://$(HOST):$(PORT)/graphql/ (GraphiQL in a browser; Ctrl-C stops)"
	PAYMENTS_ALLOW_DUMMY_GATEWAY=1 $(BIN)/python manage.py rundemo $(HOST):$(PORT)

## The tests: PostgreSQL when DATABASE_URL names one, SQLite otherwise.
test: venv
	FAST_PASSWORD_HASHER=1 $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## ruff, the import layers, mypy, and no model change without its migration.
lint: venv
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run

## mypy with django-stubs on the domain packages (backend, plugins; see pyproject.toml).
typecheck: venv
	$(BIN)/mypy

## Print the GraphQL schema to storefront_api/schema.graphql (a test fails when it is stale).
schema: venv
	$(BIN)/python manage.py print_schema

## Benchmarks against PostgreSQL (BENCH_DATABASE_URL); figures go to bench/results/.
## `make bench BENCH_ARGS=--quick` for a 2,000-product run while developing.
## The webhook fan-out needs Redis on 127.0.0.1:6379 (it starts its own Celery worker).
bench: venv
	$(BIN)/python -m bench.run $(BENCH_ARGS)
	$(BIN)/python -m bench.run --cache $(BENCH_ARGS)
	$(BIN)/python -m bench.plugins
	$(BIN)/python -m bench.webhooks
	$(BIN)/python -m bench.checkout $(BENCH_ARGS)

serve: venv
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## A Celery worker (needs CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0, set for the API too).
worker: venv
	$(BIN)/celery -A backend.celery worker --loglevel=INFO

clean:
	rm -rf $(VENV) db.sqlite3 media .pytest_cache .ruff_cache
