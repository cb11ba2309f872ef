"""Size each stage's actor pool from the spec and the cluster, and refuse plans that can
never be scheduled.

Ray Data starts every pool's `min_actors` up front. If those reservations use all of a
node's CPUs, the tasks that feed the pools never get a slot and the job waits forever
with no error (on 2 CPUs: two 1-CPU generator actors). So a plan must leave headroom,
and a single actor must fit on some node; both are checked here, before any actor starts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipelines.spec import JobSpec, StageResources

# Logical CPUs left free for Ray Data's own tasks (reading the seed blocks, splitting).
TASK_HEADROOM_CPUS = 0.25


class UnschedulableError(RuntimeError):
    pass


@dataclass(frozen=True)
class Cluster:
    total_cpus: float
    total_gpus: float
    max_node_cpus: float
    max_node_gpus: float

    @classmethod
    def from_ray(cls) -> Cluster:
        import ray

        nodes = [n for n in ray.nodes() if n.get("Alive")]
        cpus = [n["Resources"].get("CPU", 0.0) for n in nodes] or [0.0]
        gpus = [n["Resources"].get("GPU", 0.0) for n in nodes] or [0.0]
        return cls(sum(cpus), sum(gpus), max(cpus), max(gpus))


@dataclass(frozen=True)
class StagePlan:
    name: str
    num_cpus: float
    num_gpus: float
    min_actors: int
    max_actors: int
    initial_actors: int


def plan_stages(spec: JobSpec, cluster: Cluster) -> list[StagePlan]:
    """Pools for generate, the rewriter (when on), each filter and write, in pipeline order."""
    stages: list[tuple[str, StageResources]] = [("generate", spec.resources.generate)]
    if spec.rewriting:
        stages.append(("rewrite", spec.resources.rewrite))
    stages += [(f.name, f.resources) for f in spec.filters]
    stages.append(("write", spec.resources.write))

    problems = []
    for name, res in stages:
        if res.num_cpus > cluster.max_node_cpus:
            problems.append(
                f"{name}: one actor asks for {res.num_cpus:g} CPUs but the largest node has "
                f"{cluster.max_node_cpus:g}; lower resources num_cpus (fractions such as 0.5 are fine)"
            )
        if res.num_gpus > cluster.max_node_gpus:
            problems.append(
                f"{name}: one actor asks for {res.num_gpus:g} GPUs but the largest node has "
                f"{cluster.max_node_gpus:g}; run on a cluster with GPUs or set num_gpus: 0"
            )
        if isinstance(res.max_actors, int) and res.max_actors < res.min_actors:
            problems.append(f"{name}: max_actors {res.max_actors} < min_actors {res.min_actors}")

    reserved = sum(res.min_actors * res.num_cpus for _, res in stages)
    if reserved + TASK_HEADROOM_CPUS > cluster.total_cpus:
        detail = " + ".join(f"{name} {res.min_actors}x{res.num_cpus:g}" for name, res in stages)
        problems.append(
            f"the stages reserve {reserved:g} CPUs at start ({detail}) and Ray Data needs "
            f"{TASK_HEADROOM_CPUS:g} more for its tasks, but the cluster has {cluster.total_cpus:g}: "
            "this would wait forever; lower num_cpus per actor (fractions are fine) or min_actors"
        )
    reserved_gpus = sum(res.min_actors * res.num_gpus for _, res in stages)
    if reserved_gpus > cluster.total_gpus:
        problems.append(
            f"the stages reserve {reserved_gpus:g} GPUs at start but the cluster has {cluster.total_gpus:g}"
        )
    if problems:
        raise UnschedulableError("; ".join(problems))

    plans = []
    others_reserved = reserved - stages[0][1].min_actors * stages[0][1].num_cpus
    for name, res in stages:
        if res.max_actors == "auto":
            # Enough actors to fill the CPUs if this stage were the bottleneck; Ray Data's
            # autoscaler only grows a pool while its inputs queue up.
            by_cpu = math.floor(cluster.total_cpus / res.num_cpus)
            by_gpu = math.floor(cluster.total_gpus / res.num_gpus) if res.num_gpus else by_cpu
            max_actors = max(res.min_actors, min(by_cpu, by_gpu))
        else:
            max_actors = res.max_actors
        initial = res.min_actors
        if name == "generate":
            # Ray Data grows a pool slowly (seen here: one generator actor for a whole
            # 200-sample job on 2 CPUs). Generation is the bottleneck by design, so start
            # it at what the CPUs allow beside the other pools' reservations.
            spare = cluster.total_cpus - others_reserved - TASK_HEADROOM_CPUS
            initial = min(max_actors, max(res.min_actors, math.floor(spare / res.num_cpus)))
        plans.append(StagePlan(name, res.num_cpus, res.num_gpus, res.min_actors, max_actors, initial))
    return plans
