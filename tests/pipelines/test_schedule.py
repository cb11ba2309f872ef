"""The queue behind `unisynth schedule`: validation, and the decisions of which job starts
when (dependencies, priorities, room, retries), which are pure functions of the queue,
the saved state and the capacity. Against a real cluster: tests/pipelines/test_jobs.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pipelines.cli import main
from pipelines.schedule import (
    JobResources,
    Queue,
    QueueState,
    Scheduler,
    entrypoint_for,
    load_queue,
    oversized,
    plan,
    state_path_for,
)
from pipelines.spec import SpecError

README = Path(__file__).resolve().parents[2] / "README.md"


def queue_of(*jobs: dict, **top) -> Queue:
    return Queue.model_validate({"jobs": list(jobs), **top})


def job(name: str, cpus: float = 0, gpus: float = 0, **fields) -> dict:
    return {"name": name, "command": f"unisynth inspect {name}", "resources": {"cpus": cpus, "gpus": gpus}, **fields}


def with_status(state: QueueState, **statuses: str) -> QueueState:
    for name, status in statuses.items():
        s = state.of(name)
        s.status = status
        s.attempts = max(s.attempts, 1)
    return state


CLUSTER = JobResources(cpus=2, gpus=1)


def test_dependencies_priorities_and_room_decide_the_order():
    queue = queue_of(job("synth", cpus=1), job("train", cpus=2, priority=10, depends_on=["synth"]),
                     job("other", cpus=1, priority=5))
    state = QueueState()
    # train has the highest priority but waits for synth; other outranks synth
    assert plan(queue, state, CLUSTER).submit == ["other", "synth"]
    with_status(state, synth="RUNNING", other="RUNNING")
    assert plan(queue, state, CLUSTER).submit == []
    with_status(state, synth="SUCCEEDED")
    assert plan(queue, state, CLUSTER).submit == []  # no room beside `other` yet
    with_status(state, other="SUCCEEDED")
    decision = plan(queue, state, CLUSTER)
    assert decision.submit == ["train"] and not decision.finished
    with_status(state, train="SUCCEEDED")
    assert plan(queue, state, CLUSTER).finished


def test_a_small_job_does_not_overtake_a_larger_one_waiting_for_room():
    queue = queue_of(job("running", cpus=1), job("big", cpus=2, priority=9), job("small", cpus=1, priority=1))
    state = with_status(QueueState(), running="RUNNING")
    assert plan(queue, state, CLUSTER).submit == []
    with_status(state, running="SUCCEEDED")
    assert plan(queue, state, CLUSTER).submit == ["big"]


def test_gpu_budgets_count_too():
    queue = queue_of(job("judge", gpus=1), job("train", gpus=1))
    assert plan(queue, QueueState(), CLUSTER).submit == ["judge"]


def test_failed_jobs_are_retried_then_their_dependents_are_blocked():
    queue = queue_of(job("synth", cpus=1, max_attempts=2), job("judge", depends_on=["synth"]),
                     job("train", depends_on=["judge"]), job("unrelated"))
    state = with_status(QueueState(), synth="FAILED", unrelated="SUCCEEDED")
    assert plan(queue, state, CLUSTER).submit == ["synth"]  # attempt 2 of 2
    state.of("synth").attempts = 2
    decision = plan(queue, state, CLUSTER)
    assert decision.submit == [] and decision.gave_up == ["synth"]
    assert decision.blocked == ["judge", "train"] and decision.finished


def test_stopped_jobs_are_retried_under_the_queue_default():
    queue = queue_of(job("synth"), max_attempts=3)
    state = with_status(QueueState(), synth="STOPPED")
    state.of("synth").attempts = 2
    assert plan(queue, state, CLUSTER).submit == ["synth"]
    state.of("synth").attempts = 3
    assert plan(queue, state, CLUSTER).gave_up == ["synth"]


@pytest.mark.parametrize(("jobs", "message"), [
    ([job("a", depends_on=["b"])], "depends on unknown job 'b'"),
    ([job("a", depends_on=["b"]), job("b", depends_on=["c"]), job("c", depends_on=["a"])], "dependency cycle: a -> b -> c -> a"),
    ([job("a"), job("a")], "job 'a' is listed twice"),
    ([{"name": "a", "command": "x", "spec": "s.yaml"}], "exactly one of spec"),
    ([{"name": "a"}], "exactly one of spec"),
    ([{"name": "a", "command": "x", "out": "/x.lance"}], "spec jobs only"),
    ([job("a", cpus=-1)], "greater than or equal to 0"),
])
def test_bad_queues_are_one_line_per_problem(tmp_path, jobs, message):
    path = tmp_path / "q.yaml"
    path.write_text(yaml.safe_dump({"jobs": jobs}))
    with pytest.raises(SpecError) as err:
        load_queue(path)
    assert any(message in line and str(path) in line for line in err.value.problems), err.value.problems


def test_synthesis_specs_are_validated_when_the_queue_loads(tmp_path):
    (tmp_path / "ok.yaml").write_text(yaml.safe_dump({
        "job": "ok", "num_samples": 10, "output": "data/ok.lance", "generators": [{"name": "science"}]}))
    (tmp_path / "bad.yaml").write_text(yaml.safe_dump({"job": "bad", "num_samples": 0, "output": "/x.lance",
                                                       "generators": [{"name": "science"}]}))
    queue = tmp_path / "q.yaml"
    queue.write_text(yaml.safe_dump({"jobs": [
        {"name": "relative", "spec": "ok.yaml"},  # its output is relative: cluster jobs need absolute
        {"name": "fixed", "spec": "ok.yaml", "out": str(tmp_path / "ok.lance"), "num_samples": 5},
        {"name": "bad", "spec": "bad.yaml"},
    ]}))
    with pytest.raises(SpecError) as err:
        load_queue(queue)
    text = "\n".join(err.value.problems)
    assert "job 'relative': output: 'data/ok.lance' is relative" in text
    assert "job 'bad': num_samples" in text and "'fixed'" not in text

    queue.write_text(yaml.safe_dump({"jobs": [{"name": "fixed", "spec": "ok.yaml", "out": str(tmp_path / "ok.lance"),
                                               "num_samples": 5}]}))
    loaded = load_queue(queue)
    assert loaded.specs["fixed"].num_samples == 5 and loaded.specs["fixed"].output == str(tmp_path / "ok.lance")
    assert loaded.name == "q" and loaded.state_path == tmp_path / "q.state.json"


def test_bad_queue_exits_2_before_contacting_a_cluster(tmp_path, capsys):
    path = tmp_path / "q.yaml"
    path.write_text(yaml.safe_dump({"jobs": [job("a", depends_on=["ghost"])]}))
    assert main(["schedule", str(path), "--address", "http://127.0.0.1:1"]) == 2
    assert "unknown job 'ghost'" in capsys.readouterr().err


def test_state_survives_a_reload_with_stable_submission_ids(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(yaml.safe_dump({"name": "nightly", "jobs": [job("a")]}))
    first = Scheduler(load_queue(path))
    with_status(first.state, a="RUNNING")
    first.state.of("a").submission_id = first.submission_id("a", 1)
    first.state.save(state_path_for(path))

    again = Scheduler(load_queue(path))
    assert again.state.run_id == first.state.run_id
    assert again.state.of("a").status == "RUNNING"
    assert again.submission_id("a", 1) == first.submission_id("a", 1)
    assert re.fullmatch(r"nightly-a-[0-9a-f]{6}-1", again.submission_id("a", 1))
    assert not (tmp_path / "q.state.json.tmp").exists()


def test_unisynth_commands_run_the_shipped_cli_with_the_clusters_python():
    entry = Queue.model_validate({"jobs": [job("t")]}).jobs[0].model_copy(
        update={"command": "unisynth train cfg.yaml --view 'text v1' --address auto"})
    assert entrypoint_for(entry, "python") == "python -m pipelines.cli train cfg.yaml --view 'text v1' --address auto"
    assert entrypoint_for(entry, "/opt/venv/bin/python").startswith("/opt/venv/bin/python -m pipelines.cli train")
    other = entry.model_copy(update={"command": "bash scripts/export.sh"})
    assert entrypoint_for(other, "python") == "bash scripts/export.sh"


def test_a_job_larger_than_the_cluster_is_refused():
    queue = queue_of(job("fits", cpus=2), job("huge", gpus=64))
    problems = oversized(queue, CLUSTER)
    assert len(problems) == 1 and "'huge' needs 0 CPUs / 64 GPUs but the cluster has 2 / 1" in problems[0]


def test_the_readme_example_queue_is_valid():
    text = README.read_text()
    section = text[text.index("## Clusters and jobs"):]
    example = re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1)
    queue = Queue.model_validate(yaml.safe_load(example))
    assert [j.name for j in queue.jobs][:2] == ["synth", "judge"]
    order = plan(queue, QueueState(), queue.capacity)
    assert order.submit == ["synth"]  # everything else depends on it
