"""`unisynth submit`, `unisynth jobs list|status|logs|stop` and `unisynth schedule`: jobs on
a Ray cluster through its Jobs API (registered into the CLI by pipelines/cli.py).

Exit codes as for `run`: 0 done; 2 bad input (a spec or queue problem, an unknown job id,
no cluster at the address, a missing or wrong token); 3 a job (or a queue's job, after
its retries) ended FAILED or STOPPED — its committed rows are kept and submitting the
same spec again finishes it.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import time
from datetime import datetime

from rich.console import Console
from rich.table import Table

EXIT_BAD_INPUT = 2
EXIT_JOB_STOPPED = 3

out = Console()
err = Console(stderr=True)


def _say(message: str) -> None:
    err.print(message, highlight=False, soft_wrap=True)


def _cluster_errors(fn):
    """Cluster-side refusals as one line and exit code 2, like spec problems."""

    @functools.wraps(fn)
    def wrapper(args: argparse.Namespace) -> int:
        from ray.exceptions import AuthenticationError

        from pipelines.jobs import JobsError, resolve_address

        try:
            return fn(args)
        except (JobsError, AuthenticationError) as e:
            if args.debug:
                raise
            message = str(e)
        except ConnectionError as e:
            if args.debug:
                raise
            message = f"no Ray Jobs API at {resolve_address(args.address)} ({' '.join(str(e).split())[:200]})"
        err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
        return EXIT_BAD_INPUT

    return wrapper


@_cluster_errors
def cmd_submit(args: argparse.Namespace) -> int:
    from pipelines.jobs import submit_spec, wait_for
    from pipelines.spec import load_spec

    spec = load_spec(args.spec, output=args.out, num_samples=args.num_samples)
    job_id = submit_spec(spec, args.address, python=args.python, submission_id=args.submission_id)
    out.print(job_id, highlight=False)
    _say(f"submitted {spec.job!r} ({spec.num_samples} samples): follow it with "
         f"`unisynth jobs logs {job_id} --follow`; if it stops, submit the same spec again to finish it")
    if not args.wait:
        return 0
    status = wait_for(args.address, job_id, poll_s=args.poll)
    _say(f"{job_id}: {status}")
    return 0 if status == "SUCCEEDED" else EXIT_JOB_STOPPED


def _when(ms: int | None) -> str:
    return datetime.fromtimestamp(ms / 1000).strftime("%Y-%m-%d %H:%M:%S") if ms else ""


@_cluster_errors
def cmd_jobs_list(args: argparse.Namespace) -> int:
    from pipelines.jobs import client

    jobs = sorted(client(args.address).list_jobs(), key=lambda j: j.start_time or 0)
    # One plain line per job (no table folding), so that ids can be grepped and copied.
    out.print(f"{'SUBMISSION ID':<32} {'STATUS':<10} {'JOB':<20} {'STARTED':<19} {'ENDED':<19} ENTRYPOINT",
              highlight=False, soft_wrap=True)
    for job in jobs:
        meta = job.metadata or {}
        name = meta.get("queue_job") or meta.get("unisynth_job") or ""
        out.print(f"{job.submission_id or job.job_id or '':<32} {job.status!s:<10} {name:<20} "
                  f"{_when(job.start_time):<19} {_when(job.end_time):<19} {(job.entrypoint or '')[:100]}",
                  highlight=False, soft_wrap=True)
    return 0


@_cluster_errors
def cmd_jobs_status(args: argparse.Namespace) -> int:
    from pipelines.jobs import job_info

    info = job_info(args.address, args.job_id)
    meta = info.metadata or {}
    out.print(f"{args.job_id}: {info.status}" + (f" — {info.message}" if info.message else ""),
              highlight=False, soft_wrap=True)
    if meta.get("output"):
        out.print(f"dataset: {meta['output']}", highlight=False, soft_wrap=True)
    return 0


@_cluster_errors
def cmd_jobs_logs(args: argparse.Namespace) -> int:
    from pipelines.jobs import client, job_info

    job_info(args.address, args.job_id)  # an unknown id is one line, not a stack of HTTP errors
    jobs = client(args.address)
    if not args.follow:
        print(jobs.get_job_logs(args.job_id), end="")
        return 0

    async def follow() -> None:
        async for lines in jobs.tail_job_logs(args.job_id):
            print(lines, end="", flush=True)

    asyncio.run(follow())
    return 0


@_cluster_errors
def cmd_jobs_stop(args: argparse.Namespace) -> int:
    from pipelines.jobs import client, job_info, wait_for

    job_info(args.address, args.job_id)
    stopped = client(args.address).stop_job(args.job_id)
    if not stopped:
        _say(f"{args.job_id} had already ended")
        return 0
    status = wait_for(args.address, args.job_id, timeout_s=60, poll_s=0.5) if args.wait else "stopping"
    _say(f"{args.job_id}: {status}; committed rows are kept: submit the same spec again to finish it")
    return 0


@_cluster_errors
def cmd_schedule(args: argparse.Namespace) -> int:
    from pipelines.schedule import Scheduler, load_queue

    loaded = load_queue(args.queue)
    scheduler = Scheduler(loaded, args.address)
    started = time.monotonic()
    decision = scheduler.run(once=args.once, poll_s=args.poll, timeout_s=args.timeout, report=_say)
    table = Table(title=f"queue {loaded.name} ({time.monotonic() - started:.0f} s); state: {loaded.state_path}")
    for column in ("job", "status", "attempts", "submission id", "depends on"):
        table.add_column(column, overflow="fold")
    for entry in loaded.queue.jobs:
        s = scheduler.state.of(entry.name)
        status = "BLOCKED" if entry.name in decision.blocked else s.status
        table.add_row(entry.name, status, str(s.attempts), s.submission_id or "", ", ".join(entry.depends_on))
    out.print(table)
    if decision.gave_up or decision.blocked:
        _say(f"queue stopped: {', '.join(decision.gave_up)} failed on every attempt"
             + (f"; not run: {', '.join(decision.blocked)}" if decision.blocked else ""))
        return EXIT_JOB_STOPPED
    if not decision.finished:
        _say("jobs are still running or waiting: rerun the same command to continue")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    address = argparse.ArgumentParser(add_help=False)
    address.add_argument("--address", help="Ray Jobs API, e.g. http://HEAD:8265 (default: $RAY_API_SERVER_ADDRESS, "
                                           "an http $RAY_ADDRESS, or http://127.0.0.1:8265)")

    p = sub.add_parser("submit", parents=[address],
                       help="submit a synthesis job to a Ray cluster (Jobs API); prints the job id")
    p.add_argument("spec")
    p.add_argument("--out", help="output Lance URI: an absolute path every node shares, or s3://...")
    p.add_argument("--num-samples", type=int, help="overrides the spec's num_samples")
    p.add_argument("--python", default="python", help="the cluster's Python for the entrypoint (default: python)")
    p.add_argument("--submission-id", help="job id to use (default: one Ray makes)")
    p.add_argument("--wait", action="store_true", help="wait for the job; exit 0 only if it SUCCEEDED")
    p.add_argument("--poll", type=float, default=2.0, help="seconds between status checks with --wait")
    p.set_defaults(fn=cmd_submit)

    p = sub.add_parser("jobs", help="list, inspect, follow or stop jobs on a Ray cluster")
    jobs = p.add_subparsers(dest="jobs_command", required=True)
    q = jobs.add_parser("list", parents=[address], help="every job the cluster knows")
    q.set_defaults(fn=cmd_jobs_list)
    q = jobs.add_parser("status", parents=[address], help="status and message of one job")
    q.add_argument("job_id")
    q.set_defaults(fn=cmd_jobs_status)
    q = jobs.add_parser("logs", parents=[address], help="the job's driver output")
    q.add_argument("job_id")
    q.add_argument("--follow", action="store_true", help="stream until the job ends")
    q.set_defaults(fn=cmd_jobs_logs)
    q = jobs.add_parser("stop", parents=[address], help="stop a job (committed rows are kept)")
    q.add_argument("job_id")
    q.add_argument("--wait", action="store_true", help="wait until it has stopped")
    q.set_defaults(fn=cmd_jobs_stop)

    p = sub.add_parser("schedule", parents=[address],
                       help="submit a queue of jobs in dependency and priority order as the cluster has room")
    p.add_argument("queue", help="QUEUE.yaml; its state goes to QUEUE.state.json beside it")
    p.add_argument("--once", action="store_true", help="one pass (submit what can start), then exit")
    p.add_argument("--poll", type=float, default=10.0, help="seconds between passes")
    p.add_argument("--timeout", type=float, help="stop watching after this many seconds (jobs keep running)")
    p.set_defaults(fn=cmd_schedule)
