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
.PHONY: help system venv demo test lint test-oldest lab kernel bench sample clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "} {printf "  make %-11s %s\n", $$1, $$2}'

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
	$(BIN)/python -m ipykernel install --sys-prefix --name briefing --display-name "Python (briefing)" >/dev/null
	$(BIN)/python -m compileall -q lib   # bytecode once: some hosts set PYTHONDONTWRITEBYTECODE
	touch $(STAMP)

venv: $(STAMP) ## create .venv and install briefing with its test tools

demo: system venv ## render the default Vietnamese briefing (HTML and PDF) from data/sample into outputs/
	$(BIN)/briefing run params/2020S1-baclieu.yaml >/dev/null
	@echo "The briefing is at: outputs/2020S1/baclieu/briefing.vi.html (and .pdf)"

test: system venv lint ## run the linter, then the whole test suite (doctests included)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q

lint: venv ## check the code with ruff (configured in pyproject.toml)
	$(BIN)/ruff check lib tests bench

# A second venv with the lowest pandas, numpy and matplotlib that pyproject.toml allows
# (pinned in ci/oldest-constraints.txt), so that the lower bounds are tested, not guessed.
OLDEST       := .venv-oldest
OLDEST_BIN   := $(OLDEST)/bin
OLDEST_STAMP := $(OLDEST)/.installed

$(OLDEST_STAMP): pyproject.toml ci/oldest-constraints.txt
	$(PYTHON) -m venv $(OLDEST)
	$(OLDEST_BIN)/pip install -q --upgrade pip
	$(OLDEST_BIN)/pip install -q -c ci/oldest-constraints.txt -e ".[test,dask]"
	$(OLDEST_BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(OLDEST_BIN)/python -m ipykernel install --sys-prefix --name briefing --display-name "Python (briefing)" >/dev/null
	$(OLDEST_BIN)/python -m compileall -q lib
	touch $(OLDEST_STAMP)

test-oldest: system $(OLDEST_STAMP) ## run the suite on the lowest pandas, numpy, matplotlib allowed
	@# The notebooks' kernel must be this venv's python, not one found elsewhere on the Jupyter path.
	@$(OLDEST_BIN)/python -c "import sys, pandas, numpy, matplotlib; \
	  from jupyter_client.kernelspec import get_kernel_spec; \
	  kernels = {name: get_kernel_spec(name).argv[0] for name in ('python3', 'briefing')}; \
	  assert all(k.startswith(sys.prefix) for k in kernels.values()), f'{kernels} not in {sys.prefix}'; \
	  print('oldest: pandas', pandas.__version__, 'numpy', numpy.__version__, \
	        'matplotlib', matplotlib.__version__)"
	$(OLDEST_BIN)/python -m pytest -n $(PYTEST_WORKERS) -q

$(VENV)/.lab: $(STAMP)
	$(BIN)/pip install -q -e ".[lab]"
	touch $(VENV)/.lab

lab: $(VENV)/.lab ## open JupyterLab on notebooks/ with the project's kernel (also as root)
	$(BIN)/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

kernel: venv ## list the "Python (briefing)" kernel in your own JupyterLab and VS Code too
	$(BIN)/python -m ipykernel install --user --name briefing --display-name "Python (briefing)"

bench: venv ## time 24 reports every way, and the library on 21M rows (several minutes)
	$(BIN)/python bench/run_bench.py

sample: venv ## regenerate data/sample and data/sample.xlsx (deterministic)
	$(BIN)/python data/make_sample.py

clean: ## remove generated reports and caches (keeps .venv)
	find outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
	rm -rf tests/artifacts .pytest_cache
