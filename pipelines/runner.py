"""Run a job: preflight checks, resume plan, Ray Data DAG, commits, progress, funnel.

Everything that can be wrong with the spec or the machine is checked before a Ray
actor starts; once running, the driver only commits fragment metadata and watches the
error budget.
"""

from __future__ import annotations

import logging
import os
import time
import warnings
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from pipelines.dag import build_dataset
from pipelines.funnel_report import write_report_after_job
from pipelines.plan import todo_blocks
from pipelines.report import Funnel, compute_funnel
from pipelines.resources import Cluster, plan_stages
from pipelines.sink import Committer, absolute_uri, committed_seeds, ensure_writable, job_schema, open_or_create
from pipelines.spec import ErrorBudget, JobSpec
from synthesis.generator import generator_class


class PreflightError(ValueError):
    """The job cannot start here (missing font, unwritable output, ...): exit code 2."""


class ErrorBudgetExceeded(RuntimeError):
    """Too many generator errors: the job stopped; what was committed stays."""


@dataclass
class RunResult:
    already_done: int
    written: int = 0
    wall_s: float = 0.0
    cores: float = 0.0
    commits: int = 0
    verdicts: Counter = field(default_factory=Counter)
    funnel: Funnel | None = None
    report_dir: Path | None = None  # the funnel report folder, when it could be written


def preflight(spec: JobSpec) -> None:
    try:
        ensure_writable(spec.output)
    except PermissionError as err:
        raise PreflightError(str(err)) from None
    for i, g in enumerate(spec.generators):
        try:
            generator_class(g.name)().check_params(spec.generator_params(g.name))
        except ValueError as err:
            raise PreflightError(f"generators[{i}] ({g.name}): {err}") from None


@contextmanager
def ray_session(address: str | None, num_cpus: float | None = None) -> Iterator[None]:
    """Use the Ray that is already up (tests, notebooks), or start one for this job:
    local in-process by default, a cluster with --address."""
    import ray

    _quiet_ray_data()
    if ray.is_initialized():
        yield
        return
    kwargs = dict(include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    address = address or os.environ.get("RAY_ADDRESS")  # set inside a Ray job: join its cluster
    if address:
        ray.init(address=address, **kwargs)
    else:
        # "local": a fresh in-process Ray, even when some `ray start` head runs on this machine
        ray.init(address="local", num_cpus=num_cpus, **kwargs)
    try:
        yield
    finally:
        ray.shutdown()


class _NotAboutProgressBars(logging.Filter):
    """Ray Data warns that its progress bars are off; they are, on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Progress bars disabled" not in record.getMessage()


def _quiet_ray_data() -> None:
    from ray.data import DataContext

    # Ray starts its processes with fork+exec, which is safe with lance loaded.
    warnings.filterwarnings("ignore", message="lance is not fork-safe")
    ctx = DataContext.get_current()
    ctx.enable_progress_bars = False  # the CLI draws one bar for the job
    for handler in logging.getLogger("ray.data").handlers + logging.getLogger("ray").handlers:
        handler.addFilter(_NotAboutProgressBars())
    ctx.enable_auto_log_stats = False
    ctx.execution_options.preserve_order = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)


class BudgetWatch:
    def __init__(self, budget: ErrorBudget):
        self.budget = budget
        self.rows = 0
        self.errors = 0

    def add(self, verdicts: dict[str, int]) -> None:
        self.rows += sum(verdicts.values())
        self.errors += verdicts.get("error", 0)
        b = self.budget
        if b.max_errors is not None and self.errors > b.max_errors:
            raise ErrorBudgetExceeded(f"{self.errors} generator errors exceed error_budget.max_errors={b.max_errors}")
        if self.rows >= b.min_rows_for_fraction and self.errors / self.rows > b.max_error_fraction:
            raise ErrorBudgetExceeded(
                f"{self.errors}/{self.rows} rows are errors ({self.errors / self.rows:.1%}), over "
                f"error_budget.max_error_fraction={b.max_error_fraction:g}"
            )


def run_job(spec: JobSpec, *, address: str | None = None, num_cpus: float | None = None,
            progress=None) -> RunResult:
    """Run (or resume) `spec`. `progress(done, total, verdicts)` is called as rows land."""
    spec = spec.model_copy(update={"output": absolute_uri(spec.output)})
    preflight(spec)
    schema = job_schema(spec)
    open_or_create(spec.output, schema)
    done = committed_seeds(spec.output)
    in_plan = (done >= spec.seed) & (done < spec.seed + spec.num_samples)
    already = int(in_plan.sum())
    result = RunResult(already_done=already)

    blocks = todo_blocks(spec, done, min_rows_per_block=spec.batch_size)
    if not blocks:
        result.funnel = compute_funnel(spec.output)
        return result

    started = time.perf_counter()
    with ray_session(address, num_cpus):
        cluster = Cluster.from_ray()
        plans = plan_stages(spec, cluster)  # raises before any actor starts
        result.cores = cluster.total_cpus
        ds = build_dataset(spec, schema, blocks, plans)
        committer = Committer(spec.output, spec.commit_every, spec.compact_every,
                              spec.compact_target_rows, message=f"unisynth run {spec.job}")
        watch = BudgetWatch(spec.error_budget)
        todo = spec.num_samples - already
        try:
            for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
                for row in batch.to_pylist():
                    verdicts = committer.add(row)["verdicts"]
                    result.verdicts.update(verdicts)
                    result.written = sum(result.verdicts.values())
                    if progress:
                        progress(result.written, todo, result.verdicts)
                    watch.add(verdicts)
        except (ErrorBudgetExceeded, KeyboardInterrupt):
            # Rows already written are sound: commit them before stopping.
            committer.commit()
            raise
        committer.finish()
        result.commits = committer.commits
    result.wall_s = time.perf_counter() - started
    result.funnel = compute_funnel(spec.output)
    result.report_dir = write_report_after_job(spec.output)
    return result
