# Two commands for a new user: `make demo` and `make test`. Both create/reuse .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint lock bench clean

setup: $(STAMP)

# torch first, CPU build: the PyTorch CPU index when it is reachable, otherwise the default index
# (on machines with a local CPU wheel, e.g. our CI image). A plain `pip install torch` elsewhere
# would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	if $(BIN)/python -c "import socket; socket.getaddrinfo('download.pytorch.org', 443)" 2>/dev/null; then \
	  $(BIN)/python -m pip install -q torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu; \
	else \
	  $(BIN)/python -m pip install -q torch==2.13.0; \
	fi
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[dev]"
	$(BIN)/python -c "import torch; assert '+cu' not in torch.__version__, 'a CUDA torch build was installed: ' + torch.__version__"
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p reports
	HF_HUB_OFFLINE=1 $(BIN)/consistency check --config corpora/demo/consistency.yaml \
	  --copy corpora/demo/copy --conversations corpora/demo/calls --conversations corpora/demo/emails \
	  --format html --output reports/demo.html
	HF_HUB_OFFLINE=1 $(BIN)/consistency check --config corpora/demo/consistency.yaml \
	  --copy corpora/demo/copy --conversations corpora/demo/calls --conversations corpora/demo/emails \
	  --format text --output reports/demo.txt
	@head -n 40 reports/demo.txt
	@echo "Open reports/demo.html in a browser for the full report."

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP)
	$(BIN)/ruff check .
	HF_HUB_OFFLINE=1 $(BIN)/pytest -q

# Regenerate the constraints (lock) file from the current environment.
lock:
	$(BIN)/python -m pip freeze --exclude-editable | sed -e 's/+cpu$$//' | grep -v '^-e' > constraints.txt

bench: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python benchmarks/engine_accuracy.py
	HF_HUB_OFFLINE=1 $(BIN)/python benchmarks/engine_speed.py

clean:
	rm -rf $(VENV) reports .pytest_cache .ruff_cache
