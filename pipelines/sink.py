"""The Lance sink: workers write fragments, the driver commits them.

Image bytes never pass through the driver: a write-stage worker turns a batch into
Lance data files (`lance.fragment.write_fragments`) and returns only the fragment
metadata and a small summary. The driver appends the fragments in one commit every
`commit_every` rows and compacts small fragments every `compact_every` commits, so the
fragment count (and with it the cost of a commit and of a scan) stays bounded however
long the job runs.

A kill loses only uncommitted fragments: their files are orphans that no version
references, never visible rows. Resume reads the committed seeds and generates the rest.

Rejected rows either stay in the dataset (default) or, with `keep_rejected: false`, go
without their image columns to a sibling ledger dataset, so that resume and the funnel
still know about them.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lance
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from lance.fragment import FragmentMetadata, write_fragments

from filters.judge import judge_class
from filters.mllm.rewriter import REWRITE_COLUMNS
from pipelines.spec import JobSpec
from synthesis.generator import generator_class
from synthesis.sample import PAYLOAD_COLUMNS, SAMPLE_SCHEMA

META_PREFIX = "unisynth."


class DatasetMismatchError(RuntimeError):
    pass


def ledger_uri(uri: str) -> str:
    """`data/job.lance` -> `data/job.rejected.lance`: rejected rows when they are not kept."""
    stem = uri[: -len(".lance")] if uri.endswith(".lance") else uri
    return f"{stem}.rejected.lance"


def code_version() -> str:
    """Package version plus the git commit when run from a checkout."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        text = version("unisynth")
    except PackageNotFoundError:
        text = "unknown"
    repo = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, timeout=5, check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, timeout=5, check=True,
        ).stdout.strip()
        text += f"+g{commit}{'.dirty' if dirty else ''}"
    except (OSError, subprocess.SubprocessError):
        pass
    return text


def job_schema(spec: JobSpec) -> pa.Schema:
    """The sample columns plus every configured judge's score columns, with the spec,
    code version and generator versions stored as schema metadata."""
    fields = list(SAMPLE_SCHEMA)
    if spec.rewriting:
        fields += [pa.field(name, dtype) for name, dtype in REWRITE_COLUMNS.items()]
    for f in spec.filters:
        fields += [pa.field(name, dtype) for name, dtype in judge_class(f.name).columns().items()]
    metadata = {
        f"{META_PREFIX}spec": spec.model_dump_json(),
        f"{META_PREFIX}fingerprint": spec.fingerprint(),
        f"{META_PREFIX}code_version": code_version(),
        f"{META_PREFIX}generator_versions": json.dumps(
            {g.name: generator_class(g.name).version for g in spec.generators}, sort_keys=True
        ),
    }
    return pa.schema(fields, metadata=metadata)


def ledger_schema(schema: pa.Schema) -> pa.Schema:
    return pa.schema([f for f in schema if f.name not in PAYLOAD_COLUMNS], metadata=schema.metadata)


def dataset_metadata(ds: lance.LanceDataset) -> dict[str, str]:
    meta = ds.schema.metadata or {}
    return {k.decode()[len(META_PREFIX):]: v.decode() for k, v in meta.items() if k.decode().startswith(META_PREFIX)}


def dataset_exists(uri: str) -> bool:
    try:
        lance.dataset(uri)
        return True
    except (ValueError, FileNotFoundError, OSError):
        return False


def open_or_create(uri: str, schema: pa.Schema) -> lance.LanceDataset:
    """Create the dataset (empty, with the schema) or open it after checking that it was
    made by a spec with the same identity, so that resume never mixes two jobs."""
    if not dataset_exists(uri):
        return lance.write_dataset(schema.empty_table(), uri, schema=schema, mode="create")
    ds = lance.dataset(uri)
    meta = dataset_metadata(ds)
    theirs, ours = meta.get("fingerprint"), schema.metadata[f"{META_PREFIX}fingerprint".encode()].decode()
    if theirs != ours:
        raise DatasetMismatchError(
            f"{uri} holds job data from a different spec (fingerprint {theirs}, this spec {ours}); "
            "resume only with the same job, seed, generators and filters, or write to another --out"
        )
    if set(ds.schema.names) != set(schema.names):
        raise DatasetMismatchError(f"{uri}: columns differ from this spec's; write to another --out")
    return ds


