import pytest

from pipelines.resources import Cluster, UnschedulableError, plan_stages
from pipelines.spec import validate_spec

TWO_CPUS = Cluster(total_cpus=2, total_gpus=0, max_node_cpus=2, max_node_gpus=0)


def spec(generate=None, filters=None):
    data = {"job": "r", "num_samples": 10, "output": "/tmp/r.lance",
            "generators": [{"name": "tests.plugins:FlakyGenerator"}], "filters": filters or []}
    if generate:
        data["resources"] = {"generate": generate}
    return validate_spec(data)


def test_two_whole_cpu_actors_on_two_cpus_is_refused_with_advice():
    with pytest.raises(UnschedulableError) as info:
        plan_stages(spec({"num_cpus": 1, "min_actors": 2}), TWO_CPUS)
    message = str(info.value)
    assert "wait forever" in message and "generate 2x1" in message and "fractions" in message


def test_actor_larger_than_any_node_and_missing_gpu_are_refused():
    with pytest.raises(UnschedulableError, match="largest node has 2"):
        plan_stages(spec({"num_cpus": 3}), TWO_CPUS)
    with pytest.raises(UnschedulableError, match="GPUs but the largest node has 0"):
        plan_stages(spec(filters=[{"name": "image_sanity", "resources": {"num_gpus": 1, "num_cpus": 0.1}}]), TWO_CPUS)


def test_auto_pool_sizes_fill_the_cluster():
    plans = plan_stages(spec({"num_cpus": 0.5}), TWO_CPUS)
    generate = plans[0]
    assert (generate.name, generate.min_actors, generate.max_actors) == ("generate", 1, 4)
    # starts at what the CPUs allow beside the writer's 0.25 and the 0.25 headroom
    assert generate.initial_actors == 3 and plans[-1].initial_actors == 1
    assert plans[-1].name == "write"
    fixed = plan_stages(spec({"num_cpus": 0.5, "max_actors": 2}), TWO_CPUS)
    assert fixed[0].max_actors == 2


def test_every_ready_spec_plans_on_a_two_cpu_machine():
    """The specs in pipelines/ must run on the smallest machine the project supports."""
    from pathlib import Path

    from pipelines.spec import load_spec

    specs = sorted((Path(__file__).resolve().parents[2] / "pipelines").glob("*.yaml"))
    assert len(specs) >= 3
    for path in specs:
        plans = plan_stages(load_spec(path), Cluster(total_cpus=2, total_gpus=0, max_node_cpus=2, max_node_gpus=0))
        assert plans[0].name == "generate" and plans[-1].name == "write", path.name
