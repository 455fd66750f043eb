# CSES: the two commands a fresh machine needs are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?= -n 2

.PHONY: demo test setup venv static messages browser lint test-sqlite test-postgres clean

## demo: install everything, migrate the SQLite database, load demo data, serve on :8000
demo: setup
	$(BIN)/cses demo

## test: lint, migration check, and the whole suite on SQLite and on PostgreSQL
test: setup browser lint test-sqlite test-postgres

setup: venv static messages

venv: $(BIN)/.installed
$(BIN)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

static: cses/static/vendor/.built
cses/static/vendor/.built: package.json package-lock.json scripts/build-static.mjs
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	touch $@

messages: venv
	@command -v msgfmt >/dev/null || ./scripts/apt-install gettext
	$(BIN)/cses compilemessages --ignore=.venv --ignore=node_modules -v 0

browser:
	@test -x /usr/bin/chromium || ./scripts/apt-install chromium

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/cses makemigrations --check --dry-run

test-sqlite: setup
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: setup
	DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules cses/static/vendor staticfiles var
