# Two commands do all set-up on a fresh machine: `make run` and `make test`.
# `make serve` runs production mode on one machine. Both start a background worker.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PRODUCTION_VENV := .venv-production
PRODUCTION_LOCK ?= requirements.lock
PORT ?= 8000
HOST ?= 127.0.0.1
export PORT HOST

.PHONY: run serve bench test install install-production migrate demo lint format lock clean

var:
	mkdir -p var

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Development and tests: the runtime lock plus the test tools, all with hashes.
$(VENV)/.installed: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

# Production: the runtime lock only (PRODUCTION_LOCK=requirements-s3.lock adds S3 media).
$(PRODUCTION_VENV)/.installed: $(PRODUCTION_LOCK) pyproject.toml
	$(PYTHON) -m venv $(PRODUCTION_VENV)
	$(PRODUCTION_VENV)/bin/pip install --quiet --upgrade pip
	$(PRODUCTION_VENV)/bin/pip install --quiet --require-hashes -r $(PRODUCTION_LOCK)
	$(PRODUCTION_VENV)/bin/pip install --quiet --no-deps -e .
	touch $@

install-production: $(PRODUCTION_VENV)/.installed

migrate: install | var
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo_content --if-empty

# The development server and a background worker beside it (bin/run).
run: demo
	PYTHON=$(BIN)/python bin/run

serve: install-production | var
	PYTHON=$(PRODUCTION_VENV)/bin/python bin/serve

# Production mode measured page by page: req/s, p50, p99, SQL queries (bin/bench),
# on its own database in var/bench; BENCH_SECONDS per page (10).
bench: install | var
	PYTHON=$(BIN)/python bin/bench

test: install | var
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	find templates -name '*.html' -print0 | xargs -0 $(BIN)/djhtml --check
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	find templates -name '*.html' -print0 | xargs -0 $(BIN)/djhtml

# Re-resolve the locks from the .in files (keeping the pins they already have).
lock: install
	$(BIN)/uv pip compile --quiet --generate-hashes --python $(BIN)/python \
	  --custom-compile-command "make lock" requirements.in -o requirements.lock
	$(BIN)/uv pip compile --quiet --generate-hashes --python $(BIN)/python \
	  --custom-compile-command "make lock" requirements-s3.in -o requirements-s3.lock
	$(BIN)/uv pip compile --quiet --generate-hashes --python $(BIN)/python \
	  --custom-compile-command "make lock" requirements-dev.in -o requirements-dev.lock

clean:
	rm -rf $(VENV) $(PRODUCTION_VENV) var/static
