# `make` builds the example program into out/; `make test` runs the tests; `make bench` times
# the build on generated schedules. Each creates and fills .venv itself on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
EXAMPLE := data/mlsys-2019.yaml
ATTENDEES := data/mlsys-2019-attendees.csv

.PHONY: all build check test bench clean distclean preflight

all: build

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e '.[test]'
	-@$(MAKE) --no-print-directory preflight
	touch $@

# Apache PDFBox Preflight (Debian's libpdfbox2-java) for tests/render/test_archival.py:
# installed when it can be (root with apt-get); without it that test is skipped, saying so.
PREFLIGHT_DEBS := libpdfbox2-java libactivation-java libjaxb-api-java
preflight:
	@if [ -e /usr/share/java/preflight.jar ] && [ -e /usr/share/java/jaxb-api.jar ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(PREFLIGHT_DEBS) >/dev/null 2>&1 || \
	  { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -q $(PREFLIGHT_DEBS) >/dev/null 2>&1; } || \
	  echo "PDFBox Preflight could not be installed: its test will be skipped"; \
	else echo "PDFBox Preflight not installed (needs root and apt-get): its test will be skipped"; fi

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
