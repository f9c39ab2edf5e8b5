# The two commands of the README:
#   make up     install, create the SQLite database, fetch from SCB and Kolada, serve
#   make test   install, make sure the test services run, lint, type-check, run every test
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin

.PHONY: install up test lint services system-deps wheel-smoke

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,postgres]"
	touch $@

install: $(BIN)/.installed

up: install
	$(BIN)/levande up

services:
	bash .ci/services

system-deps:
	bash .ci/system-deps

# ruff (style and bugs), mypy strict, and the import-linter contracts that keep the layers apart.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# The built wheel in a clean environment outside the checkout: upgrade, load, serve, /readyz.
wheel-smoke: install
	bash .ci/wheel-smoke

test: install services system-deps lint wheel-smoke
	CI=$${CI:-} $(BIN)/pytest
