# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po */locale/*/LC_MESSAGES/django.po))

.PHONY: run test test-browser bench lint lock bootstrap messages worker beat screenshots clean check-deploy

$(VENV)/.installed: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

%.mo: %.po
	msgfmt --check-format -o $@ $<

bootstrap: $(VENV)/.installed $(MO_FILES)

# The web server, a Celery worker and Celery beat together (Procfile); Ctrl-C stops all.
run: bootstrap
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	mkdir -p $${CELERY_BROKER_DIR:-var/broker}
	PORT=$(PORT) $(VENV)/bin/honcho start --no-colour

# The import contracts first (pyproject.toml, [tool.importlinter]): a broken layer stops here.
test: bootstrap
	$(VENV)/bin/lint-imports
	$(PY) -m pytest $(PYTEST_ARGS)

test-browser: bootstrap
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

worker: bootstrap
	$(VENV)/bin/celery -A ingrado worker --loglevel=info

beat: bootstrap
	$(VENV)/bin/celery -A ingrado beat --loglevel=info

lint: bootstrap
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports

check-deploy: bootstrap
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
	ALLOWED_HOSTS=portal.ingrado.nl SITE_URL=https://portal.ingrado.nl \
	$(PY) manage.py check --deploy --fail-level WARNING --settings=ingrado.settings.production

# Extract UI strings into the .po files (then translate the empty msgstr's).
messages: bootstrap
	$(VENV)/bin/django-admin makemessages -l nl --no-obsolete --ignore=.venv --ignore=members --ignore=knowledge --ignore=academy --ignore=programmes --ignore=communications --ignore=outbox --ignore=billing --ignore=meetings
	for app in members knowledge academy programmes communications outbox billing meetings; do (cd $$app && ../$(VENV)/bin/django-admin makemessages -l nl --no-obsolete); done

# Re-resolve pinned versions from pyproject.toml.
lock:
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

bench: bootstrap
	$(PY) bench/run.py

screenshots: bootstrap
	$(PY) tests/browser/screenshots.py
	$(PY) tests/browser/report_screenshots.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
