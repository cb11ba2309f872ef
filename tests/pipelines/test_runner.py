"""Jobs through the session's local Ray (2 CPUs, fractional actors) into Lance."""

from __future__ import annotations

import lance
import pytest

from pipelines.resources import UnschedulableError
from pipelines.runner import ErrorBudgetExceeded, PreflightError, run_job
from pipelines.sink import ledger_uri
from pipelines.spec import validate_spec

FLAKY = "tests.plugins:FlakyGenerator"
BLANK = "tests.plugins:BlankGenerator"


def spec(tmp_path, name="d", **extra):
    data = {
        "job": "j", "seed": 1000, "num_samples": 60, "output": str(tmp_path / f"{name}.lance"),
        "batch_size": 4, "commit_every": 16,
        "generators": [{"name": FLAKY, "weight": 1, "params": {"size": 24}},
                       {"name": BLANK, "weight": 1, "params": {"size": 24}}],
        "filters": [{"name": "image_sanity"}],
    }
    data.update(extra)
    return validate_spec(data)


def rows(uri, columns=("id", "seed", "verdict", "reason", "image")):
    return {r["id"]: r for r in lance.dataset(uri).to_table(columns=list(columns)).to_pylist()}


def test_job_writes_every_sample_once_with_verdicts(ray_local, tmp_path):
    s = spec(tmp_path)
    result = run_job(s)
    got = rows(s.output)
    assert len(got) == 60 == result.written
    assert {r["seed"] for r in got.values()} == set(range(1000, 1060))
    blank = [r for r in got.values() if r["id"].startswith(f"j/{BLANK}/") and r["seed"] % 2]
    assert blank and all(r["verdict"] == "reject" and r["reason"].startswith("image_sanity: std=") for r in blank)
    assert result.funnel.total == 60 and result.funnel.rejected_by_filter["image_sanity"] == len(blank)
    assert result.funnel.verdicts["keep"] == 60 - len(blank)


def test_same_spec_gives_byte_identical_images(ray_local, tmp_path):
    a, b = spec(tmp_path, "a", num_samples=24), spec(tmp_path, "b", num_samples=24)
    run_job(a)
    run_job(b)
    ra, rb = rows(a.output), rows(b.output)
    assert ra.keys() == rb.keys()
    assert all(ra[k]["image"] == rb[k]["image"] for k in ra)


def test_growing_a_finished_job_adds_only_new_samples(ray_local, tmp_path):
    s = spec(tmp_path, num_samples=20)
    run_job(s)
    before = rows(s.output)
    result = run_job(spec(tmp_path, num_samples=45))
    after = rows(s.output)
    assert result.already_done == 20 and result.written == 25
    assert len(after) == 45 and all(after[k]["image"] == v["image"] for k, v in before.items())
    again = run_job(spec(tmp_path, num_samples=45))
    assert again.written == 0 and len(rows(s.output)) == 45


def test_generator_errors_become_rows_within_budget(ray_local, tmp_path):
    s = spec(tmp_path, generators=[{"name": FLAKY, "params": {"size": 16, "fail_every": 10}}],
             error_budget={"max_error_fraction": 0.2, "min_rows_for_fraction": 10})
    run_job(s)
    got = rows(s.output, ("id", "seed", "verdict", "reason", "image"))
    errors = [r for r in got.values() if r["verdict"] == "error"]
    assert len(got) == 60
    assert sorted(r["seed"] for r in errors) == [1000, 1010, 1020, 1030, 1040, 1050]
    assert all(r["image"] is None and r["reason"] == f"RuntimeError: planted failure at seed {r['seed']}" for r in errors)


def test_error_budget_stops_the_job_and_keeps_what_was_written(ray_local, tmp_path):
    s = spec(tmp_path, num_samples=200, generators=[{"name": FLAKY, "params": {"size": 16, "fail_every": 2}}],
             error_budget={"max_error_fraction": 0.2, "min_rows_for_fraction": 8})
    with pytest.raises(ErrorBudgetExceeded, match="max_error_fraction=0.2"):
        run_job(s)
    got = rows(s.output)
    assert 8 <= len(got) < 200
    assert len({r["seed"] for r in got.values()}) == len(got)


def test_dropping_rejects_still_accounts_for_every_sample(ray_local, tmp_path):
    s = spec(tmp_path, keep_rejected=False)
    run_job(s)
    kept, ledger = lance.dataset(s.output), lance.dataset(ledger_uri(s.output))
    assert kept.count_rows() + ledger.count_rows() == 60
    assert ledger.count_rows() > 0 and set(ledger.to_table(columns=["verdict"])["verdict"].to_pylist()) == {"reject"}
    assert run_job(spec(tmp_path, keep_rejected=False)).written == 0  # resume knows the dropped ids


def test_unschedulable_resources_fail_at_once(ray_local, tmp_path):
    s = spec(tmp_path, resources={"generate": {"num_cpus": 1, "min_actors": 2}})
    with pytest.raises(UnschedulableError, match="wait forever"):
        run_job(s)


def test_unwritable_output_is_a_preflight_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    s = spec(tmp_path, output=str(blocker / "sub" / "d.lance"))
    with pytest.raises(PreflightError, match="cannot create folder"):
        run_job(s)


def test_relative_output_lands_under_the_drivers_working_directory(ray_local, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = spec(tmp_path, output="rel/d.lance", num_samples=8)
    run_job(s)
    assert lance.dataset(str(tmp_path / "rel" / "d.lance")).count_rows() == 8
