"""Ray Train runs of the tiny model on a quickstart dataset (2 workers, fractional CPUs):
metrics and checkpoints; a killed worker restarts from the last checkpoint; a stopped
run resumes with `--resume`; both continue the consumed-sample ledger exactly."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from pipelines.cli import main
from tests.training.conftest import tiny_config
from training.config import load_config
from training.run import checkpoints, train
from training.views import curate


def consumed(run_dir: Path) -> dict[tuple[int, int], list[str]]:
    """(rank, step) -> sample ids, the last time each step ran (a restarted step runs again)."""
    out = {}
    for rank in (0, 1):
        for line in (run_dir / f"consumed_rank{rank}.jsonl").read_text().splitlines():
            row = json.loads(line)
            out[(rank, row["step"])] = row["ids"]
    return out


@pytest.fixture(scope="module")
def views(quickstart_dataset, tmp_path_factory):
    registry = tmp_path_factory.mktemp("views") / "views.json"
    curate(quickstart_dataset, "gen", "verdict = 'keep' AND task != 'und'", 1.0, registry)
    curate(quickstart_dataset, "und", "verdict = 'keep' AND task = 'und'", 1.0, registry)
    return registry


@pytest.fixture(scope="module")
def straight(views, train_tokenizer, tmp_path_factory):
    folder = tmp_path_factory.mktemp("straight")
    cfg = load_config(tiny_config(folder, train_tokenizer))
    from training.views import load_views

    return train(cfg, load_views(["gen", "und"], views), runs=folder / "runs")


@pytest.mark.slow
def test_a_run_reports_metrics_checkpoints_and_curves(straight, train_tokenizer, tmp_path):
    metrics = [json.loads(line) for line in (straight / "metrics.jsonl").read_text().splitlines()]
    assert [m["step"] for m in metrics] == [1, 2, 3, 4, 5, 6]
    for key in ("ntp_loss", "fm_loss", "grad_norm", "lr", "samples_per_s", "tokens_per_s", "data_wait_fraction",
                "model_tflops_per_s"):
        assert all(m[key] is not None and m[key] >= 0 for m in metrics), key
    assert [p.name for p in checkpoints(straight)] == ["step_00000002", "step_00000004", "step_00000006"]
    assert (straight / "loss_curves.png").read_bytes()[:4] == b"\x89PNG"
    assert list((straight / "tensorboard").glob("events.out.tfevents.*"))
    ids = consumed(straight)
    assert len(ids) == 12 and all(ids[(0, s)] != ids[(1, s)] for s in range(6))
    # the final checkpoint is a model `unisynth generate` can use as is
    assert main(["generate", str(straight / "final"), "--prompt", "Draw a red apple.", "--size", "32x32",
                 "--steps", "2", "--out", str(tmp_path / "x.png")]) == 0
    assert Image.open(tmp_path / "x.png").size == (32, 32)


@pytest.mark.slow
def test_killed_worker_restarts_from_the_checkpoint_and_the_ledger_continues(straight, views, train_tokenizer,
                                                                             tmp_path):
    import psutil
    import ray

    from training.views import load_views

    cfg = load_config(tiny_config(tmp_path, train_tokenizer, max_failures=2))
    run_dir = tmp_path / "runs" / "tiny"
    killed = []

    def kill_a_worker_after_the_first_checkpoint():
        deadline = time.time() + 300
        while time.time() < deadline and not (run_dir / "step_00000002" / "trainer.pt").exists():
            time.sleep(0.2)
        time.sleep(1.0)
        # Ray's worker processes are children of this session's raylet, titled by their actor class.
        raylet = ray._private.worker._global_node.all_processes["raylet"][0].process.pid
        for proc in psutil.Process(raylet).children(recursive=True):
            if "TrainWorker" in " ".join(proc.cmdline()):
                os.kill(proc.pid, signal.SIGKILL)
                killed.append(proc.pid)
                return

    assert ray.is_initialized()
    thread = threading.Thread(target=kill_a_worker_after_the_first_checkpoint, daemon=True)
    thread.start()
    train(cfg, load_views(["gen", "und"], views), runs=tmp_path / "runs")
    thread.join(timeout=5)
    assert killed, "no train worker was killed"
    assert consumed(run_dir) == consumed(straight)


@pytest.mark.slow
def test_resume_continues_exactly_where_the_run_stopped(straight, views, train_tokenizer, tmp_path, capsys):
    # with activation checkpointing (recomputed blocks must not change what is learned from what)
    config = tiny_config(tmp_path, train_tokenizer, activation_checkpointing=True)
    args = ["train", str(config), "--view", "gen", "--view", "und", "--registry", str(views), "--runs",
            str(tmp_path / "runs")]
    assert main(args + ["--steps", "4"]) == 0
    assert main(args) == 2 and "pass --resume" in capsys.readouterr().err
    assert main(args + ["--resume"]) == 0
    assert consumed(tmp_path / "runs" / "tiny") == consumed(straight)
    ledger = json.loads((tmp_path / "runs" / "tiny" / "final" / "ledger.json").read_text())
    assert ledger["step"] == 6 and sum(v["samples"] for v in ledger["views"].values()) == 6 * 2
