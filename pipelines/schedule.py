"""A queue of cluster jobs, submitted in dependency and priority order as the cluster has room.

QUEUE.yaml lists jobs; each is a synthesis spec (submitted as `unisynth submit` does) or a
command line (`unisynth judge ...`, `unisynth train ...`: a leading `unisynth` runs the
shipped CLI with the cluster's Python), with a priority, the CPUs/GPUs it will occupy,
and the jobs it depends on:

    name: science-v1                  # default: the file's stem; prefixes submission ids
    capacity: {cpus: 1000, gpus: 64}  # default: the CPUs/GPUs of the nodes alive now
    jobs:
      - {name: synth, spec: science.yaml, out: s3://bucket/science.lance, resources: {cpus: 900}}
      - {name: judge, command: "unisynth judge ...", depends_on: [synth], resources: {gpus: 32}}

The scheduler keeps its state in `QUEUE.state.json` next to the queue and writes it
before every submission, so rerunning it (after Ctrl-C, a reboot, with `--once` from
cron) continues where it stopped: running jobs are watched, not submitted again. A job
that ends FAILED or STOPPED is submitted again up to `max_attempts` times; synthesis
jobs resume their dataset, so a retry finishes the work instead of redoing it.

`resources` are the scheduler's admission budget: a job starts when the budgets of the
jobs it has running leave room for it. They are not reserved for the entrypoint (a Ray
Data driver holding its pool's CPUs would starve its own actors). The next job in
priority order waits for room; lower-priority jobs do not jump ahead of it, so a large
job cannot be starved by a stream of small ones.
"""

from __future__ import annotations

import json
import os
import secrets
import shlex
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import Field, ValidationError, model_validator

from pipelines.spec import JOB_NAME, JobSpec, SpecError, StrictModel, format_validation_error, load_spec

ACTIVE = frozenset({"SUBMITTING", "PENDING", "RUNNING"})
RETRYABLE = frozenset({"FAILED", "STOPPED"})


class JobResources(StrictModel):
    cpus: float = Field(0, ge=0)
    gpus: float = Field(0, ge=0)

    def __add__(self, other: JobResources) -> JobResources:
        return JobResources(cpus=self.cpus + other.cpus, gpus=self.gpus + other.gpus)

    def fits_in(self, capacity: JobResources) -> bool:
        # A little slack: budgets are sums of floats.
        return self.cpus <= capacity.cpus + 1e-9 and self.gpus <= capacity.gpus + 1e-9


class QueueEntry(StrictModel):
    name: Annotated[str, Field(pattern=JOB_NAME.pattern)]
    spec: str | None = Field(None, description="synthesis spec path, relative to the queue file")
    out: str | None = Field(None, description="overrides the spec's output")
    num_samples: int | None = Field(None, gt=0, description="overrides the spec's num_samples")
    command: str | None = Field(None, description="a shell command; a leading `unisynth` runs the shipped CLI")
    priority: int = 0
    resources: JobResources = Field(default_factory=JobResources)
    depends_on: list[str] = Field(default_factory=list)
    max_attempts: int | None = Field(None, ge=1, description="default: the queue's max_attempts")

    @model_validator(mode="after")
    def _one_kind(self) -> QueueEntry:
        if (self.spec is None) == (self.command is None):
            raise ValueError(f"job {self.name!r}: give exactly one of spec (a synthesis job) or command")
        if self.command is not None and (self.out or self.num_samples):
            raise ValueError(f"job {self.name!r}: out and num_samples apply to spec jobs only")
        return self


