"""Submit jobs to a Ray cluster through the Ray Jobs API, and look after them.

A job carries the project as its runtime environment: `working_dir` is this checkout
without the virtual environment, datasets, caches and git history, so the cluster runs
the code that was submitted (and `tests.plugins`-style import paths resolve there too).
A synthesis spec travels inside the job as an environment variable, so that a spec file
on the submitter's laptop need not exist on the head node. The entrypoint runs with the
cluster's Python: `python` on the head node's PATH (ray_cluster.yaml puts the project's
venv first), or whatever `--python` names.

Token auth. Ray 2.60 starts local clusters with `RAY_AUTH_MODE=token`, and a head
started with the `ray` CLI enforces it once a token exists. Every Jobs API request then
needs `Authorization: Bearer <token>`. The token is looked up as Ray itself does:
`RAY_AUTH_TOKEN`, then the file named by `RAY_AUTH_TOKEN_PATH`, then `~/.ray/auth_token`.
It is sent explicitly, so the client works whatever auth mode this process is in.

Resume makes the Jobs API simple to use: a stopped or failed synthesis job is finished
by submitting the same spec again; the dataset keeps what was committed.
"""

from __future__ import annotations

import logging
import os
import shlex
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipelines.sink import absolute_uri, is_local
from pipelines.spec import JobSpec, SpecError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ADDRESS = "http://127.0.0.1:8265"
TERMINAL = frozenset({"SUCCEEDED", "FAILED", "STOPPED"})
AGENT_WAIT_S = 60  # how long a submission waits for a new head's job agent
# The spec of a synthesis job, as JSON (which is YAML), read by this module's __main__.
SPEC_ENV = "UNISYNTH_JOB_SPEC"
# What the cluster never needs: gitignore patterns ("/" anchors at the project root).
# Ray also applies the checkout's .gitignore.
# No trailing "/": Ray tests each directory's own path, so a match skips its whole tree.
EXCLUDES = [
    "/.venv", "/.git", "/data", "/.peers", "/bench/results", "/build",
    "__pycache__", ".pytest_cache", ".ruff_cache", "*.egg-info", "*.lance",
]


class JobsError(RuntimeError):
    """A request that cannot be made or answered: an unknown job id, an unreadable token file."""


def resolve_address(address: str | None) -> str:
    """The Jobs API URL: the argument, else RAY_API_SERVER_ADDRESS (or an http RAY_ADDRESS)
    as the `ray job` CLI reads them, else the local dashboard. `HEAD:8265` gets `http://`."""
    ray_address = os.environ.get("RAY_ADDRESS", "")
    address = (address or os.environ.get("RAY_API_SERVER_ADDRESS")
               or (ray_address if ray_address.startswith(("http://", "https://")) else None) or DEFAULT_ADDRESS)
    return address if "://" in address else f"http://{address}"


def auth_token() -> str | None:
    """The cluster token, from where Ray looks for it (same order), or None."""
    if token := os.environ.get("RAY_AUTH_TOKEN", "").strip():
        return token
    path = os.environ.get("RAY_AUTH_TOKEN_PATH")
    if path:
        try:
            return Path(path).expanduser().read_text().strip() or None
        except OSError as err:
            raise JobsError(f"RAY_AUTH_TOKEN_PATH={path}: cannot read the token ({err.strerror})") from None
    default = Path.home() / ".ray" / "auth_token"
    if not default.is_file():
        return None
    return default.read_text().strip() or None


def auth_headers() -> dict[str, str]:
    headers = {"Content-Type": "application/json"}
    if token := auth_token():
        headers["Authorization"] = f"Bearer {token}"
    return headers


