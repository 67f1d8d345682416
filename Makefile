# Front door. `make figures` = main job (data + every notebook + every figure); `make test` = whole test suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# A relative mirror path counts from the project root, wherever a notebook's kernel runs.
ifdef HELPERS_DATA_MIRROR
export HELPERS_DATA_MIRROR := $(abspath $(HELPERS_DATA_MIRROR))
endif
export SOURCE_DATE_EPOCH ?= 946684800
export MPLBACKEND := Agg
export PYTHONHASHSEED := 0

NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))

.PHONY: help setup spark data figures exercises site lint test bench lock clean

help:  ## list targets
	@grep -E '^[a-z]+:.*## ' Makefile | sed 's/:.*## /\t/'

setup: $(STAMP)  ## create .venv and install the pinned environment (only when requirements change)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed, found " + sys.version'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 > /dev/null
	touch $(STAMP)

SPARK_STAMP := $(VENV)/.spark-installed

spark: $(SPARK_STAMP)  ## install the optional PySpark backend (needs Java 17); the tests and benchmarks use it

$(SPARK_STAMP): $(STAMP) requirements-spark.txt
	$(BIN)/python -m pip install --quiet -r requirements-spark.txt
	touch $(SPARK_STAMP)

PROCESSED_STAMP := build/processed.stamp
PROCESSED_INPUTS := $(wildcard src/helpers/*.py src/helpers/*/*.py src/helpers/*.csv data/curated/*.csv) data/sources.toml

data: $(PROCESSED_STAMP)  ## fetch and verify the raw sources (or read HELPERS_DATA_MIRROR), then build data/processed/

# Rebuilt when the code or curated inputs change (and once per fresh clone); the build is deterministic.
$(PROCESSED_STAMP): $(STAMP) $(PROCESSED_INPUTS)
	$(BIN)/python -m helpers.sources fetch
	$(BIN)/python -m helpers.build
	@mkdir -p build && touch $@

figures: data  ## execute every notebook in a fresh kernel (two at a time); figures and manifest land in figures/
	rm -f figures/*.png figures/*.pdf figures/*.svg figures/manifest.json
	$(BIN)/python -m helpers.notebooks $(NOTEBOOKS)

exercises: data  ## build the classroom exercises: student notebooks and autograders in build/exercises/
	$(BIN)/python exercises/build.py

site: figures  ## the HTML edition in build/site/ (open build/site/index.html), from the notebooks just executed
	$(BIN)/python -m helpers.site

lint: $(STAMP)  ## code style (ruff) and the package's declared layers (import-linter)
	$(BIN)/ruff check src tests benchmarks exercises/build.py
	$(BIN)/ruff format --check src tests benchmarks exercises/build.py
	$(BIN)/lint-imports

test: lint $(SPARK_STAMP)  ## lint, then the doctests and the tests (every notebook executed, figures compared, HTML edition in a browser)
	$(BIN)/python -m helpers.sources fetch
	$(BIN)/python -m pytest --doctest-modules src/helpers --ignore=src/helpers/kcna/__main__.py --ignore=tests/data tests

bench: $(SPARK_STAMP)  ## speed benchmarks (not part of the tests)
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_kcna_extract.py
	$(BIN)/python benchmarks/bench_vote_similarity.py
	$(BIN)/python benchmarks/bench_indicators.py
	$(BIN)/python benchmarks/bench_notebooks.py

lock:  ## regenerate requirements.txt from requirements.in (needs network)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/python -m uv pip compile requirements.in -o requirements.txt --python-version 3.11 --universal

clean:  ## remove the environment, caches and executed notebooks (keeps committed data and figures)
	rm -rf $(VENV) build .pytest_cache .hypothesis
