# The two commands of the README:
#   make up     install, create the SQLite database, fetch from SCB and Kolada, serve
#   make test   install, make sure the test services run, lint, type-check, run every test
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin

.PHONY: install up test lint services system-deps

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

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

test: install services system-deps lint
	CI=$${CI:-} $(BIN)/pytest
