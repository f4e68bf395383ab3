# The two commands that set everything up: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
MONTHS ?= 12
REPLICAS ?= 2
SERVE_PORT ?= 8080

.PHONY: help run preview serve test quick check report translations stamp handouts bench bench-load lint format browser-deps a11y clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed ## Start the dashboard on http://localhost:8501 with the shipped content
	$(PY) -m streamlit run server.py --server.port $(PORT)

preview: $(VENV)/.installed ## The site on your computer for editing: reloads when a file is saved, and shows the content check's problems on every page
	CSEC_PREVIEW=1 $(PY) -m streamlit run server.py --server.port $(PORT) --server.runOnSave true

serve: $(VENV)/.installed ## REPLICAS app processes behind nginx on http://localhost:$(SERVE_PORT) (see deploy/)
	$(PY) -m deploy.serve --replicas $(REPLICAS) --listen 127.0.0.1:$(SERVE_PORT)

browser-deps: ## Install Debian's Chromium (browser tests), zbar-tools (a QR decoder) and nginx (make serve, replica tests), if missing
	@command -v chromium >/dev/null 2>&1 && command -v zbarimg >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium zbar-tools; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium zbar-tools; fi; }
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nginx; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq nginx; fi; }

check: $(VENV)/.installed ## Check every file under content/ and data/
	$(PY) -m core.commands.check

report: $(VENV)/.installed ## Directory to-do list: unconfirmed or old entries and numbers (MONTHS=12), open questions
	$(PY) -m core.commands.report --months $(MONTHS)

handouts: $(VENV)/.installed ## Write the one-page handout of every language to handouts/ (PDF, US Letter) for a print shop
	$(PY) -m core.commands.handouts handouts

translations: $(VENV)/.installed ## Translations by file: missing, stale (English changed since) and unreviewed, with the hashes to record
	$(PY) -m core.commands.translations

stamp: $(VENV)/.installed ## After bringing a translation up to date with the English: make stamp FILE=content/es/strings.yaml
	@test -n "$(FILE)" || { echo 'Name the file: make stamp FILE=content/es/strings.yaml' >&2; exit 2; }
	$(PY) -m core.commands.translations --stamp "$(FILE)"

bench: $(VENV)/.installed ## Time the directory search over 10,000 synthetic entries (prints the median)
	$(PY) -m bench.bench_search

bench-load: $(VENV)/.installed-dev ## Crowds on every page through Streamlit's websocket, against a hello-world app (prints a table)
	$(PY) -m bench.load

lint: $(VENV)/.installed-dev ## Lint and check formatting with ruff; check the layers of the code with import-linter
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: $(VENV)/.installed-dev ## Format the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: $(VENV)/.installed-dev browser-deps lint check ## Lint, check the content, run every test (browser tests included)
	$(PY) -m pytest

a11y: $(VENV)/.installed-dev browser-deps ## The accessibility check alone: axe-core (WCAG 2.2 AA) on every page in both languages, layout at 320x256 and up, Tab order, charts at 320 px
	$(PY) -m pytest -m browser tests/test_accessibility_browser.py tests/test_layout_browser.py tests/test_charts_browser.py

quick: $(VENV)/.installed-dev lint check ## The edit loop: lint, the content check, unit and AppTest tests (no browser), one worker per core
	$(PY) -m pytest -m "not browser" -n auto

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
