# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check install system-deps lint format typecheck demo clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed system-deps

system-deps:
	@bash scripts/system-deps.sh

run: install
	$(BIN)/folkbib migrate --no-input
	$(BIN)/folkbib load-demo
	$(BIN)/folkbib runserver $(HOST):$(PORT)

demo: install
	$(BIN)/folkbib migrate --no-input
	$(BIN)/folkbib load-demo

test: install
	@bash scripts/test.sh

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: install
	$(BIN)/mypy folkbib config

check: lint typecheck test

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
