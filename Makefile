# Two commands for a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup migrate demo e2e bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

migrate: setup
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

# Lantern on the embedded default (SQLite, in-memory channel layer,
# local-memory cache) with demo content, served by Daphne.
run: demo
	DEBUG=1 $(BIN)/python -m config.serve -b $(HOST) -p $(PORT) config.asgi:application

# The whole suite. Tests needing PostgreSQL, Redis or Chromium skip when
# those are missing, unless LANTERN_REQUIRE_SERVICES=1 (CI sets it).
test: setup
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

e2e: setup
	$(BIN)/pytest tests/e2e $(PYTEST_ARGS)

bench: setup
	$(BIN)/python bench/screening.py

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
