# Two entry points: `make demo` (set up + quickstart job) and `make test` (set up + suite).
# Both create .venv when missing; system packages (fonts) come from `make system-deps`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
FONTS  := fonts-dejavu-core fonts-liberation2

.PHONY: demo test system-deps bench clean-data

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

# Fonts the text generator renders with; apt-get needs root, so skip when present.
system-deps:
	@if ! fc-list 2>/dev/null | grep -q "Liberation Sans"; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(FONTS) fontconfig; \
	fi

demo: system-deps $(STAMP)
	$(VENV)/bin/unisynth run pipelines/quickstart.yaml
	$(VENV)/bin/unisynth inspect data/quickstart.lance --export data/quickstart_export --limit 8

test: system-deps $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/pipeline_overhead.py
	$(PY) bench/sink_scaling.py

clean-data:
	rm -rf data/
