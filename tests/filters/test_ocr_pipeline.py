"""The OCR judge as a pipeline stage: text_rendering -> image_sanity -> ocr -> Lance."""

from __future__ import annotations

import json

import lance
import pytest

from pipelines.runner import run_job
from pipelines.spec import validate_spec


@pytest.mark.slow  # ~18 s on an idle 2-core machine: Ray actors start and each loads its models
def test_ocr_scores_land_in_the_dataset(ray_local, tmp_path):
    spec = validate_spec({
        "job": "ocr", "seed": 7, "num_samples": 4, "output": str(tmp_path / "ocr.lance"),
        "batch_size": 2, "commit_every": 4,
        "generators": [{"name": "text_rendering", "params": {"min_size": 512, "max_size": 640}}],
        "filters": [{"name": "image_sanity"},
                    {"name": "ocr", "thresholds": {"detect_fraction": 1.0}}],
    })
    result = run_job(spec)
    rows = lance.dataset(spec.output).to_table(
        columns=["id", "verdict", "reason", "labels", "ocr_cer", "ocr_lines", "ocr_unscored_lines",
                 "ocr_missed", "ocr_extra", "ocr_text"]).to_pylist()
    assert len(rows) == 4 == result.written
    scored = [r for r in rows if r["ocr_lines"]]
    assert scored, rows
    assert all(r["ocr_cer"] is not None and 0 <= r["ocr_cer"] <= 1 for r in scored)
    assert all(r["ocr_missed"] is not None and r["ocr_extra"] is not None for r in scored)  # detect_fraction 1.0
    assert all(len(json.loads(r["ocr_text"])) == len(json.loads(r["labels"])["lines"]) for r in scored)
    assert sum(r["verdict"] == "keep" for r in rows) >= 3, [(r["id"], r["reason"]) for r in rows]
