# Zone Networks: the two set-up commands are `make run` and `make test`.
# Both install what they need (idempotently) and can be run on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
FLASK := $(BIN)/flask --app zone_networks

.PHONY: run dev test lint typecheck pytest install system-packages bench bench-live translations

## Python dependencies (re-installed only when pyproject.toml changes)
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

## Front-end assets from npm, copied into the git-ignored static/vendor/
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.built: node_modules/.package-lock.json scripts/build_vendor.sh
	sh scripts/build_vendor.sh
	touch $@

## Translation catalogues: the .po files are committed, the compiled .mo files are built here.
TRANSLATIONS := platform/zone_networks/translations
CATALOGUES := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)
$(TRANSLATIONS)/.compiled: $(BIN)/.installed $(CATALOGUES)
	$(BIN)/pybabel compile --statistics -d $(TRANSLATIONS) >/dev/null
	touch $@

install: $(BIN)/.installed static/vendor/.built $(TRANSLATIONS)/.compiled

## Re-extract translatable text into messages.pot and update every catalogue (run after changing text).
translations: $(BIN)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --ignore-dirs ".*" --no-location --sort-output \
		--project "Zone Networks" --copyright-holder "Crown copyright" -o $(TRANSLATIONS)/messages.pot . >/dev/null
	$(BIN)/pybabel update --no-fuzzy-matching -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) >/dev/null
	$(BIN)/pybabel compile -d $(TRANSLATIONS) >/dev/null

## Migrate, load reference data, add demo data to an empty database, then serve with gunicorn.
run: install
	$(FLASK) db upgrade
	$(FLASK) seed
	$(FLASK) demo --if-empty
	@$(FLASK) demo-logins
	@echo "Serving Zone Networks on http://$(HOST):$(PORT) (Ctrl+C stops it)"
	SOCKETIO_ASYNC_MODE=gevent REMINDERS_INTERVAL=$${REMINDERS_INTERVAL:-300} $(BIN)/gunicorn --no-control-socket -k gevent -w 1 \
		-b $(HOST):$(PORT) --access-logfile - 'zone_networks.wsgi:app'

## The auto-reloading development server (threading Socket.IO).
dev: install
	$(FLASK) db upgrade
	$(FLASK) seed
	$(FLASK) demo --if-empty
	@$(FLASK) demo-logins
	$(FLASK) run --debug --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check platform tests bench migrations

typecheck: install
	$(BIN)/mypy

## Programs the tests start: Chromium (browser tests) and redis-server (live tests, on a free port).
## Installed with apt-get when missing and we are root; otherwise the error says what to install.
system-packages:
	@sh scripts/system_packages.sh chromium:chromium redis-server:redis-server

pytest: install system-packages
	$(BIN)/pytest

## ruff, mypy and the full pytest suite (DATABASE_URL=postgresql+psycopg://... runs it on PostgreSQL).
test: lint typecheck pytest

## Performance harness: builds a large data set in its own database and prints figures
## (options: make bench BENCH_ARGS="--seconds 5 --people 2000"; see bench/run.py --help).
BENCH_ARGS ?=
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## Live discussion under load: N Socket.IO clients in one thread next to a bare Flask-SocketIO echo server
## (options: make bench-live BENCH_LIVE_ARGS="--clients 100 --rate 20 --seconds 10"; see bench/live.py --help).
BENCH_LIVE_ARGS ?=
bench-live: install
	$(BIN)/python bench/live.py $(BENCH_LIVE_ARGS)
