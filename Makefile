# `make` builds the example program into out/; `make test` runs the tests; `make bench` times
# the build on generated schedules. Each creates and fills .venv itself on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
EXAMPLE := data/mlsys-2019.yaml
ATTENDEES := data/mlsys-2019-attendees.csv

.PHONY: all build check test bench clean distclean

all: build

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

check: $(STAMP)
	$(PY) -m program check $(EXAMPLE)

build: $(STAMP)
	$(PY) -m program build $(EXAMPLE) -o out
	$(PY) -m program badges $(EXAMPLE) $(ATTENDEES) -o out --qr id

test: $(TEST_STAMP)
	$(PY) -m pytest

BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	touch $@

bench: $(BENCH_STAMP)
	$(PY) -m bench

clean:
	rm -rf out/*.pdf out/*.ics out/.*.tmp

distclean: clean
	rm -rf $(VENV)
