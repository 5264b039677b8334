# Two commands for a fresh Debian machine with Python 3.11:
#   make serve   build the archive from seeds/ and serve it on http://127.0.0.1:8000
#   make test    run the whole test suite (unit, integration, browser)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
SEEDS  ?= seeds
ADDR   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build site test browser-deps bench clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed

# serve: the first build is full; after an edit only the pages whose Markdown
# changed are rendered again (--dirty; hooks.py keeps the search index whole).
serve: $(BIN)/.installed
	ARCHIVE_SEEDS=$(abspath $(SEEDS)) $(BIN)/mkdocs serve --dirty --dev-addr $(ADDR)

# build: a clean site/, as deployed. DIRTY=1 reuses the previous site/ and
# renders only changed pages (not after changing templates, mkdocs.yml or hooks.py).
build: $(BIN)/.installed
	ARCHIVE_SEEDS=$(abspath $(SEEDS)) $(BIN)/mkdocs build --strict $(if $(DIRTY),--dirty)

# Debian's chromium (Playwright drives it; no browser download) and a CJK font.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/opentype/noto ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

test: $(BIN)/.installed browser-deps
	$(BIN)/python -m pytest

# Speed and size at 100, 1,000 and 10,000 synthetic articles -> docs/PERFORMANCE.md
# (SIZES=100,1000 for a quick run). Never part of `make test`.
bench: $(BIN)/.installed
	$(BIN)/python -m bench $(if $(SIZES),--sizes $(SIZES))

clean:
	rm -rf site .pytest_cache test-artifacts