class Queue(StrictModel):
    name: Annotated[str | None, Field(pattern=JOB_NAME.pattern)] = None
    address: str | None = Field(None, description="Jobs API URL; --address overrides it")
    python: str = Field("python", description="the cluster's Python, for entrypoints")
    capacity: JobResources | None = None
    max_attempts: int = Field(3, ge=1)
    jobs: list[QueueEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _graph(self) -> Queue:
        names = [job.name for job in self.jobs]
        problems = [f"job {n!r} is listed twice" for n in sorted({n for n in names if names.count(n) > 1})]
        for job in self.jobs:
            problems += [f"job {job.name!r} depends on unknown job {d!r}" for d in job.depends_on if d not in names]
        if not problems and (cycle := _find_cycle(self.jobs)):
            problems.append("dependency cycle: " + " -> ".join(cycle))
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def attempts_allowed(self, entry: QueueEntry) -> int:
        return entry.max_attempts or self.max_attempts


def _find_cycle(jobs: list[QueueEntry]) -> list[str] | None:
    deps = {job.name: job.depends_on for job in jobs}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> list[str] | None:
        if name in path:
            return path[path.index(name):] + [name]
        if name in done:
            return None
        for dep in deps[name]:
            if cycle := visit(dep, path + [name]):
                return cycle
        done.add(name)
        return None

    for name in deps:
        if cycle := visit(name, []):
            return cycle
    return None


@dataclass
class LoadedQueue:
    queue: Queue
    path: Path
    specs: dict[str, JobSpec]  # validated specs of the synthesis entries

    @property
    def name(self) -> str:
        return self.queue.name or self.path.stem

    @property
    def state_path(self) -> Path:
        return state_path_for(self.path)


def state_path_for(queue_path: Path) -> Path:
    return queue_path.with_name(f"{queue_path.stem}.state.json")


def load_queue(path: str | Path) -> LoadedQueue:
    """Read and validate a queue, including every synthesis spec it names, or raise
    SpecError with one line per problem, before anything is submitted."""
    from pipelines.jobs import cluster_output

    path = Path(path).resolve()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError([f"{path}: queue file not found"]) from None
    except yaml.YAMLError as err:
        raise SpecError([f"{path}: invalid YAML: {str(err).splitlines()[0]}"]) from None
    if not isinstance(data, dict):
        raise SpecError([f"{path}: a queue is a mapping with a `jobs` list"])
    try:
        queue = Queue.model_validate(data)
    except ValidationError as err:
        raise SpecError([f"{path}: {line}" for line in format_validation_error(err, Queue)]) from None
    specs, problems = {}, []
    for entry in queue.jobs:
        if entry.spec is None:
            continue
        try:
            spec = load_spec(path.parent / entry.spec, output=entry.out, num_samples=entry.num_samples)
            specs[entry.name] = cluster_output(spec)
        except SpecError as err:
            problems += [f"{path}: job {entry.name!r}: {line}" for line in err.problems]
    if problems:
        raise SpecError(problems)
    return LoadedQueue(queue, path, specs)


# ---------------------------------------------------------------------------
# State: what was submitted, kept next to the queue.


@dataclass
class EntryState:
    status: str = "WAITING"  # WAITING, then the Ray job status of the latest attempt
    attempts: int = 0
    submission_id: str | None = None
    message: str = ""


@dataclass
class QueueState:
    run_id: str = field(default_factory=lambda: secrets.token_hex(3))
    jobs: dict[str, EntryState] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> QueueState:
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(run_id=data["run_id"], jobs={k: EntryState(**v) for k, v in data["jobs"].items()})

    def save(self, path: Path) -> None:
        # Written whole and renamed: a kill mid-write leaves the previous state, never half of one.
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)

    def of(self, name: str) -> EntryState:
        return self.jobs.setdefault(name, EntryState())


# ---------------------------------------------------------------------------
# Decisions (pure: no cluster, no files).


@dataclass
class Plan:
    submit: list[str]  # entries to submit now, in order
    blocked: list[str]  # entries that can never run: a dependency gave up
    gave_up: list[str]  # entries whose attempts are spent
    finished: bool  # nothing active and nothing left that could start


def plan(queue: Queue, state: QueueState, capacity: JobResources) -> Plan:
    """Which entries to submit now: dependencies succeeded, highest priority first (queue
    order breaks ties), while their budgets fit beside the active jobs' budgets."""
    by_name = {entry.name: entry for entry in queue.jobs}
    status = {name: state.of(name) for name in by_name}
    gave_up = [n for n, s in status.items() if s.status in RETRYABLE and s.attempts >= queue.attempts_allowed(by_name[n])]

    blocked: set[str] = set()
    changed = True
    while changed:  # everything downstream of a job that gave up, transitively
        changed = False
        for entry in queue.jobs:
            if entry.name not in blocked and any(d in gave_up or d in blocked for d in entry.depends_on):
                blocked.add(entry.name)
                changed = True

    in_use = JobResources()
    for name, s in status.items():
        if s.status in ACTIVE:
            in_use = in_use + by_name[name].resources

    def ready(entry: QueueEntry) -> bool:
        s = status[entry.name]
        startable = s.status == "WAITING" or (s.status in RETRYABLE and entry.name not in gave_up)
        return startable and entry.name not in blocked and all(status[d].status == "SUCCEEDED" for d in entry.depends_on)

    order = {entry.name: i for i, entry in enumerate(queue.jobs)}
    candidates = sorted((e for e in queue.jobs if ready(e)), key=lambda e: (-e.priority, order[e.name]))
    submit = []
    for entry in candidates:
        if not (in_use + entry.resources).fits_in(capacity):
            break  # strict priority: nothing overtakes the job that waits for room
        submit.append(entry.name)
        in_use = in_use + entry.resources

    active = any(s.status in ACTIVE for s in status.values())
    return Plan(submit=submit, blocked=sorted(blocked), gave_up=sorted(gave_up),
                finished=not active and not candidates)


