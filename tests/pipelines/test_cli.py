"""The `unisynth` command line: exit codes, inspect/export, and resume after SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import lance
import pytest
import yaml

from pipelines.cli import main

FLAKY = "tests.plugins:FlakyGenerator"
REPO = Path(__file__).resolve().parents[2]


def write_spec(tmp_path, **extra) -> Path:
    data = {
        "job": "cli", "num_samples": 40, "output": str(tmp_path / "out.lance"),
        "batch_size": 4, "commit_every": 10,
        "generators": [{"name": FLAKY, "params": {"size": 16}}],
        "filters": [{"name": "image_sanity"}],
    }
    data.update(extra)
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_run_inspect_and_export(ray_local, tmp_path, capsys):
    spec = write_spec(tmp_path)
    assert main(["run", str(spec), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "funnel" in out and "kept" in out and "40 rows" in out

    assert main(["inspect", str(tmp_path / "out.lance"), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["rows"] == 40
    assert info["counts"]["verdict"] == {"keep": 40}
    assert info["metadata"]["fingerprint"] and "FlakyGenerator" in info["metadata"]["generator_versions"]
    assert ("image", "binary") in [tuple(x) for x in info["schema"]]

    export = tmp_path / "export"
    assert main(["inspect", str(tmp_path / "out.lance"), "--export", str(export), "--limit", "3"]) == 0
    pngs, sides = sorted(export.glob("*.png")), sorted(export.glob("*.json"))
    assert len(pngs) == 3 and len(sides) == 3
    assert pngs[0].read_bytes()[:4] == b"\x89PNG"
    side = json.loads(sides[0].read_text())
    assert side["verdict"] == "keep" and side["spec"] == {"size": 16} and "image" not in side


def test_bad_input_exits_2_with_one_line(ray_local, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    spec = write_spec(tmp_path, output=str(blocker / "d.lance"))
    assert main(["run", str(spec)]) == 2
    err = capsys.readouterr().err
    assert "cannot create folder" in err and "Traceback" not in err

    spec = write_spec(tmp_path, resources={"generate": {"num_cpus": 2, "min_actors": 1}})
    assert main(["run", str(spec)]) == 2
    assert "wait forever" in capsys.readouterr().err

    assert main(["inspect", str(tmp_path / "nothing.lance")]) == 2
    assert "no Lance dataset there" in capsys.readouterr().err


def test_error_budget_exits_3(ray_local, tmp_path, capsys):
    spec = write_spec(tmp_path, num_samples=100, generators=[{"name": FLAKY, "params": {"size": 16, "fail_every": 1}}],
                      error_budget={"max_errors": 5})
    assert main(["run", str(spec), "--quiet"]) == 3
    assert "exceed error_budget.max_errors=5" in capsys.readouterr().err


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipelines.cli", *args]


@pytest.mark.slow
def test_sigkill_mid_run_then_rerun_gives_exact_count_and_unique_ids(tmp_path):
    n = 400
    spec = write_spec(tmp_path, num_samples=n, commit_every=20,
                      generators=[{"name": FLAKY, "params": {"size": 16, "delay_ms": 40}}])
    uri = str(tmp_path / "out.lance")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # A process group of its own: SIGKILL takes the driver and the Ray it started, as a
    # lost machine would.
    proc = subprocess.Popen(_cli("run", str(spec), "--quiet", "--num-cpus", "2"), cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    committed = 0
    deadline = time.time() + 240
    try:
        while time.time() < deadline and proc.poll() is None:
            try:
                committed = lance.dataset(uri).count_rows()
            except (ValueError, OSError):
                committed = 0
            if committed >= 40:
                break
            time.sleep(0.1)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()[-2000:]
    at_kill = lance.dataset(uri).count_rows()
    assert 40 <= at_kill < n, "the job must be killed mid-run"

    rerun = subprocess.run(_cli("run", str(spec), "--quiet", "--num-cpus", "2"), cwd=REPO, env=env,
                           capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    table = lance.dataset(uri).to_table(columns=["id", "seed"])
    ids = table["id"].to_pylist()
    assert len(ids) == n and len(set(ids)) == n
    assert sorted(table["seed"].to_pylist()) == list(range(n))
