# The two commands: `make run` and `make test`. Everything else is a helper for them or for CI.
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
PORT ?= 8000
# Local runs and checks sign with a key generated once into var/ (scripts/local-secret-key);
# production sets its own SECRET_KEY: without DEBUG, the platform refuses to start without one.
ifeq ($(origin SECRET_KEY),undefined)
SECRET_KEY := $(shell ./scripts/local-secret-key)
endif
export SECRET_KEY

.PHONY: run test test-browser test-pg lint typecheck messages check-messages install serve setup bench clean

$(STAMP): pyproject.toml
	@set -e; if [ ! -x $(PY) ]; then \
		BASE=$$(./scripts/find-python); echo "Creating $(VENV) with $$BASE"; \
		"$$BASE" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

messages: $(STAMP)
	$(MANAGE) compilemessages --ignore '.venv' -v 0

setup: install messages
	@mkdir -p var
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_region 03
	$(MANAGE) load_demo

serve:
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The local demo: plain HTTP on 127.0.0.1, demo banner, staff MFA waived (the banner says so), and
# background tasks run at once in the server (no worker to start): e-mails appear on the console.
run: export MAILLAGE_DEMO ?= 1
run: export TASKS_BACKEND ?= django.tasks.backends.immediate.ImmediateBackend
run: export MAILLAGE_INSECURE_HTTP ?= 1
run: export MAILLAGE_STAFF_MFA_REQUIRED ?= 0
run: setup serve

# pytest exits 5 when it collects nothing, which fails the target. When `testpaths` matches nothing
# it searches the whole folder instead, with a warning that this makes an error.
PYTEST := $(PY) -m pytest -W error::pytest.PytestConfigWarning

test: install messages
	$(PYTEST) -n 2 -q

test-pg: install messages
	DATABASE_URL=$${DATABASE_URL_PG:-postgres://postgres@127.0.0.1:5432/test} $(PYTEST) -n 2 -q

test-browser: install messages
	$(PYTEST) -m browser -q -p no:xdist --liveserver 127.0.0.1

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy maillage tests conftest.py

check-messages: install
	$(PY) scripts/check_messages.py

# Key pages at scale, served by gunicorn on PostgreSQL when it answers (SQLite otherwise), against
# the one-query health check; BENCH_WRITE=1 keeps the table in docs/performance.md.
bench: export BENCH_FACTOR ?= 100
bench: export BENCH_ROUNDS ?= 15
bench: install messages
	$(PY) scripts/bench.py

clean:
	rm -rf $(VENV) var staticfiles