def oversized(queue: Queue, capacity: JobResources) -> list[str]:
    """Entries that need more than the whole cluster: they would wait forever."""
    return [f"job {e.name!r} needs {e.resources.cpus:g} CPUs / {e.resources.gpus:g} GPUs but the cluster has "
            f"{capacity.cpus:g} / {capacity.gpus:g}; lower its resources or set the queue's capacity"
            for e in queue.jobs if not e.resources.fits_in(capacity)]


def entrypoint_for(entry: QueueEntry, python: str) -> str:
    """A command entry's shell line; `unisynth ...` becomes the shipped CLI on the cluster's Python."""
    from pipelines.jobs import cli_command

    argv = shlex.split(entry.command)
    return cli_command(argv[1:], python) if argv and argv[0] == "unisynth" else entry.command


# ---------------------------------------------------------------------------
# The scheduler: decisions applied to a cluster through the Jobs API.


class Scheduler:
    def __init__(self, loaded: LoadedQueue, address: str | None = None):
        self.loaded = loaded
        self.queue = loaded.queue
        self.address = address or self.queue.address
        self.state = QueueState.load(loaded.state_path)

    def capacity(self) -> JobResources:
        from pipelines.jobs import cluster_capacity

        if self.queue.capacity is not None:
            return self.queue.capacity
        return JobResources(**cluster_capacity(self.address))

    def submission_id(self, name: str, attempt: int) -> str:
        return f"{self.loaded.name}-{name}-{self.state.run_id}-{attempt}"

    def refresh(self) -> list[str]:
        """Statuses of submitted jobs from the cluster; returns one line per change."""
        from pipelines.jobs import JobsError, job_info

        events = []
        for name, s in self.state.jobs.items():
            if s.submission_id is None or s.status in ("SUCCEEDED", *RETRYABLE):
                continue
            try:
                info = job_info(self.address, s.submission_id)
                new, message = str(info.status), info.message or ""
            except JobsError:
                # Saved as SUBMITTING but never reached the cluster: submit that attempt again.
                new, message = ("WAITING", "") if s.status == "SUBMITTING" else ("FAILED", "job vanished")
                if new == "WAITING":
                    s.attempts -= 1
            if new != s.status:
                why = message.splitlines()[0][:160] if message and new in RETRYABLE else ""
                events.append(f"{name}: {s.status} -> {new}" + (f" ({why})" if why else ""))
                s.status, s.message = new, message
        self.state.save(self.loaded.state_path)
        return events

    def step(self) -> tuple[Plan, list[str]]:
        """Refresh, then submit what the plan allows. Returns the plan and what happened."""
        events = self.refresh()
        capacity = self.capacity()
        if problems := oversized(self.queue, capacity):
            raise SpecError(problems)
        decision = plan(self.queue, self.state, capacity)
        for name in decision.submit:
            events.append(self._submit(name))
        return decision, events

    def _submit(self, name: str) -> str:
        from pipelines.jobs import submit_entrypoint, submit_spec

        entry = next(e for e in self.queue.jobs if e.name == name)
        s = self.state.of(name)
        s.attempts += 1
        s.submission_id = self.submission_id(name, s.attempts)
        s.status, s.message = "SUBMITTING", ""
        self.state.save(self.loaded.state_path)  # before the request: a rerun finds the id
        metadata = {"queue": self.loaded.name, "queue_job": name}
        if entry.spec is not None:
            submit_spec(self.loaded.specs[name], self.address, python=self.queue.python,
                        submission_id=s.submission_id, metadata=metadata)
        else:
            submit_entrypoint(entrypoint_for(entry, self.queue.python), self.address,
                              submission_id=s.submission_id, metadata=metadata)
        s.status = "PENDING"
        self.state.save(self.loaded.state_path)
        return f"{name}: submitted as {s.submission_id} (attempt {s.attempts})"

    def run(self, *, once: bool = False, poll_s: float = 10.0, timeout_s: float | None = None,
            report=print) -> Plan:
        """Step until every job has finished (or gave up), one step with `once`, or until `timeout_s`."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while True:
            decision, events = self.step()
            for line in events:
                report(line)
            if once or decision.finished or (deadline is not None and time.monotonic() >= deadline):
                return decision
            time.sleep(poll_s)
