# kg — the two commands of the README, and the pieces they are made of.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out/demo
REFERENCE_DATE ?= 2025-06-30

.PHONY: demo test test-fast lint bench install install-dev clean

## demo: install kg and build the sample corpus into out/demo
demo: $(BIN)/.kg-core
	$(BIN)/kg build data/corpus --manifest data/corpus/manifest.csv \
	    --reference-date $(REFERENCE_DATE) --out $(OUT)
	@echo "HTML graph:   $(OUT)/graph.html"
	@echo "Turtle:       $(OUT)/merged.ttl   (all named graphs: $(OUT)/graph.trig)"
	@echo "Query it:     $(BIN)/kg query facts --out $(OUT)"

## test: install kg with the test extras (Stanza, browser) and run every test
test: $(BIN)/.kg-dev
	bash scripts/install-test-deps.sh
	$(BIN)/python -m pytest -q -rs

## test-fast: the tests without browser, Stanza training and servers
test-fast: $(BIN)/.kg-dev
	$(BIN)/python -m pytest -q -m "not slow and not browser and not stanza and not servers"

lint: $(BIN)/.kg-dev
	$(BIN)/ruff check kg tests bench notebooks ontologies
	$(BIN)/ruff format --check kg tests bench notebooks ontologies

bench: $(BIN)/.kg-core
	$(BIN)/python bench/run.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(BIN)/.kg-core: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e .
	touch $@

# torch is pinned to the CPU build the stanza extra names; pip installs it first.
$(BIN)/.kg-dev: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q "torch==2.13.0"
	$(BIN)/python -m pip install -q -e ".[dev,stanza]"
	touch $@ $(BIN)/.kg-core

install: $(BIN)/.kg-core
install-dev: $(BIN)/.kg-dev

clean:
	rm -rf out build *.egg-info .pytest_cache test-artifacts
