"""`unisynth train`: the driver. Builds the TorchTrainer (workers with fractional CPUs or
whole GPUs), runs it, keeps `final/` (the last checkpoint) and draws the loss curves.

Run folder (`--runs DIR`, default ./runs): `<name>/metrics.jsonl`, `tensorboard/`,
`consumed_rank<r>.jsonl` (the sample ids each worker trained on, step by step),
`loss_curves.png`, Ray's checkpoints `step_<n>/` and `final/`.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import asdict
from pathlib import Path

import ray

from training.config import TrainConfig
from training.errors import RunError
from training.loop import TRAINER_STATE, train_loop_per_worker
from training.metrics import write_curves
from training.views import View


def checkpoints(run_dir: Path) -> list[Path]:
    """Checkpoint folders of a run, oldest first."""
    found = [p.parent for p in run_dir.glob(f"*/{TRAINER_STATE}") if p.parent.name.startswith("step_")]
    return sorted(found, key=lambda p: p.name)


def train(cfg: TrainConfig, views: list[View], runs: str | Path = "runs", resume: bool = False,
          address: str | None = None) -> Path:
    runs = Path(runs).resolve()
    run_dir = runs / cfg.name
    previous = checkpoints(run_dir)
    if previous and not resume:
        raise RunError(f"{run_dir} has checkpoints (last {previous[-1].name}); pass --resume to continue it "
                       "or choose another name")
    if resume and not previous:
        raise RunError(f"{run_dir}: nothing to resume (no checkpoint yet); run without --resume")
    if not ray.is_initialized():
        # --address, or the cluster of the Ray job this runs in, or a fresh local Ray
        ray.init(address=address or os.environ.get("RAY_ADDRESS") or "local", include_dashboard=False,
                 log_to_driver=False)
    from ray.train import FailureConfig, RunConfig, ScalingConfig  # noqa: PLC0415
    from ray.train.torch import TorchTrainer  # noqa: PLC0415

    use_gpu = cfg.gpus_per_worker > 0
    resources = {"CPU": cfg.cpus_per_worker, **({"GPU": cfg.gpus_per_worker} if use_gpu else {})}
    trainer = TorchTrainer(
        train_loop_per_worker,
        train_loop_config={"train": cfg.model_dump(), "views": [asdict(v) for v in views], "run_dir": str(run_dir),
                           "resume_from": str(previous[-1]) if resume else None},
        scaling_config=ScalingConfig(num_workers=cfg.num_workers, use_gpu=use_gpu, resources_per_worker=resources),
        run_config=RunConfig(name=cfg.name, storage_path=str(runs), failure_config=FailureConfig(max_failures=cfg.max_failures)),
        torch_config=None if use_gpu else _gloo(),
    )
    trainer.fit()
    last = checkpoints(run_dir)
    if last:
        final = run_dir / "final"
        shutil.rmtree(final, ignore_errors=True)
        shutil.copytree(last[-1], final)
    if (run_dir / "metrics.jsonl").exists():
        write_curves(run_dir / "metrics.jsonl", run_dir / "loss_curves.png")
    return run_dir


def _gloo():
    from ray.train.torch import TorchConfig  # noqa: PLC0415

    return TorchConfig(backend="gloo")


__all__ = ["RunError", "checkpoints", "train"]