@contextmanager
def _explicit_address() -> Iterator[None]:
    """Ray's clients let RAY_ADDRESS / RAY_API_SERVER_ADDRESS override the address they
    are given (inside a Ray job RAY_ADDRESS is the GCS, not the Jobs API); an address
    resolved here must win, so hide both while a client is built."""
    saved = {k: os.environ.pop(k) for k in ("RAY_ADDRESS", "RAY_API_SERVER_ADDRESS") if k in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


def client(address: str | None = None):
    """A JobSubmissionClient for the cluster at `address`, authenticated when a token exists."""
    from ray.job_submission import JobSubmissionClient

    _quiet_packaging_logs()
    with _explicit_address():
        return JobSubmissionClient(resolve_address(address), headers=auth_headers())


def state_client(address: str | None = None):
    """Ray's state API client (nodes, actors) for the same cluster and token."""
    from ray.util.state import StateApiClient

    with _explicit_address():
        return StateApiClient(resolve_address(address), headers=auth_headers())


def _quiet_packaging_logs() -> None:
    # Uploading the working_dir logs every ignored file and a deprecation note at INFO/
    # WARNING; the CLI prints the job id and nothing else.
    for name in ("ray.dashboard.modules.dashboard_sdk", "ray._private.runtime_env", "ray.dashboard.modules.job.sdk"):
        logging.getLogger(name).setLevel(logging.ERROR)


def project_runtime_env(env_vars: dict[str, str] | None = None) -> dict[str, Any]:
    """The runtime environment that carries this checkout to the cluster."""
    runtime_env: dict[str, Any] = {"working_dir": str(PROJECT_ROOT), "excludes": list(EXCLUDES)}
    if env_vars:
        runtime_env["env_vars"] = dict(env_vars)
    return runtime_env


def cluster_output(spec: JobSpec) -> JobSpec:
    """A relative local output would land in the job's temporary working_dir on the
    head node and vanish with it: refuse it, and make an absolute one canonical."""
    if is_local(spec.output) and not Path(spec.output.removeprefix("file://")).is_absolute():
        raise SpecError([(
            f"output: {spec.output!r} is relative; a cluster job needs an absolute path on storage every node "
            "shares, or an object-store URI (set --out)"
        )])
    return spec.model_copy(update={"output": absolute_uri(spec.output)})


def cli_command(argv: list[str], python: str = "python") -> str:
    """`unisynth ARGS` as an entrypoint that runs the shipped code with the cluster's Python."""
    return " ".join([shlex.quote(python), "-m", "pipelines.cli", *map(shlex.quote, argv)])


def submit_spec(spec: JobSpec, address: str | None = None, *, python: str = "python",
                submission_id: str | None = None, metadata: dict[str, str] | None = None) -> str:
    """Submit a synthesis job (`unisynth run` on the cluster); returns the submission id."""
    spec = cluster_output(spec)
    entrypoint = f"{shlex.quote(python)} -m pipelines.jobs"
    meta = {"unisynth_job": spec.job, "output": spec.output, **(metadata or {})}
    return submit_entrypoint(entrypoint, address, submission_id=submission_id, metadata=meta,
                             env_vars={SPEC_ENV: spec.model_dump_json()})


def submit_entrypoint(entrypoint: str, address: str | None = None, *, submission_id: str | None = None,
                      metadata: dict[str, str] | None = None, env_vars: dict[str, str] | None = None) -> str:
    """Submit any shell command with the project as its runtime environment."""
    jobs = client(address)
    deadline = time.monotonic() + AGENT_WAIT_S
    while True:
        try:
            return jobs.submit_job(entrypoint=entrypoint, submission_id=submission_id, metadata=metadata or {},
                                   runtime_env=project_runtime_env(env_vars))
        except RuntimeError as err:
            # A head that has just started serves the Jobs API before its job agent is up.
            if "No available agent" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(1)


def job_info(address: str | None, submission_id: str):
    """The job's details, or JobsError when the cluster does not know the id."""
    try:
        return client(address).get_job_info(submission_id)
    except RuntimeError as err:
        if "does not exist" in str(err) or "404" in str(err):
            raise JobsError(f"no job {submission_id!r} on this cluster") from None
        raise


def wait_for(address: str | None, submission_id: str, timeout_s: float | None = None,
             poll_s: float = 1.0) -> str:
    """Poll until the job reaches a terminal status; returns it (or the last one seen at timeout)."""
    jobs = client(address)
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    while True:
        status = str(jobs.get_job_status(submission_id))
        if status in TERMINAL or (deadline is not None and time.monotonic() >= deadline):
            return status
        time.sleep(poll_s)


def cluster_capacity(address: str | None = None) -> dict[str, float]:
    """CPUs and GPUs of the nodes alive now (an autoscaling cluster may grow beyond this)."""
    from ray.util.state.common import ListApiOptions, StateResource

    states = state_client(address)
    deadline = time.monotonic() + 15
    while True:
        nodes = states.list(StateResource.NODES, options=ListApiOptions(detail=True, filters=[("state", "=", "ALIVE")]),
                            raise_on_missing_output=False)
        # A head that has just started answers before its node table fills: ask again.
        if nodes or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    totals = {"cpus": 0.0, "gpus": 0.0}
    for node in nodes:
        resources = node.resources_total or {}
        totals["cpus"] += resources.get("CPU", 0.0)
        totals["gpus"] += resources.get("GPU", 0.0)
    return totals


def run_spec_from_env() -> int:
    """The entrypoint of a submitted synthesis job: `unisynth run` on the spec it carries."""
    from pipelines.cli import main

    text = os.environ.get(SPEC_ENV)
    if not text:
        print(f"error: {SPEC_ENV} is not set; this module runs inside jobs made by `unisynth submit`",
              file=sys.stderr)
        return 2
    # Inside a Ray job RAY_ADDRESS names the job's cluster; `unisynth run` without
    # --address would start a Ray of its own on the head node.
    address = ["--address", os.environ["RAY_ADDRESS"]] if os.environ.get("RAY_ADDRESS") else []
    with tempfile.TemporaryDirectory(prefix="unisynth-job-") as folder:
        path = Path(folder) / "spec.json"
        path.write_text(text, encoding="utf-8")
        return main(["run", str(path), "--quiet", *address])


if __name__ == "__main__":
    sys.exit(run_spec_from_env())
