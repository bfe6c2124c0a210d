# spoc-xblocks: every developer task. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
MANAGE := $(BIN)/python manage.py
STAMP_DEV := $(VENV)/.installed-dev
STAMP_TEST := $(VENV)/.installed-test
# A second venv on Open edX Ulmo's pins (requirements/ulmo.txt), for the non-browser tests.
VENV_ULMO := .venv-ulmo
STAMP_ULMO := $(VENV_ULMO)/.installed-ulmo
ULMO_PYTEST := SPOC_TEST_RUN=ulmo $(VENV_ULMO)/bin/python -m pytest -m "not browser and not slow" \
	--ignore=tests/browser

# make bench's own venv: the test pins plus the anchor XBlocks it measures ours against
# (requirements/bench.txt), which the test venv never gets.
VENV_BENCH := .venv-bench
STAMP_BENCH := $(VENV_BENCH)/.installed-bench

.DEFAULT_GOAL := help
.PHONY: help run test bench screenshots translations lint migrate seed system-packages mariadb wheel demo-course clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP_DEV): $(BIN)/python requirements/dev.txt setup.py
	$(BIN)/pip install --quiet -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(STAMP_TEST): $(STAMP_DEV) requirements/test.txt | system-packages
	$(BIN)/pip install --quiet -r requirements/test.txt
	touch $@

# A venv built anew from one pinned requirements file ($(2)) whenever the pins change, so no
# package outlives its pin.
define fresh_venv
	rm -rf $(1)
	$(PYTHON) -m venv $(1)
	$(1)/bin/pip install --quiet --upgrade pip
	$(1)/bin/pip install --quiet -r $(2)
	$(1)/bin/pip install --quiet --no-deps -e .
	$(1)/bin/pip check
	touch $@
endef

$(STAMP_ULMO): requirements/ulmo.txt setup.py
	$(call fresh_venv,$(VENV_ULMO),requirements/ulmo.txt)

# Debian packages the tests need: Chromium for the browser tests, MariaDB (server, and the client library
# mysqlclient builds against) for the MariaDB run, Redis for the Celery worker of the production tests.
SYSTEM_PACKAGES := chromium mariadb-server libmariadb-dev pkg-config redis-server

system-packages: ## Install the Debian packages the tests need (Chromium, MariaDB, Redis), when missing
	@missing=$$(for package in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$package 2>/dev/null | grep -q '^install ok installed' || echo $$package; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages for the tests: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

mariadb: $(STAMP_TEST) ## Start the tests' private MariaDB server (a socket under var/mariadb)
	$(BIN)/python -m spoc_xblocks.dev.mariadb start

migrate: $(STAMP_DEV) ## Create or update the workbench database under var/
	mkdir -p var
	$(MANAGE) migrate --run-syncdb --verbosity 0

seed: migrate ## Seed the demo SPOC (a trainer and twelve learners with varied progress)
	$(MANAGE) seed_demo

run: seed ## Install, migrate, seed and serve the workbench on http://$(HOST):$(PORT)/
	@echo ""
	@echo "spoc-xblocks workbench: http://$(HOST):$(PORT)/"
	@echo "  as a learner:  http://$(HOST):$(PORT)/scenario/spoc_serious_game.0/?student=alice"
	@echo "  as the trainer: http://$(HOST):$(PORT)/scenario/spoc_serious_game.0/?student=trainer"
	@echo "  the coach's cohort dashboard: http://$(HOST):$(PORT)/scenario/spoc_cohort_coach.0/?student=trainer"
	@echo "  the peer workshop (review phase): http://$(HOST):$(PORT)/scenario/spoc_peer_workshop.0/?student=alice"
	@echo "  a pulse survey: http://$(HOST):$(PORT)/scenario/spoc_pulse.0/?student=lea"
	@echo "  a block's Studio editor: http://$(HOST):$(PORT)/scenario/spoc_pulse.0/studio_view/?student=trainer"
	@echo "  in French:     the same pages with your browser set to French (Accept-Language: fr)"
	@echo ""
	$(MANAGE) runserver --noreload $(HOST):$(PORT)

# The model, api, handler and concurrency tests run a second time on MariaDB (MySQL's family, as in production).
MARIADB_TESTS := tests/test_database.py tests/common tests/serious_game tests/peer_workshop tests/cohort_coach \
	tests/engagement

# make test also runs the non-browser tests on Ulmo's pins (test-ulmo, below), after the SQLite run.
test: $(STAMP_ULMO)
test: $(STAMP_TEST) mariadb ## Install what the tests need and run every test (SQLite, MariaDB, browser, a11y)
	rm -rf var/test-figures
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	status=0; \
	$(BIN)/python -m pytest || status=1; \
	$(ULMO_PYTEST) || status=1; \
	SPOC_DATABASE=mariadb SPOC_TEST_RUN=mariadb $(BIN)/python -m pytest -m "not browser and not slow" \
		$(MARIADB_TESTS) || status=1; \
	$(BIN)/python -m tests.figures; \
	exit $$status

.PHONY: test-ulmo
test-ulmo: $(STAMP_ULMO) ## Run the non-browser tests on Open edX Ulmo's pins (.venv-ulmo, SQLite)
	$(ULMO_PYTEST)

$(STAMP_BENCH): requirements/bench.txt requirements/test.txt requirements/dev.txt setup.py
	$(call fresh_venv,$(VENV_BENCH),requirements/bench.txt)

bench: $(STAMP_BENCH) | system-packages ## Print the benchmarks, ours beside the anchor XBlocks'
	$(VENV_BENCH)/bin/python -m bench

screenshots: $(STAMP_TEST) ## Retake the README's screenshots from the demo SPOC into docs/screenshots/
	SPOC_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser/test_screenshots.py -q

translations: $(STAMP_DEV) ## Extract strings into translations/, update the French catalog, compile catalogs
	$(BIN)/python -m spoc_xblocks.dev.i18n_tool extract
	$(BIN)/python -m spoc_xblocks.dev.i18n_tool compile

lint: $(STAMP_TEST) ## Ruff over the whole tree: the formatter's check (100 columns), then the linter
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

wheel: $(STAMP_TEST) ## Build the wheel into dist/
	$(BIN)/python -m build --wheel --outdir dist .

demo-course: $(STAMP_DEV) ## Write the demo SPOC as a course archive for Studio's import
	$(BIN)/python -m spoc_xblocks.dev.demo_course dist/spoc-demo-course.tar.gz

clean: ## Stop the test MariaDB server; remove the virtual environment, the databases and build output
	-[ -x $(BIN)/python ] && $(BIN)/python -m spoc_xblocks.dev.mariadb stop
	rm -rf $(VENV) $(VENV_ULMO) $(VENV_BENCH) var dist build *.egg-info
