"""Curated views (filter, pinned version, registry) and the data plan (mixture weights,
no repeats, exact positions) — no training here."""

from __future__ import annotations

import json

import lance
import numpy as np
import pytest

from pipelines.cli import main
from training.config import ImageSettings
from training.plan import Plan, ViewRows, bucket_of, bucket_sizes
from training.views import View, ViewError, curate, load_views


def test_curate_pins_the_version_and_the_filter_admits_only_matching_rows(quickstart_dataset, tmp_path):
    registry = tmp_path / "views.json"
    view = curate(quickstart_dataset, "edits", "generator = 'editing' AND verdict = 'keep'", 2.0, registry)
    ds = lance.dataset(quickstart_dataset)
    assert view.version == ds.version and ds.tags.list()["view-edits"]["version"] == ds.version
    rows = view.take(view.row_ids(), ["id", "generator", "verdict"]).to_pylist()
    assert len(rows) == view.rows == ds.count_rows("generator = 'editing' AND verdict = 'keep'") > 0
    assert {r["generator"] for r in rows} == {"editing"} and {r["verdict"] for r in rows} == {"keep"}
    (loaded,) = load_views(["edits"], registry)
    assert loaded == view and json.loads(registry.read_text())["views"]["edits"]["weight"] == 2.0


def test_curate_errors_are_one_line(quickstart_dataset, tmp_path, capsys):
    registry = tmp_path / "views.json"
    with pytest.raises(ViewError, match="is not a valid filter"):
        curate(quickstart_dataset, "bad", "verdict = 'kep", registry=registry)
    with pytest.raises(ViewError, match="admits no row"):
        curate(quickstart_dataset, "none", "generator = 'nothing'", registry=registry)
    curate(quickstart_dataset, "all", "verdict = 'keep'", registry=registry)
    with pytest.raises(ViewError, match="exists .* pass --replace"):
        curate(quickstart_dataset, "all", "verdict = 'keep'", registry=registry)
    with pytest.raises(ViewError, match=r"unknown views \['nope'\]"):
        load_views(["nope"], registry)
    assert main(["curate", quickstart_dataset, "--name", "x", "--where", "nonsense ===", "--registry",
                 str(registry)]) == 2
    assert "is not a valid filter" in capsys.readouterr().err


def test_buckets_keep_aspect_and_size():
    settings = ImageSettings(min_px=512, max_px=1024, min_aspect=0.5, max_aspect=2.0)
    sizes = bucket_sizes(settings)
    assert all(w % 16 == 0 and h % 16 == 0 for w, h in sizes)
    assert bucket_of(1024, 512, sizes)[0] > bucket_of(1024, 512, sizes)[1]
    assert bucket_of(512, 1024, sizes)[0] < bucket_of(512, 1024, sizes)[1]
    w, h = bucket_of(768, 768, sizes)
    assert w == h


def _plan(views: list[View], world: int = 2, batch: int = 2) -> Plan:
    settings = ImageSettings(min_px=64, max_px=64, min_aspect=1.0, max_aspect=1.0)
    return Plan([ViewRows.scan(v, settings) for v in views], batch, world, seed=3)


def test_mixture_respects_weights_and_batches_never_repeat_within_an_epoch(quickstart_dataset, tmp_path):
    registry = tmp_path / "views.json"
    a = curate(quickstart_dataset, "text", "generator = 'text_rendering'", 3.0, registry)
    b = curate(quickstart_dataset, "rest", "generator != 'text_rendering'", 1.0, registry)
    plan = _plan([a, b])
    choices = plan.view_choices(20_000)
    assert abs((choices == 0).mean() - 0.75) < 0.015
    assert np.array_equal(plan.view_choices(50), choices[:50]), "a longer run starts with the same steps"
    # Over one epoch of view `text`, both workers together see each of its rows exactly once.
    per_epoch = len(plan._epoch(0, 0))
    seen = [rid for k in range(per_epoch) for rid in plan.batch(0, k).row_ids]
    assert sorted(seen) == sorted(plan.views[0].row_ids.tolist())


def test_worker_positions_resume_exactly(quickstart_dataset, tmp_path):
    view = curate(quickstart_dataset, "all", "verdict = 'keep'", registry=tmp_path / "views.json")
    plan = _plan([view])
    straight = plan.worker_batches(rank=1, start_step=0, steps=12)
    resumed = plan.worker_batches(rank=1, start_step=5, steps=12)
    assert [(s, b.row_ids) for s, b in straight[5:]] == [(s, b.row_ids) for s, b in resumed]
    other = plan.worker_batches(rank=0, start_step=0, steps=12)
    for (_, mine), (_, theirs) in zip(straight[:3], other[:3]):
        assert not set(mine.row_ids) & set(theirs.row_ids), "workers never share a batch"
    ledger = plan.ledger(12)
    assert ledger["all"]["steps"] == 12 and ledger["all"]["samples"] == 12 * 2 * 2


def test_what_the_assistant_turn_says():
    from training.preprocess import response_for

    und = {"task": "und", "cot": "It reads 23:40.", "answer": '{"answer": "23:40", "lines": []}'}
    gen = {"task": "t2i", "cot": "An apple is red.", "answer": None}
    assert response_for(und, cot=False) == "23:40"
    assert response_for(und, cot=True) == "It reads 23:40.\nAnswer: 23:40"
    assert response_for(gen, cot=False) == "" and response_for(gen, cot=True) == "An apple is red."
    assert response_for({**gen, "cot": None}, cot=True) == ""
