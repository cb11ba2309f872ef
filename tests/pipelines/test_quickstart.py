"""The ready quickstart spec end to end: 200 samples of every generator through the
session's local Ray into Lance, read back with `lance`."""

from __future__ import annotations

import json
from pathlib import Path

import lance
import pytest
import yaml

from pipelines.cli import main
from pipelines.runner import run_job
from pipelines.spec import load_spec
from pipelines.stages import GenerateStage
from synthesis.generator import GENERATORS

QUICKSTART = Path(__file__).resolve().parents[2] / "pipelines" / "quickstart.yaml"


@pytest.mark.slow
def test_quickstart_200_samples_end_to_end(ray_local, tmp_path):
    spec = load_spec(QUICKSTART, output=str(tmp_path / "qs.lance"))
    assert spec.num_samples == 200
    assert {g.name for g in spec.generators} == set(GENERATORS), "quickstart must mix every generator"
    result = run_job(spec)

    ds = lance.dataset(spec.output)
    table = ds.to_table(columns=["id", "generator", "seed", "task", "verdict", "image", "width", "height",
                                 "instruction", "labels", "spec", "image_sanity_std"])
    rows = table.to_pylist()
    assert len(rows) == 200 == result.written and len({r["id"] for r in rows}) == 200
    assert {r["generator"] for r in rows} == set(GENERATORS)
    assert all(r["verdict"] in ("keep", "reject") for r in rows)
    assert sum(r["verdict"] == "keep" for r in rows) >= 190
    assert all(r["image"][:4] == b"\x89PNG" and r["width"] > 0 and r["image_sanity_std"] > 2 for r in rows
               if r["verdict"] == "keep")
    assert all(json.loads(r["spec"]) for r in rows)
    assert len(ds.get_fragments()) <= 2, "the sink compacts at the end of a job"

    # Byte-identical images: re-render three samples here, outside Ray, from the spec.
    stage = GenerateStage(spec.model_dump_json())
    for r in rows[:: len(rows) // 3][:3]:
        assert stage.generate_one(r["generator"], r["seed"]).image == r["image"], r["id"]


def test_missing_font_is_a_one_line_error_before_ray(tmp_path, capsys):
    spec = yaml.safe_load(QUICKSTART.read_text())
    spec["output"] = str(tmp_path / "x.lance")
    spec["generators"][0]["params"]["fonts"] = ["No Such Sans"]
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec))
    assert main(["run", str(path)]) == 2
    err = capsys.readouterr().err
    assert "generators[0] (text_rendering): font families ['No Such Sans'] are not installed" in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.lance").exists(), "nothing is created for a job that cannot start"
