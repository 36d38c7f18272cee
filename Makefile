# Two commands for a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup migrate demo e2e bench bench-topology bench-outage bench-access clean

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
	@echo "Lantern is starting: open http://$(HOST):$(PORT)/ in your browser (another port: make run PORT=8080)."
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

# Needs PostgreSQL and Redis on 127.0.0.1 and wrk (docs/benchmarks.md); about 6 minutes.
bench-topology: setup
	$(BIN)/python bench/rooms.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/pages.py --think 500
	$(BIN)/python bench/load.py

# Issue 14's fault targets: Redis killed under a busy room, 1,000 socket churn cycles. Needs PostgreSQL on
# 127.0.0.1 and redis-server installed (it runs a private one on a free port); about 3 minutes.
bench-outage: setup
	$(BIN)/python bench/outage.py

# Issue 13's targets: the review queue with one author's long history, and sockets closed by a change of
# access on two Daphne processes. Needs PostgreSQL and Redis on 127.0.0.1; about 1 minute.
bench-access: setup
	$(BIN)/python bench/review_queue.py --old
	$(BIN)/python bench/access_close.py

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
