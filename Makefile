# spoc-xblocks: every developer task. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
MANAGE := $(BIN)/python manage.py
STAMP_DEV := $(VENV)/.installed-dev
STAMP_TEST := $(VENV)/.installed-test

.DEFAULT_GOAL := help
.PHONY: help run test bench screenshots translations lint migrate seed chromium wheel demo-course clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP_DEV): $(BIN)/python requirements/dev.txt setup.py
	$(BIN)/pip install --quiet -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(STAMP_TEST): $(STAMP_DEV) requirements/test.txt
	$(BIN)/pip install --quiet -r requirements/test.txt
	touch $@

chromium: ## Install Debian's Chromium for the browser tests, when it is missing
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

migrate: $(STAMP_DEV) ## Create or update the workbench database under var/
	mkdir -p var
	$(MANAGE) migrate --run-syncdb --verbosity 0

seed: migrate ## Seed the demo SPOC (a trainer and ten learners with varied progress)
	$(MANAGE) seed_demo

run: seed ## Install, migrate, seed and serve the workbench on http://$(HOST):$(PORT)/
	@echo ""
	@echo "spoc-xblocks workbench: http://$(HOST):$(PORT)/"
	@echo "  as a learner:  http://$(HOST):$(PORT)/scenario/spoc_serious_game.0/?student=alice"
	@echo "  as the trainer: http://$(HOST):$(PORT)/scenario/spoc_serious_game.0/?student=trainer"
	@echo "  the coach's cohort dashboard: http://$(HOST):$(PORT)/scenario/spoc_cohort_coach.0/?student=trainer"
	@echo "  the peer workshop (review phase): http://$(HOST):$(PORT)/scenario/spoc_peer_workshop.0/?student=alice"
	@echo "  a pulse survey: http://$(HOST):$(PORT)/scenario/spoc_pulse.0/?student=lea"
	@echo "  in French:     the same pages with your browser set to French (Accept-Language: fr)"
	@echo ""
	$(MANAGE) runserver --noreload $(HOST):$(PORT)

test: $(STAMP_TEST) chromium ## Install what the tests need and run every test (unit, workbench, browser, a11y)
	rm -rf var/test-figures
	$(BIN)/ruff check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m pytest || { $(BIN)/python -m tests.figures; exit 1; }
	$(BIN)/python -m tests.figures

bench: $(STAMP_TEST) ## Print the benchmark figures
	$(BIN)/python -m bench

screenshots: $(STAMP_TEST) chromium ## Retake the README's screenshots from the demo SPOC into docs/screenshots/
	SPOC_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser/test_screenshots.py -q

translations: $(STAMP_DEV) ## Extract strings into translations/, update the French catalog, compile catalogs
	$(BIN)/python -m spoc_xblocks.dev.i18n_tool extract
	$(BIN)/python -m spoc_xblocks.dev.i18n_tool compile

lint: $(STAMP_TEST) ## Ruff over the whole tree
	$(BIN)/ruff check .

wheel: $(STAMP_TEST) ## Build the wheel into dist/
	$(BIN)/python -m build --wheel --outdir dist .

demo-course: $(STAMP_DEV) ## Write the demo SPOC as a course archive for Studio's import
	$(BIN)/python -m spoc_xblocks.dev.demo_course dist/spoc-demo-course.tar.gz

clean: ## Remove the virtual environment, the database and build output
	rm -rf $(VENV) var dist build *.egg-info
