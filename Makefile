# Policy Archive: `make run` to serve the seeds locally, `make test` to run the suite.
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: drill-day drill-reload eval-search outage loadtest run serve test install install-dev migrate seeds check lint clean bench eval worker

$(PY):
	@python=$$(bin/find-python) && $$python -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput

seeds: migrate
	DJANGO_DEBUG=1 $(PY) manage.py load_seeds seeds/

run: seeds
	DJANGO_DEBUG=1 $(PY) manage.py ensure_editor --site http://$(HOST):$(PORT)
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# Production-like: gunicorn, DEBUG off, hashed static files served by whitenoise.
serve: install
	@test -n "$$DJANGO_SECRET_KEY" || { echo "make serve needs DJANGO_SECRET_KEY (DEBUG is off)"; exit 1; }
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py migrate --noinput
	# Plain http on loopback: no https redirect, no Secure cookies, no HSTS unless set.
	DJANGO_SECURE_SSL_REDIRECT=$${DJANGO_SECURE_SSL_REDIRECT:-0} DJANGO_SECURE_COOKIES=$${DJANGO_SECURE_COOKIES:-0} \
	DJANGO_SECURE_HSTS_SECONDS=$${DJANGO_SECURE_HSTS_SECONDS:-0} \
	$(VENV)/bin/gunicorn policy_archive.wsgi --bind $(HOST):$(PORT) --workers $${WEB_WORKERS:-3} --access-logfile -

# A Celery worker and the feed schedule (beat) for local development, on the local Redis
# unless CELERY_BROKER_URL names another broker. Commands queue to it when they are given the
# same CELERY_BROKER_URL; without it they run their tasks in process.
worker: migrate
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0} DJANGO_DEBUG=1 \
	$(VENV)/bin/celery -A policy_archive worker --beat --loglevel info

# Slow reliability checks on PostgreSQL, loopback only (docs/RELIABILITY.md).
outage: install
	$(PY) scripts/outage.py

loadtest: install
	$(PY) scripts/loadtest.py

# Precision@5 and MRR of the relevance set on the database DATABASE_URL names (docs/SEARCH.md).
eval-search: install-dev
	$(PY) scripts/eval_search.py

# A reload loop and editors working on the same article at once: nothing lost, no 5xx.
drill-reload: install
	$(PY) scripts/drill_reload.py

# Readers in a realistic mix on gunicorn with Redis while an article loads every 2 s and an
# editor confirms and rejects statements: requests/s per page kind against /healthz, the page
# cache's hit ratio, p99 and no rejected statement served, into docs/BENCHMARKS.md (a few minutes).
drill-day: install
	$(PY) scripts/drill_day.py

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

# Extraction scored through the loader and export_archive against the seeds', our own and
# ../shared/real's gold; fails below the targets in docs/EXTRACTION.md.
eval: install
	$(PY) scripts/evaluate_extraction.py

check: install-dev
	DJANGO_DEBUG=1 $(PY) manage.py check
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# Style and the dependency rule between subsystems (pyproject.toml, docs/ARCHITECTURE.md).
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Load, page, throughput and restatement figures into docs/BENCHMARKS.md (needs PostgreSQL;
# BENCH_ARTICLES sets the corpus size, see bench/run.py for the other knobs).
bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
