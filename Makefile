# The two commands in the README: `make run` and `make test`. Everything else here serves them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE ?= send_portal.settings.base

.PHONY: run test install system-packages python-packages frontend lint check-migrations demo serve

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py seed_demo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install lint check-migrations
	$(BIN)/pytest $(PYTEST_ARGS)

install: system-packages python-packages frontend

system-packages:
	./scripts/install-system-packages.sh

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

python-packages: $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'

frontend:
	npm ci --no-audit --no-fund --loglevel=error
	node frontend/build.mjs

lint:
	$(BIN)/ruff check .

check-migrations:
	$(BIN)/python manage.py makemigrations --check --dry-run
