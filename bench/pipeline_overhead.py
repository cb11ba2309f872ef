"""What does the pipeline cost on top of the generators?

Runs the same generators, seeds and params two ways in one run:

  * plain: a single-process Python loop calling the generators (1 core);
  * unisynth: `run_job` through a fresh local Ray on all cores, Ray Data actor pools,
    fragment writes and Lance commits included.

and reports samples/s per core for both and their ratio (goal ≥ 0.85). The pipeline is
reported twice: over its whole wall time (Ray start-up included) and in steady state
(from the first written batch to the last).

    .venv/bin/python bench/pipeline_overhead.py --spec pipelines/quickstart.yaml --num-samples 600
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipelines.plan import todo_blocks  # noqa: E402
from pipelines.runner import run_job  # noqa: E402
from pipelines.spec import load_spec  # noqa: E402
from pipelines.stages import GenerateStage  # noqa: E402


def plain_loop(spec) -> dict:
    stage = GenerateStage(spec.model_dump_json())  # the same generator objects a Ray actor holds
    plan = [(g, s) for b in todo_blocks(spec, np.zeros(0, np.int64), 4096)
            for g, s in zip(b["generator"].to_pylist(), b["seed"].to_pylist())]
    t0 = time.perf_counter()
    for name, seed in plan:
        stage.generate_one(name, seed).to_row(spec.job)
    wall = time.perf_counter() - t0
    return {"mode": "plain loop", "cores": 1, "samples": len(plan), "wall_s": wall,
            "per_core": len(plan) / wall}


def pipeline(spec, cores: int) -> dict:
    marks: list[tuple[float, int]] = []
    t0 = time.perf_counter()
    result = run_job(spec, num_cpus=cores, progress=lambda done, total, v: marks.append((time.perf_counter(), done)))
    wall = time.perf_counter() - t0
    (t_first, n_first), (t_last, n_last) = marks[0], marks[-1]
    steady = (n_last - n_first) / (t_last - t_first)
    return {"mode": "unisynth run", "cores": cores, "samples": result.written, "wall_s": wall,
            "per_core": result.written / wall / cores, "steady_per_core": steady / cores,
            "startup_s": t_first - t0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--spec", default="pipelines/quickstart.yaml")
    parser.add_argument("--num-samples", type=int, default=600)
    parser.add_argument("--with-filters", action="store_true", help="keep the spec's judges in the pipeline run")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()

    cores = os.cpu_count() or 1
    out = Path(tempfile.mkdtemp(prefix="overhead_"))
    try:
        spec = load_spec(args.spec, num_samples=args.num_samples, output=str(out / "bench.lance"))
        if not args.with_filters:  # the plain loop runs no judges: compare like with like
            spec = spec.model_copy(update={"filters": []})
        plain = plain_loop(spec)
        piped = pipeline(spec, cores)
    finally:
        shutil.rmtree(out, ignore_errors=True)

    machine = f"{platform.machine()}, {cores} cores, Python {platform.python_version()}"
    gens = ", ".join(f"{g.name}×{g.weight:g}" for g in spec.generators)
    print(f"pipeline overhead: {args.num_samples} samples of {gens}, filters: "
          f"{', '.join(f.name for f in spec.filters) or 'none'} ({machine})")
    print(f"  plain loop      1 core : {plain['per_core']:.2f} samples/s per core ({plain['wall_s']:.1f} s)")
    print(f"  unisynth run  {cores:>2} cores: {piped['per_core']:.2f} samples/s per core over the wall "
          f"({piped['wall_s']:.1f} s, {piped['startup_s']:.1f} s to the first written batch), "
          f"{piped['steady_per_core']:.2f} in steady state")
    print(f"  ratio (per core, steady)   : {piped['steady_per_core'] / plain['per_core']:.2f}")
    print(f"  ratio (per core, wall)     : {piped['per_core'] / plain['per_core']:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine, "args": vars(args),
                                               "plain": plain, "pipeline": piped}, indent=2))


if __name__ == "__main__":
    main()
