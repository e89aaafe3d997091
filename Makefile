# Samverkansportalen: the front door. `make run` to try it, `make test` to check it.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run install tools migrate demo test test-postgres lint format bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# The accessibility and HTML checkers the tests use (axe-core, vnu-jar).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# The E-ARK community validator, in a venv of its own: it pins an lxml older
# than the one pyHanko needs. The tests run it on the archival packages.
EARK := .tools/eark
$(EARK)/.installed:
	test -x $(EARK)/bin/python || $(PYTHON) -m venv $(EARK)
	$(EARK)/bin/python -m pip install --quiet 'eark-validator==1.1.3'
	touch $@

install: $(VENV)/.installed node_modules/.installed $(EARK)/.installed

# The real tools the tests check the PDFs and signatures with, from Debian when
# missing: Chromium, pdfsig/pdftotext (poppler), qpdf, certutil (NSS), faketime.
TOOLS := chromium:chromium pdfsig:poppler-utils qpdf:qpdf certutil:libnss3-tools \
	faketime:faketime
tools:
	@missing=""; for pair in $(TOOLS); do command -v $${pair%%:*} >/dev/null \
	  || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; fi

# Development server with the demo data; DEBUG is on only here.
run: export DJANGO_DEBUG ?= 1
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Portalen: http://$(HOST):$(PORT)/  (administration: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

migrate: export DJANGO_DEBUG ?= 1
migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

demo: export DJANGO_DEBUG ?= 1
demo: migrate
	$(PY) manage.py load_demo

# The whole suite: unit, view, admin and browser tests. The database follows
# DATABASE_URL like the application (SQLite when unset).
test: install tools
	$(PY) -m pytest $(PYTEST_ARGS)

test-postgres: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/samverkan
test-postgres: install tools
	$(PY) -m pytest --create-db $(PYTEST_ARGS)

lint: export DJANGO_DEBUG ?= 1
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Load test of the public pages on PostgreSQL with ten years of data (wrk, gunicorn).
bench: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/samverkan_bench
bench: export DJANGO_DEBUG ?= 1
bench: $(VENV)/.installed
	command -v wrk >/dev/null || (apt-get install -y -qq wrk || sudo apt-get install -y -qq wrk)
	psql "$${DATABASE_URL%/*}/postgres" -tAc "select 1 from pg_database where datname='$${DATABASE_URL##*/}'" | grep -q 1 \
	  || psql "$${DATABASE_URL%/*}/postgres" -c "create database $${DATABASE_URL##*/}"
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py bench_data
	$(PY) manage.py bench

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media var
