# Two commands for a newcomer: `make run` and `make test`. Nothing to install by hand.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test test-production test-varnish test-browser setup check lint format clean load bench bench-live bench-extract eval-quotes eval-quotes-history train-quotes

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# This machine's secret key for local commands (newsroom/settings.py reads .env; git-ignored).
.env:
	$(PYTHON) -c "import secrets; print('DJANGO_SECRET_KEY=' + secrets.token_urlsafe(50))" > $@

# Migrate, load the sample story, collect static files.
setup: $(VENV)/.installed .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0

run: export DJANGO_DEBUG = 1
run: setup
	$(PY) manage.py ensure_admin --url http://127.0.0.1:$(PORT)/admin/
	@echo "Newsroom: http://127.0.0.1:$(PORT)/"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The test settings need a secret key; this one is for tests only.
test: export DJANGO_SECRET_KEY ?= insecure-key-for-the-test-suite-only
test: setup
	$(VENV)/bin/pytest

# The reader pages as deployed (tests/production): memo and page cache on, Redis as the cache
# (database 5 of REDIS_TEST_URL's server, emptied by each test), time moving, content changing.
REDIS_TEST_URL ?= redis://127.0.0.1:6379/5
test-production: export DJANGO_SECRET_KEY ?= insecure-key-for-the-test-suite-only
test-production: $(VENV)/.installed
	REDIS_URL=$(REDIS_TEST_URL) $(VENV)/bin/pytest tests/production --production-config

# The app servers behind Varnish (tests/varnish): deploy/varnish/newsroom.vcl in Debian's varnishd
# with the xkey module (installed with apt when missing), purged by the app (newsroom/purge.py);
# Redis database 7 of VARNISH_REDIS_URL's server, emptied by each test.
VARNISH_REDIS_URL ?= redis://127.0.0.1:6379/7
test-varnish: export DJANGO_SECRET_KEY ?= insecure-key-for-the-test-suite-only
test-varnish: $(VENV)/.installed
	@dpkg -s varnish varnish-modules >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish varnish-modules >/dev/null; }
	NEWSROOM_VARNISH_REDIS_URL=$(VARNISH_REDIS_URL) $(VENV)/bin/pytest tests/varnish --varnish -p no:randomly

check: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) manage.py check
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Several minutes of fixed-rate load on the production server (not part of `make test`).
load: $(VENV)/.installed
	bash bench/load.sh

# Each reader page against the stack's own ceiling on a large PostgreSQL archive, then the
# live-newsroom section (bench-live below); 35 to 45 minutes (README.md, "Benchmark"). Not part
# of `make test`.
bench: $(VENV)/.installed
	bash bench/bench.sh

# The live-newsroom section of make bench alone: readers while editors save, cold server time,
# a stampede; 10 to 20 minutes (README.md, "Benchmark"). Not part of `make test`.
bench-live: $(VENV)/.installed
	bash bench/live.sh

# The quote extractor on hostile texts of 125 KB to 1 MB: fails if 1 MB takes 2 s or time grows faster
# than the text (README.md, "Benchmark"). A few minutes; not part of `make test`.
bench-extract: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) bench/extract.py

# End-to-end tests in Debian's Chromium (installed with apt when missing); screenshots go to screenshots/.
test-browser: export DJANGO_SECRET_KEY ?= insecure-key-for-the-test-suite-only
test-browser: setup
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	$(VENV)/bin/pytest browser_tests -p no:randomly

# Score the quote extractor on its development set (articles/extraction/data) with ../shared/quotes/score.py's
# matching: overall, per kind of source, and leave-one-source-out (weights retrained without the kind scored).
eval-quotes: $(VENV)/.installed
	$(PY) -m articles.extraction.evaluate $(EVAL_ARGS)

# Each round of the development set scored by the extractor of the commit before its texts came (git history):
# the estimate for news it has never seen.
eval-quotes-history: $(VENV)/.installed
	$(PY) -m articles.extraction.history $(EVAL_ARGS)

# Retrain the extractor's weights (articles/extraction/weights.json) from the development set.
train-quotes: $(VENV)/.installed
	$(PY) -m articles.extraction.train
