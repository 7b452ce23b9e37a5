# The Migration Handbook: `make serve` to read and write, `make test` to check everything.
# Every target creates the virtual environment and installs the pinned packages first,
# and skips that step when pyproject.toml and requirements.lock have not changed.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CHROMIUM := /usr/bin/chromium
BENCH_STAMP := .bench/node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install browser servers serve lint test e2e bench build snapshots lock clean bench-lifecycle bench-build

help:
	@echo "make serve      serve the site on http://127.0.0.1:$(PORT) with live reload (PORT=... to change)"
	@echo "make test       the full check: lint, migrations, examples, pages, site build, browser tests"
	@echo "make lint       ruff (rules in pyproject.toml)"
	@echo "make e2e        only the browser tests (every page in Chromium), screenshots in screenshots/"
	@echo "make bench      Lighthouse scores, page weight and contributor-loop timings"
	@echo "make build      strict build of the site into site/"
	@echo "make snapshots  regenerate the outputs pages show (docs/_generated/)"
	@echo "make lock       re-pin requirements.lock after editing pyproject.toml"
	@echo "make clean      remove the venv, the built site, local databases and caches"
	@echo "make bench-lifecycle  time the 'my events' query before and after revision 0012's index"
	@echo "make bench-build      time the cold strict build (notebooks included), and profile one"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The stamp is newer than both files once they are installed: nothing to do next time.
# uv installs the same pinned set as pip would, in seconds instead of half a minute.
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock uv
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -c requirements.lock -e .
	touch $@

# Browser code the site serves (mermaid) and the browser tests use (axe-core), from npm.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP) $(NODE_STAMP)

# Debian's Chromium for the browser tests; Playwright drives it and never downloads a browser.
$(CHROMIUM):
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium

browser: $(CHROMIUM)

# Database servers the tests start privately (tools/engines/): Debian's PostgreSQL and MariaDB.
# Only the binaries are needed; the tests never use a service the package may start.
PG_INITDB := $(firstword $(wildcard /usr/lib/postgresql/*/bin/initdb))
MARIADBD := /usr/sbin/mariadbd

servers:
ifeq ($(PG_INITDB),)
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
endif
	@test -x $(MARIADBD) || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q mariadb-server; }

# The sqlite3 shell: the tutorial's reader looks inside their database with it, and its
# scenario runs the same commands (tools/outputs/scenarios/tutorial_first_migration.py).
SQLITE3 := /usr/bin/sqlite3
$(SQLITE3):
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q sqlite3

# Lighthouse, for `make bench` only: its own package.json, so `make test` never installs it.
$(BENCH_STAMP): .bench/package.json .bench/package-lock.json
	npm ci --prefix .bench --no-audit --no-fund --loglevel=error
	touch $@

serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT) --livereload

# Plain `pytest` deselects the browser tests (pyproject.toml); the full check runs them after
# the rest, in a second process (Playwright's event loop would break nbclient's asyncio.run).
# ruff's rules and their reasons are in pyproject.toml.
lint: install
	$(BIN)/ruff check .

test: lint browser servers $(SQLITE3)
	$(BIN)/pytest -n 2 --dist loadgroup
	$(BIN)/pytest -m e2e tests/e2e

e2e: install browser
	$(BIN)/pytest -m e2e tests/e2e

bench: install browser $(BENCH_STAMP)
	$(BIN)/python -m tools.bench

build: install
	$(BIN)/mkdocs build --strict --site-dir site

snapshots: install $(SQLITE3)
	$(BIN)/python -m tools.outputs.scenarios

# Timings live here, never in tests: they depend on the machine and its load.
bench-lifecycle: install
	$(BIN)/python -m examples.lifecycle.bench_index

bench-build: install
	$(BIN)/python -m tools.bench build build-profile

lock: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	{ echo "# Every package of the environment, pinned: the Makefile installs with this file as constraints."; \
	  echo "# Regenerate after changing pyproject.toml: make lock"; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > requirements.lock

clean:
	rm -rf $(VENV) site var .pytest_cache .cache *.egg-info screenshots
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