def committed_seeds(uri: str) -> np.ndarray:
    """Seeds of every committed row (dataset and ledger), as a sorted int64 array."""
    parts = []
    for path in (uri, ledger_uri(uri)):
        if dataset_exists(path):
            parts.append(lance.dataset(path).to_table(columns=["seed"])["seed"].to_numpy())
    return np.sort(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


# ---------------------------------------------------------------------------
# Worker side.


def _summarise(table: pa.Table) -> dict[str, Any]:
    verdicts = Counter(table["verdict"].to_pylist())
    reasons = Counter(reason_key(r) for r, v in zip(table["reason"].to_pylist(), table["verdict"].to_pylist()) if v != "keep" and r)
    return {"rows": table.num_rows, "verdicts": dict(verdicts), "reasons": dict(reasons)}


def reason_key(reason: str) -> str:
    """`ocr: cer=0.12 > 0.05` -> `ocr: cer > 0.05`, so reasons group across values."""
    head, _, rest = reason.partition(": ")
    if "=" in rest.split(" ")[0]:
        metric = rest.split("=", 1)[0]
        tail = rest.split(" ", 1)[1] if " " in rest else ""
        return f"{head}: {metric} {tail}".strip()
    return reason[:120]


class FragmentWriter:
    """The write stage (one per worker): finalises verdicts and writes fragments."""

    def __init__(self, uri: str, schema: pa.Schema, keep_rejected: bool, judged: bool):
        self.uri, self.schema = uri, schema
        self.keep_rejected, self.judged = keep_rejected, judged
        self.ledger_uri, self.ledger_schema = ledger_uri(uri), ledger_schema(schema)
        self.storage_version = lance.dataset(uri).data_storage_version

    def __call__(self, batch: pa.Table) -> pa.Table:
        table = self._finalise(batch).select(self.schema.names).cast(self.schema)
        summary = _summarise(table)
        fragments, ledger_fragments = [], []
        rejected = pc.equal(table["verdict"], "reject")
        if not self.keep_rejected and pc.any(rejected).as_py():
            ledger = table.filter(rejected).select(self.ledger_schema.names).cast(self.ledger_schema)
            table = table.filter(pc.invert(rejected))
            ledger_fragments = self._write(ledger, self.ledger_uri, self.ledger_schema)
        if table.num_rows:
            fragments = self._write(table, self.uri, self.schema)
        return pa.table({
            "fragments": [json.dumps([f.to_json() for f in fragments])],
            "ledger_fragments": [json.dumps([f.to_json() for f in ledger_fragments])],
            "summary": [json.dumps(summary)],
        })

    def _finalise(self, batch: pa.Table) -> pa.Table:
        """After at least one judge ran, a row nobody rejected is kept."""
        if not self.judged:
            return batch
        verdict = batch["verdict"]
        keep = pc.and_(pc.equal(verdict, "unjudged"), pc.is_null(batch["reason"]))
        new = pc.if_else(keep, pa.scalar("keep"), verdict)
        return batch.set_column(batch.schema.get_field_index("verdict"), "verdict", new)

    def _write(self, table: pa.Table, uri: str, schema: pa.Schema) -> list[FragmentMetadata]:
        if uri == self.ledger_uri and not dataset_exists(uri):
            # Two workers may race to create the ledger; only one create wins, both fine.
            try:
                lance.write_dataset(schema.empty_table(), uri, schema=schema, mode="create")
            except (OSError, ValueError):
                pass
        return write_fragments(table, uri, schema=schema, data_storage_version=self.storage_version)


# ---------------------------------------------------------------------------
# Driver side.


@dataclass
class Committer:
    """Collects fragment metadata from the write stage and commits it in intervals."""

    uri: str
    commit_every: int
    compact_every: int
    compact_target_rows: int
    message: str = "unisynth run"
    pending: list[FragmentMetadata] = field(default_factory=list)
    pending_ledger: list[FragmentMetadata] = field(default_factory=list)
    pending_rows: int = 0
    committed_rows: int = 0
    commits: int = 0
    compactions: int = 0
    datasets: dict[str, lance.LanceDataset] = field(default_factory=dict)

    def add(self, result_row: dict[str, Any]) -> dict[str, Any]:
        """Take one write-stage result; commit when the interval is full. Returns its summary."""
        self.pending += [FragmentMetadata.from_json(json.dumps(f)) for f in json.loads(result_row["fragments"])]
        self.pending_ledger += [
            FragmentMetadata.from_json(json.dumps(f)) for f in json.loads(result_row["ledger_fragments"])
        ]
        summary = json.loads(result_row["summary"])
        self.pending_rows += summary["rows"]
        if self.pending_rows >= self.commit_every:
            self.commit()
        return summary

    def commit(self) -> None:
        if not (self.pending or self.pending_ledger):
            return
        # The ledger first: a crash between the two commits leaves rejected ids recorded
        # (they are never in the main dataset anyway), never a kept row unrecorded.
        if self.pending_ledger:
            self._append(ledger_uri(self.uri), self.pending_ledger)
        if self.pending:
            self._append(self.uri, self.pending)
        self.committed_rows += self.pending_rows
        self.pending, self.pending_ledger, self.pending_rows = [], [], 0
        self.commits += 1
        if self.commits % self.compact_every == 0:
            self.compact()

    def _dataset(self, uri: str) -> lance.LanceDataset:
        # Kept between commits: opening a dataset to learn its latest version costs more
        # as versions accumulate, and the commit hands back the new version anyway.
        if uri not in self.datasets:
            self.datasets[uri] = lance.dataset(uri)
        return self.datasets[uri]

    def _append(self, uri: str, fragments: list[FragmentMetadata]) -> None:
        self.datasets[uri] = lance.LanceDataset.commit(
            uri, lance.LanceOperation.Append(fragments), read_version=self._dataset(uri).version,
            commit_message=self.message,
        )

    def compact(self) -> None:
        for uri in (self.uri, ledger_uri(self.uri)):
            if dataset_exists(uri):
                ds = self._dataset(uri)
                if len(ds.get_fragments()) > 1:
                    ds.optimize.compact_files(target_rows_per_fragment=self.compact_target_rows)
                    self.datasets[uri] = lance.dataset(uri)
        self.compactions += 1

    def finish(self) -> None:
        self.commit()
        self.compact()


def is_local(uri: str) -> bool:
    return "://" not in uri or uri.startswith("file://")


def absolute_uri(uri: str) -> str:
    """Workers write where the driver commits: a relative local path would resolve
    against each worker's own working directory."""
    return str(Path(uri.removeprefix("file://")).resolve()) if is_local(uri) else uri


def ensure_writable(uri: str) -> None:
    """Fail early, with one line, when a local output location cannot be written."""
    if not is_local(uri):
        return  # object stores: the first commit will tell
    path = Path(uri.removeprefix("file://"))
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise PermissionError(f"output {uri}: cannot create folder {parent} ({err.strerror})") from None
    target = path if path.exists() else parent
    if not os.access(target, os.W_OK):
        raise PermissionError(f"output {uri}: {target} is not writable")
