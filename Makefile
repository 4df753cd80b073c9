# The two commands of the README: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.9
UV := .uv/bin/uv
VENV := .venv
BIN := $(VENV)/bin
# uv uses the Python named above and never downloads one.
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup run test lint typecheck format bench bench-search clean

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# The environment, exactly as uv.lock pins it.
$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	touch $@

setup: $(VENV)/.synced

run: setup  ## Migrate the SQLite database, load the seed data and serve http://127.0.0.1:8000
	$(BIN)/atlas db upgrade
	$(BIN)/atlas seed
	$(BIN)/atlas serve

lint: setup
	$(BIN)/ruff check backend tests migrations bench
	$(BIN)/ruff format --check backend tests migrations bench

typecheck: setup
	$(BIN)/mypy

# The browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

test: lint typecheck $(CHROMIUM)  ## Lint, type-check and run every test (PostgreSQL and Chromium ones too)
	$(BIN)/pytest -n 2 --dist loadfile

format: setup
	$(BIN)/ruff check --fix backend tests migrations bench
	$(BIN)/ruff format backend tests migrations bench

bench: setup  ## Read benchmark on SQLite and PostgreSQL (docs/performance.md); ARGS=--quick for a short run
	$(BIN)/python bench/run.py $(ARGS)

bench-search: setup  ## Search benchmark on SQLite and PostgreSQL, 10,000 and 100,000 documents; ARGS=--quick for a short run
	$(BIN)/python bench/search.py $(ARGS)

clean:
	rm -rf .uv $(VENV) .pytest_cache .mypy_cache .ruff_cache
