# briefing: `make demo` renders the sample briefing, `make test` runs the suite.
# Both create .venv and install what a fresh Debian machine lacks on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# What the reports need from the system: a Times-like serif with Vietnamese (PDF and HTML),
# DejaVu Sans for the text of the charts,
# Pango for WeasyPrint, Chromium for the browser checks, poppler for looking at PDF pages.
SYSTEM_PACKAGES := fonts-liberation2 fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 chromium poppler-utils
PYTEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help system venv demo test lab bench sample clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "} {printf "  make %-8s %s\n", $$1, $$2}'

system: ## install the system packages above (Debian; skips those already there)
	@if ! command -v dpkg >/dev/null 2>&1; then \
	  echo "not a Debian system: install by hand $(SYSTEM_PACKAGES)"; exit 0; fi; \
	missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  echo "installing system packages:" $$missing; \
	  $$sudo apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    $$missing >/dev/null; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test,dask]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(BIN)/python -m compileall -q lib   # bytecode once: some hosts set PYTHONDONTWRITEBYTECODE
	touch $(STAMP)

venv: $(STAMP) ## create .venv and install briefing with its test tools

demo: system venv ## render the default Vietnamese briefing (HTML and PDF) from data/sample into outputs/
	$(BIN)/briefing run params/2020S1-baclieu.yaml >/dev/null
	@echo "The briefing is at: outputs/2020S1/baclieu/briefing.vi.html (and .pdf)"

test: system venv ## run the whole test suite
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q

$(VENV)/.lab: $(STAMP)
	$(BIN)/pip install -q -e ".[lab]"
	touch $(VENV)/.lab

lab: $(VENV)/.lab ## open JupyterLab on notebooks/ with the project's kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: venv ## time 24 reports every way, and the library on 21M rows (several minutes)
	$(BIN)/python bench/run_bench.py

sample: venv ## regenerate data/sample and data/sample.xlsx (deterministic)
	$(BIN)/python data/make_sample.py

clean: ## remove generated reports and caches (keeps .venv)
	find outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
	rm -rf tests/artifacts .pytest_cache
