"""Jobs on a Ray cluster through the Jobs API, against a real head started here with the
`ray` CLI (token auth on, as Ray 2.60 does): submit and poll, stop and resubmit, SIGKILL
of an actor, a queue with a dependency, and a three-node cluster that loses a node.

The head gets its own token file, its own ports and temp dir, `.venv/bin` first on its
PATH (the cluster's Python) and no PYTHONPATH, so a job imports only the project copy
its runtime environment carries (`tests.plugins` is not installed in the venv).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import lance
import pytest
import yaml

from pipelines.cli import main
from pipelines.jobs import client, state_client, submit_entrypoint, wait_for

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
FLAKY = "tests.plugins:FlakyGenerator"

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _head_env(token_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_") and k != "PYTHONPATH"}
    return {**env, "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN_PATH": str(token_path),
            "PATH": f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"}


@dataclass
class Head:
    url: str
    token_path: Path


@contextmanager
def local_head(num_cpus: int = 2):
    # A short temp dir: Ray's socket paths must stay under 108 characters.
    folder = Path(tempfile.mkdtemp(prefix="uray", dir="/tmp"))
    token_path = folder / "auth_token"
    token_path.write_text(secrets.token_hex(32))
    dashboard = _free_port()
    ports = {"port": _free_port(), "dashboard-port": dashboard, "ray-client-server-port": _free_port(),
             "dashboard-agent-listen-port": _free_port(), "dashboard-agent-grpc-port": _free_port(),
             "metrics-export-port": _free_port(), "runtime-env-agent-port": _free_port()}
    cmd = [str(VENV_BIN / "ray"), "start", "--head", "--block", f"--num-cpus={num_cpus}",
           "--dashboard-host=127.0.0.1", "--include-dashboard=true", f"--temp-dir={folder / 'ray'}",
           "--disable-usage-stats", *(f"--{k}={v}" for k, v in ports.items())]
    with open(folder / "head.log", "w") as log:
        proc = subprocess.Popen(cmd, env=_head_env(token_path), stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    head = Head(f"http://127.0.0.1:{dashboard}", token_path)
    try:
        os.environ["RAY_AUTH_TOKEN_PATH"] = str(token_path)
        deadline = time.monotonic() + 90
        while True:
            try:
                client(head.url).list_jobs()
                break
            except (OSError, RuntimeError):  # not listening yet, or still starting its modules
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the Ray head did not start:\n" + (folder / "head.log").read_text()[-3000:])
                time.sleep(0.5)
        yield head
    finally:
        # SIGINT lets `ray start --block` stop the processes it started; SIGKILL of its own
        # process group is the fallback.
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def head():
    saved = {k: os.environ.pop(k) for k in list(os.environ) if k in ("RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH")}
    try:
        with local_head() as h:
            yield h
    finally:
        os.environ.pop("RAY_AUTH_TOKEN_PATH", None)
        os.environ.update(saved)


def write_spec(folder: Path, name: str, n: int, delay_ms: float = 0, **extra) -> tuple[Path, str]:
    uri = str(folder / f"{name}.lance")
    spec = {"job": name, "num_samples": n, "output": uri, "batch_size": 4, "commit_every": 10,
            "generators": [{"name": FLAKY, "params": {"size": 16, "delay_ms": delay_ms}}],
            "filters": [{"name": "image_sanity"}],
            "resources": {"generate": {"num_cpus": 0.5}}, **extra}
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec))
    return path, uri


def rows(uri: str) -> int:
    try:
        return lance.dataset(uri).count_rows()
    except (ValueError, OSError):
        return 0


def wait_rows(uri: str, at_least: int, timeout_s: float = 120) -> int:
    deadline = time.monotonic() + timeout_s
    while (n := rows(uri)) < at_least:
        assert time.monotonic() < deadline, f"{uri}: {n} rows after {timeout_s} s"
        time.sleep(0.2)
    return n


def assert_complete(uri: str, n: int) -> None:
    table = lance.dataset(uri).to_table(columns=["id", "seed"])
    ids = table["id"].to_pylist()
    assert len(ids) == n and len(set(ids)) == n
    assert sorted(table["seed"].to_pylist()) == list(range(n))


def submit(capsys, *args: str) -> str:
    capsys.readouterr()
    assert main(["submit", *args]) == 0
    return capsys.readouterr().out.strip().splitlines()[-1]


def test_submit_polls_to_succeeded_then_the_dataset_reads(head, tmp_path, capsys):
    spec, uri = write_spec(tmp_path, "submit100", 100)
    job_id = submit(capsys, str(spec), "--address", head.url)
    assert wait_for(head.url, job_id, timeout_s=240, poll_s=1) == "SUCCEEDED"
    assert_complete(uri, 100)

    assert main(["jobs", "status", job_id, "--address", head.url]) == 0
    assert "SUCCEEDED" in capsys.readouterr().out
    assert main(["jobs", "list", "--address", head.url]) == 0
    assert job_id in capsys.readouterr().out
    assert main(["jobs", "logs", job_id, "--address", head.url]) == 0
    assert f"dataset: {uri} (100 rows" in capsys.readouterr().out

    # The runtime environment carries the checkout, without the venv, datasets or git history.
    listing = submit_entrypoint("ls -a", head.url)
    assert wait_for(head.url, listing, timeout_s=60) == "SUCCEEDED"
    files = set(client(head.url).get_job_logs(listing).split())
    assert {"pipelines", "synthesis", "filters", "tests", "pyproject.toml"} <= files
    assert not files & {".venv", ".git", "data", ".peers", "unisynth.egg-info"}

    # Token auth is on: a wrong token is one line and exit 2, an unknown job id too.
    wrong = tmp_path / "wrong_token"
    wrong.write_text("0" * 64)
    os.environ["RAY_AUTH_TOKEN_PATH"] = str(wrong)
    try:
        assert main(["jobs", "list", "--address", head.url]) == 2
    finally:
        os.environ["RAY_AUTH_TOKEN_PATH"] = str(head.token_path)
    assert "token" in capsys.readouterr().err.lower()
    assert main(["jobs", "status", "no-such-job", "--address", head.url]) == 2


def test_relative_output_is_refused_before_submitting(tmp_path, capsys):
    spec, _ = write_spec(tmp_path, "relative", 10)
    assert main(["submit", str(spec), "--out", "data/x.lance", "--address", "http://127.0.0.1:1"]) == 2
    assert "relative" in capsys.readouterr().err


def test_stop_mid_run_then_resubmit_gives_exact_count(head, tmp_path, capsys):
    n = 160
    spec, uri = write_spec(tmp_path, "stopped", n, delay_ms=100)
    job_id = submit(capsys, str(spec), "--address", head.url)
    wait_rows(uri, 20)
    assert main(["jobs", "stop", job_id, "--wait", "--address", head.url]) == 0
    assert wait_for(head.url, job_id, timeout_s=60) == "STOPPED"
    at_stop = rows(uri)
    assert 20 <= at_stop < n, "the job must be stopped mid-run"

    again = submit(capsys, str(spec), "--address", head.url, "--wait", "--poll", "1")
    assert again != job_id
    assert_complete(uri, n)


def test_sigkill_of_a_generator_actor_still_succeeds(head, tmp_path, capsys):
    n = 120
    spec, uri = write_spec(tmp_path, "sigkill", n, delay_ms=60)
    job_id = submit(capsys, str(spec), "--address", head.url)
    wait_rows(uri, 10)
    job_hex = client(head.url).get_job_info(job_id).job_id
    actors = [a for a in _alive_actors(head.url) if "GenerateStage" in a.class_name and a.job_id == job_hex]
    assert actors, "no generator actor found"
    victim = actors[0]
    os.kill(victim.pid, signal.SIGKILL)

    assert wait_for(head.url, job_id, timeout_s=240, poll_s=1) == "SUCCEEDED", client(head.url).get_job_logs(job_id)
    assert_complete(uri, n)
    # Ray restarted that very actor (max_restarts), rather than the job starting over.
    restarted = [a for a in _all_actors(head.url) if a.actor_id == victim.actor_id]
    assert restarted and restarted[0].num_restarts >= 1


def _all_actors(url: str):
    from ray.util.state.common import ListApiOptions, StateResource

    return state_client(url).list(StateResource.ACTORS, options=ListApiOptions(detail=True, limit=1000),
                                  raise_on_missing_output=False)


def _alive_actors(url: str):
    return [a for a in _all_actors(url) if a.state == "ALIVE"]


def test_queue_runs_a_dependency_in_order_and_a_rerun_continues(head, tmp_path, capsys):
    spec, uri = write_spec(tmp_path, "queued", 100, delay_ms=20)
    queue = tmp_path / "pipeline.yaml"
    queue.write_text(yaml.safe_dump({"name": "q", "jobs": [
        # listed first and higher priority, but it needs the dataset: it must wait
        {"name": "check", "command": f"unisynth inspect {uri} --rows 0 --json", "priority": 5,
         "depends_on": ["synth"], "resources": {"cpus": 0.25}},
        {"name": "synth", "spec": spec.name, "resources": {"cpus": 1.5}},
    ]}))
    state_path = tmp_path / "pipeline.state.json"

    # One pass: only the synthesis job can start.
    assert main(["schedule", str(queue), "--address", head.url, "--once"]) == 0
    state = json.loads(state_path.read_text())["jobs"]
    assert state["synth"]["attempts"] == 1 and state["synth"]["status"] in ("PENDING", "RUNNING")
    assert state["check"]["status"] == "WAITING"

    # A second scheduler run picks up the running job instead of submitting it again.
    assert main(["schedule", str(queue), "--address", head.url, "--poll", "1", "--timeout", "300"]) == 0
    state = json.loads(state_path.read_text())["jobs"]
    assert {k: (v["status"], v["attempts"]) for k, v in state.items()} == {
        "synth": ("SUCCEEDED", 1), "check": ("SUCCEEDED", 1)}
    jobs = client(head.url)
    synth, check = (jobs.get_job_info(state[k]["submission_id"]) for k in ("synth", "check"))
    assert synth.end_time <= check.start_time
    assert '"rows": 100' in jobs.get_job_logs(state["check"]["submission_id"])
    assert_complete(uri, 100)


# The multi-node cluster lives in a subprocess: `ray.cluster_utils.Cluster` starts its
# nodes from the calling process, which must not be the test session (it has a Ray of its own).
CLUSTER_SCRIPT = textwrap.dedent("""
    import json, os, shutil, sys, tempfile, time
    import lance
    from ray.cluster_utils import Cluster
    from pipelines.jobs import state_client, submit_spec, wait_for
    from pipelines.spec import load_spec
    from ray.util.state.common import ListApiOptions, StateResource

    import ray._private.utils

    spec_path, uri, port, agent_port = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    temp_dir = tempfile.mkdtemp(prefix="uray", dir="/tmp")  # short: socket paths stay < 108 chars
    # Ports of its own: another Ray on this machine may hold the defaults (8265, 52365).
    cluster = Cluster(initialize_head=True, head_node_args={
        "num_cpus": 1, "include_dashboard": True, "dashboard_host": "127.0.0.1", "dashboard_port": port,
        "dashboard_agent_listen_port": agent_port, "temp_dir": temp_dir})
    # The job supervisor finds its cluster through <temp_dir>/ray_current_cluster; without
    # it, it would connect to whichever Ray it finds running on this machine.
    ray._private.utils.write_ray_address(cluster.gcs_address, temp_dir)
    workers = [cluster.add_node(num_cpus=1, temp_dir=temp_dir) for _ in range(2)]
    cluster.wait_for_nodes()
    url = f"http://127.0.0.1:{port}"
    spec = load_spec(spec_path)
    started = time.monotonic()
    job_id = submit_spec(spec, url)

    def rows():
        try:
            return lance.dataset(uri).count_rows()
        except (ValueError, OSError):
            return 0

    while rows() < 20 and time.monotonic() - started < 240:
        time.sleep(0.2)
    actors = state_client(url).list(StateResource.ACTORS, options=ListApiOptions(
        detail=True, limit=1000, filters=[("state", "=", "ALIVE")]), raise_on_missing_output=False)
    per_node = {w.node_id: sum(a.node_id == w.node_id for a in actors) for w in workers}
    victim = max(workers, key=lambda w: per_node[w.node_id])
    at_removal = rows()
    cluster.remove_node(victim)
    status = wait_for(url, job_id, timeout_s=300, poll_s=1)
    print(json.dumps({"status": status, "rows_at_removal": at_removal, "actors_on_removed_node": per_node[victim.node_id],
                      "actors_per_worker": sorted(per_node.values()), "wall_s": time.monotonic() - started}))
    cluster.shutdown()
    shutil.rmtree(temp_dir, ignore_errors=True)
""")


def test_three_node_cluster_loses_a_node_mid_job_and_still_completes(tmp_path):
    n = 200
    spec, uri = write_spec(tmp_path, "nodes", n, delay_ms=40, resources={
        "generate": {"num_cpus": 0.5, "min_actors": 3}, "write": {"num_cpus": 0.25}})
    token = tmp_path / "auth_token"
    token.write_text(secrets.token_hex(32))
    proc = subprocess.run([sys.executable, "-c", CLUSTER_SCRIPT, str(spec), uri, str(_free_port()), str(_free_port())],
                          check=False, cwd=REPO, env=_head_env(token), capture_output=True, text=True, timeout=420)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["status"] == "SUCCEEDED", report
    # the job ran across nodes: both workers held actors, and the removed one held some
    assert report["actors_on_removed_node"] >= 1 and min(report["actors_per_worker"]) >= 1, report
    assert 20 <= report["rows_at_removal"] < n, report
    assert_complete(uri, n)
