# Larkpay SDK and conformance kit. `make` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The virtualenv is rebuilt only when the dependency lists in pyproject.toml change.
DEPS_HASH := $(shell $(PYTHON) tools/deps_hash.py)
DEPS_STAMP := $(VENV)/.deps-$(DEPS_HASH)
REDOCLY := tools/redocly/node_modules/.bin/redocly
PRISM := tools/prism/node_modules/.bin/prism
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true

.PHONY: help install generate check-generated spec-check changelog migration-guide lint test \
	conformance sandbox bench mutation

help: ## list the targets
	@echo "Larkpay SDK and conformance kit"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

install: $(DEPS_STAMP) ## create .venv with every dependency (reruns only when they change)

$(DEPS_STAMP):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.deps-*
	touch $@

generate: $(DEPS_STAMP) ## regenerate generated/larkpay_api from openapi.yaml (no-op when current)
	$(BIN)/python tools/generate.py

check-generated: $(DEPS_STAMP) ## fail, naming the files, if generated/ differs from openapi.yaml
	$(BIN)/python tools/generate.py --check

spec-check: $(DEPS_STAMP) ## fail if openapi.yaml breaks clients of the last release without a major bump
	$(BIN)/larkpay spec check

changelog: $(DEPS_STAMP) ## write the next release's changelog section to reports/CHANGELOG-next.md
	$(BIN)/larkpay spec changelog --output reports/CHANGELOG-next.md
	@cat reports/CHANGELOG-next.md

migration-guide: $(DEPS_STAMP) ## regenerate docs/migration-guide.md (last release -> openapi.yaml)
	$(BIN)/larkpay spec migration-guide --output docs/migration-guide.md

$(REDOCLY): tools/redocly/package.json tools/redocly/package-lock.json
	npm ci --prefix tools/redocly --no-audit --no-fund --loglevel=error
	touch $@

lint: $(DEPS_STAMP) ## ruff, mypy --strict, openapi-spec-validator and Redocly on the spec
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/openapi-spec-validator openapi.yaml
	@if command -v npm >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory $(REDOCLY) && $(REDOCLY) lint openapi.yaml --format stylish; \
	elif [ "$${CI:-}" = "true" ]; then \
	  echo "Redocly CLI needs Node.js and npm, which CI must have; install them." >&2; exit 1; \
	else \
	  echo "Redocly lint SKIPPED: Node.js/npm not found. Install Node.js 20+ to lint the spec with Redocly."; \
	fi

test: lint check-generated spec-check ## every check: lint, drift, the spec gate, the tests, the quick conformance run
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(PRISM); fi
	$(BIN)/python -m pytest tests --cov=overlay/larkpay --cov-branch --cov-report=term-missing:skip-covered --cov-fail-under=100
	$(BIN)/larkpay conformance --profile quick --report-dir reports/quick

conformance: $(DEPS_STAMP) ## the main job: the full conformance suite against the embedded sandbox
	$(BIN)/larkpay conformance --profile full

mutation: $(DEPS_STAMP) ## plant each sandbox mutant in a copy and run the suite on it (>= 95% killed)
	$(BIN)/python -m tools.mutation

sandbox: $(DEPS_STAMP) ## run the embedded sandbox on http://127.0.0.1:8787/v2
	$(BIN)/larkpay-sandbox

$(PRISM): tools/prism/package.json tools/prism/package-lock.json
	npm ci --prefix tools/prism --no-audit --no-fund --loglevel=error
	touch $@

bench: $(DEPS_STAMP) $(PRISM) ## run the benchmarks against their peers and rewrite bench/RESULTS.md
	@command -v wrk >/dev/null 2>&1 || { echo "make bench needs wrk (Debian: apt-get install wrk)." >&2; exit 1; }
	$(BIN)/python -m bench --conformance-profile full
