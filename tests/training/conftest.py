"""A small quickstart dataset, a tokenizer trained on its text, and a tiny training config."""

from __future__ import annotations

from pathlib import Path

import lance
import pytest
import yaml

from model.tokenizer import train_bpe
from pipelines.runner import run_job
from pipelines.spec import load_spec

QUICKSTART = Path(__file__).resolve().parents[2] / "pipelines" / "quickstart.yaml"


@pytest.fixture(scope="session")
def quickstart_dataset(ray_local, tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("train_data")
    spec = load_spec(QUICKSTART, output=str(folder / "qs.lance"), num_samples=24)
    run_job(spec)
    return spec.output


@pytest.fixture(scope="session")
def train_tokenizer(quickstart_dataset, tmp_path_factory) -> str:
    rows = lance.dataset(quickstart_dataset).to_table(columns=["instruction", "cot", "answer"]).to_pylist()
    texts = [r[k] or "" for r in rows for k in ("instruction", "cot", "answer")] * 3
    folder = tmp_path_factory.mktemp("tokenizer")
    train_bpe(texts + ["Answer: 42", "<img> draw"], vocab_size=500, folder=folder)
    return str(folder)


def tiny_config(tmp_path: Path, tokenizer: str, **overrides) -> Path:
    config = {"name": "tiny", "model": "tiny", "tokenizer": tokenizer, "vae": "random", "stage": 3,
              "trainable": ["all"], "steps": 6, "batch_size": 1, "lr": 2.0e-3, "schedule": "constant",
              "warmup_steps": 0, "ntp_weight": 1.0, "fm_weight": 1.0,
              "image": {"min_px": 64, "max_px": 64, "min_aspect": 1.0, "max_aspect": 1.0},
              "num_workers": 2, "cpus_per_worker": 0.4, "data_workers": 0.2, "checkpoint_every": 2, "log_every": 1,
              "precision": "fp32", "max_failures": 1, **overrides}
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(config))
    return path
