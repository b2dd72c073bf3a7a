# The two commands in the README are the contract: `make demo` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails and calendar feeds point here; follows HOST and PORT unless given.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: setup demo serve test lint format migrations-check pytest browser-deps bench bench-load clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

## make demo: set up, load demo data (safe to run again), then run the web server on
## http://127.0.0.1:8000, the task worker and the periodic commands; Ctrl-C stops them all.
demo: setup
	DEBUG=true SITE_URL=$(SITE_URL) $(BIN)/nearpeer migrate --noinput
	DEBUG=true SITE_URL=$(SITE_URL) $(BIN)/nearpeer demo
	DEBUG=true SITE_URL=$(SITE_URL) $(BIN)/nearpeer run_all $(HOST):$(PORT)

serve: setup
	DEBUG=true SITE_URL=$(SITE_URL) $(BIN)/nearpeer run_all $(HOST):$(PORT)

## make test: set up, lint, check migrations, run the whole suite (DATABASE_URL picks the database)
test: setup browser-deps lint migrations-check pytest

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports --no-cache --no-logo

format: setup
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

migrations-check: setup
	NEARPEER_TESTING=true $(BIN)/nearpeer makemigrations --check --dry-run

pytest: setup
	NEARPEER_TESTING=true $(BIN)/pytest -n auto --dist loadfile

# Browser tests drive Debian's chromium; Playwright's own browser download does not work here.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "chromium is missing and can't be installed here (needs root and apt-get): browser tests will be skipped."; \
	  fi; }

## make bench: key pages beside a bare view on gunicorn (on DATABASE_URL's PostgreSQL, else SQLite),
## then the triage benches. docs/performance.md says what each figure means.
bench: setup
	$(BIN)/python bench/pages_rps.py
	$(BIN)/python bench/triage_throughput.py
	$(BIN)/python bench/triage_eval.py --misses none

## make bench-load: locust's mix of every role against gunicorn on PostgreSQL, with data for 100
## programs and 20,000 trainees: at saturation, then 200 people clicking every 5 s.
bench-load: setup
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) var
