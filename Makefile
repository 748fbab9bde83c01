# Acorn — two commands: `make run` (set up + serve on the embedded defaults) and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON ?= python3
# Extra pip options for torch, e.g. TORCH_PIP_ARGS="--index-url https://download.pytorch.org/whl/cpu"
# on machines where PyPI's default torch wheel would be a multi-GB CUDA build.
TORCH_PIP_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 8000

APT_RUN  := python3-venv chromium espeak-ng
APT_TEST := postgresql redis-server nginx
APT_BENCH := nginx wrk

.PHONY: setup system-deps test-deps run test lint format services stop-services bench clean

setup: system-deps $(VENV)/.installed

system-deps:
	@scripts/apt-ensure.sh $(APT_RUN)

test-deps:
	@scripts/apt-ensure.sh $(APT_TEST)

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0 $(TORCH_PIP_ARGS)
	$(PIP) install -q -e '.[dev]'
	touch $@

run: setup
	$(VENV)/bin/acorn serve --host $(HOST) --port $(PORT)

services: test-deps
	@scripts/test-services.sh start

stop-services:
	@scripts/test-services.sh stop

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy

test: setup services lint
	set -a; source .test-services.env; set +a; \
	  $(VENV)/bin/pytest -q -p no:cacheprovider $(PYTEST_ARGS)

# The headline benchmarks (figures printed, see docs/architecture.md and docs/answering.md).
bench: setup
	@scripts/apt-ensure.sh $(APT_BENCH)
	$(PY) bench/crawl.py --runs 3
	$(PY) bench/query.py

format: setup
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

clean:
	rm -rf $(VENV) .test-services.env .mypy_cache .ruff_cache
