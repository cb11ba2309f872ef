"""The Ray Data streaming DAG of a job:

    seed blocks -> generate (actor pool) -> [rewrite (pool)] -> judge (a pool each) -> write fragments (pool)

Ray Data streams blocks through the stages with backpressure; what reaches the driver
is only the fragment metadata and a summary per written batch.
"""

from __future__ import annotations

import pyarrow as pa
import ray
from ray.data import ActorPoolStrategy

from filters.mllm.rewriter import RewriteStage
from pipelines.resources import StagePlan
from pipelines.sink import FragmentWriter
from pipelines.spec import JobSpec
from pipelines.stages import GenerateStage, JudgeStage


def _pool(plan: StagePlan) -> dict:
    # Ray Data's actor pools restart dead actors and retry their tasks by default
    # (max_restarts=-1, max_task_retries=-1), so a lost process costs a retry, not the job.
    args = {
        "compute": ActorPoolStrategy(
            min_size=plan.min_actors, max_size=plan.max_actors, initial_size=plan.initial_actors
        ),
        "num_cpus": plan.num_cpus,
    }
    if plan.num_gpus:
        args["num_gpus"] = plan.num_gpus
    return args


def build_dataset(
    spec: JobSpec, schema: pa.Schema, blocks: list[pa.Table], plans: list[StagePlan]
) -> ray.data.Dataset:
    spec_json = spec.model_dump_json()
    by_name = {p.name: p for p in plans}

    ds = ray.data.from_arrow(blocks)
    ds = ds.map_batches(
        GenerateStage,
        fn_constructor_kwargs={"spec_json": spec_json},
        batch_size=spec.batch_size,
        batch_format="pyarrow",
        **_pool(by_name["generate"]),
    )
    if spec.rewriting:  # templated instruction/CoT -> varied language, before anything judges them
        ds = ds.map_batches(
            RewriteStage,
            fn_constructor_kwargs={"settings_json": spec.rewrite.model_dump_json()},
            batch_size=spec.batch_size,
            batch_format="pyarrow",
            **_pool(by_name["rewrite"]),
        )
    for f in spec.filters:
        ds = ds.map_batches(
            JudgeStage,
            fn_constructor_kwargs={"spec_json": spec_json, "name": f.name},
            batch_size=spec.batch_size,
            batch_format="pyarrow",
            **_pool(by_name[f.name]),
        )
    # Bigger batches for the writer: fewer, larger fragments between compactions.
    write_batch = max(spec.batch_size, min(spec.commit_every, 256))
    return ds.map_batches(
        FragmentWriter,
        fn_constructor_kwargs={
            "uri": spec.output,
            "schema": schema,
            "keep_rejected": spec.keep_rejected,
            "judged": bool(spec.filters),
        },
        batch_size=write_batch,
        batch_format="pyarrow",
        **_pool(by_name["write"]),
    )
