"""The `audits` table: human labels on samples, one Lance dataset next to the samples
(`data/job.lance` -> `data/job.audits.lance`).

The dashboard appends rows here (it never changes the samples); `unisynth calibrate`
reads them. A row is one auditor's judgment of one sample, overall (`rubric` null) or on
one rubric (e.g. `legibility`, which pairs with a `judge_legibility` score column), with
an optional 1-3 score. Labels are appended, never edited: a later row of the same
auditor, sample and rubric supersedes the earlier one.

A `skip` row records that an auditor looked at a sample and gave no judgment (the
dashboard's "skip"); it withdraws nothing, and `read_audits` leaves skips out unless
asked, so calibration only ever sees keep/reject. `session` names the dashboard audit
session a label was given in (null outside one).

Concurrent writers: appends are safe from any number of processes (Lance retries an
append that races another append). Creating the table is not: `mode="create"` commits an
Overwrite, and two first labels racing would let the later creation erase the earlier
label. So the table is first created empty, under a lock (the process's, plus an
advisory lock on the parent folder for local paths), and every label is an append.
"""

from __future__ import annotations

import fcntl
import os
import re
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import lance
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.inspection import open_dataset
from pipelines.sink import dataset_exists, is_local, ledger_uri

AUDIT_SCHEMA = pa.schema(
    [
        pa.field("sample_id", pa.string(), nullable=False),
        pa.field("auditor", pa.string(), nullable=False),
        pa.field("label", pa.string(), nullable=False),  # "keep" | "reject" | "skip"
        pa.field("rubric", pa.string()),  # null: the sample overall
        pa.field("score", pa.int8()),  # 1 (bad) .. 3 (good), optional
        pa.field("comment", pa.string()),
        pa.field("created_at", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("session", pa.string()),  # the dashboard audit session, null outside one
    ]
)
JUDGMENTS = ("keep", "reject")
LABELS = (*JUDGMENTS, "skip")
SESSION = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
APPEND_ATTEMPTS = 5
SCORE_MIN, SCORE_MAX = 1, 3
# A rubric names a score column (`judge_<rubric>`), so it is spelled like one.
RUBRIC = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
REQUIRED = ("sample_id", "auditor", "label")


class AuditError(ValueError):
    """An audit row that cannot be stored; the message names the row and the field."""


class NoAuditsError(ValueError):
    """The samples dataset has no audits table yet."""


def audits_uri(samples_uri: str) -> str:
    """`data/job.lance` -> `data/job.audits.lance`."""
    stem = samples_uri.removesuffix(".lance")
    return f"{stem}.audits.lance"


def _timestamp(where: str, value: Any) -> datetime:
    if value is None:
        return datetime.now(UTC)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise AuditError(f"{where}: {value!r} is not an ISO 8601 time; e.g. '2025-01-31T12:00:00+00:00'") from None
    if not isinstance(value, datetime):
        raise AuditError(f"{where}: expected a datetime or ISO 8601 string, got {type(value).__name__}")
    if value.tzinfo is None:
        raise AuditError(f"{where}: {value.isoformat()} has no time zone; give an aware time (UTC preferred)")
    return value.astimezone(UTC)


def validate_audit(index: int, row: Any) -> dict[str, Any]:
    """One audit row, checked and normalised (created_at defaults to now, in UTC)."""
    where = f"audits[{index}]"
    if not isinstance(row, Mapping):
        raise AuditError(f"{where}: expected a mapping of column to value, got {type(row).__name__}")
    unknown = sorted(set(row) - set(AUDIT_SCHEMA.names))
    if unknown:
        raise AuditError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(AUDIT_SCHEMA.names)}")
    for key in REQUIRED:
        if not isinstance(row.get(key), str) or not row[key].strip():
            raise AuditError(f"{where}.{key}: required non-empty string (got {row.get(key)!r})")
    if row["label"] not in LABELS:
        raise AuditError(f"{where}.label: {row['label']!r} is not allowed; allowed: {', '.join(LABELS)}")
    rubric = row.get("rubric")
    if rubric is not None and (not isinstance(rubric, str) or not RUBRIC.match(rubric)):
        raise AuditError(f"{where}.rubric: {rubric!r} must be null (overall) or lowercase letters, digits and '_' "
                         "starting with a letter, e.g. 'legibility' (it pairs with a judge_<rubric> column)")
    score = row.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, int)
                              or not SCORE_MIN <= score <= SCORE_MAX):
        raise AuditError(f"{where}.score: {score!r} is not allowed; allowed: null or an integer "
                         f"{SCORE_MIN}..{SCORE_MAX}")
    comment = row.get("comment")
    if comment is not None and not isinstance(comment, str):
        raise AuditError(f"{where}.comment: expected a string or null, got {type(comment).__name__}")
    session = row.get("session")
    if session is not None and (not isinstance(session, str) or not SESSION.match(session)):
        raise AuditError(f"{where}.session: {session!r} must be null or 1-64 letters, digits, '_' or '-'")
    return {
        "sample_id": row["sample_id"], "auditor": row["auditor"], "label": row["label"], "rubric": rubric,
        "score": score, "comment": comment, "created_at": _timestamp(f"{where}.created_at", row.get("created_at")),
        "session": session,
    }


def _missing_ids(samples_uri: str, ids: set[str]) -> set[str]:
    """Audited ids that are neither in the dataset nor in its rejected-rows ledger."""
    wanted = pa.array(sorted(ids), pa.string())
    found: set[str] = set()
    datasets = [open_dataset(samples_uri)]
    if dataset_exists(ledger_uri(samples_uri)):
        datasets.append(lance.dataset(ledger_uri(samples_uri)))
    for ds in datasets:
        for batch in ds.to_batches(columns=["id"], batch_size=65_536):
            hits = pc.filter(batch.column("id"), pc.is_in(batch.column("id"), wanted))
            found.update(hits.to_pylist())
    return ids - found


def append_audits(samples_uri: str, rows: Iterable[Mapping[str, Any]], *, check_ids: bool = True) -> int:
    """Validate `rows` and append them to the samples dataset's audits table (created on
    first use). All rows or none are written. Returns the number of rows appended."""
    checked = [validate_audit(i, row) for i, row in enumerate(rows)]
    if not checked:
        raise AuditError("no audit rows given; pass a list of dicts with sample_id, auditor and label")
    if check_ids:
        missing = _missing_ids(samples_uri, {r["sample_id"] for r in checked})
        if missing:
            first = next(i for i, r in enumerate(checked) if r["sample_id"] in missing)
            raise AuditError(f"audits[{first}].sample_id: {checked[first]['sample_id']!r} is not a sample of "
                             f"{samples_uri} ({len(missing)} unknown id(s) in this batch); nothing was written")
    table = pa.Table.from_pylist(checked, schema=AUDIT_SCHEMA)
    target = audits_uri(samples_uri)
    ensure_table(target, AUDIT_SCHEMA)
    for attempt in range(APPEND_ATTEMPTS):
        try:
            lance.write_dataset(table, target, schema=AUDIT_SCHEMA, mode="append")
            break
        except OSError as exc:
            # Lance retries append-vs-append itself; what reaches here is a commit that
            # raced something else (a column added by a newer writer): try again.
            if attempt == APPEND_ATTEMPTS - 1 or "ncompatible" not in str(exc) and "onflict" not in str(exc):
                raise
            time.sleep(0.05 * (attempt + 1))
    return len(checked)


_create_lock = threading.Lock()


@contextmanager
def _folder_lock(uri: str) -> Iterator[None]:
    """An advisory lock on the folder that holds `uri` (local paths; a no-op elsewhere)."""
    if not is_local(uri):
        yield
        return
    folder = os.path.dirname(os.path.abspath(uri.removeprefix("file://"))) or "."
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def ensure_table(target: str, schema: pa.Schema) -> None:
    """Create an append-only table empty if it does not exist (see the module docstring:
    never let a creation race an append), and give an older one the nullable columns
    added to `schema` since (all null for its rows)."""
    if not dataset_exists(target):
        with _create_lock, _folder_lock(target):
            if not dataset_exists(target):
                lance.write_dataset(schema.empty_table(), target, schema=schema, mode="create")
    ds = lance.dataset(target)
    missing = [f for f in schema if f.name not in ds.schema.names]
    if missing:
        with _create_lock:
            ds = lance.dataset(target)
            missing = [f for f in schema if f.name not in ds.schema.names]
            if missing:
                ds.add_columns(missing)


def audit_rows(samples_uri: str, where: str | None = None) -> pa.Table:
    """Audit rows (skips included) matching a Lance SQL filter, in AUDIT_SCHEMA; an empty
    table when nobody has labelled anything yet."""
    target = audits_uri(samples_uri)
    if not dataset_exists(target):
        return AUDIT_SCHEMA.empty_table()
    if any(name not in lance.dataset(target).schema.names for name in AUDIT_SCHEMA.names):
        # A table from before a column existed: add it (null, metadata only) so that
        # filters on it work; the next append would do the same.
        ensure_table(target, AUDIT_SCHEMA)
    return lance.dataset(target).to_table(columns=AUDIT_SCHEMA.names, filter=where)


def read_audits(samples_uri: str, *, include_skips: bool = False) -> pa.Table:
    """Every audit row of the samples dataset, in AUDIT_SCHEMA; keep/reject only unless
    `include_skips`."""
    target = audits_uri(samples_uri)
    if not dataset_exists(target):
        raise NoAuditsError(
            f"{samples_uri}: no audits yet ({target} does not exist); auditors label samples in the dashboard, "
            "or append labels with pipelines.audits.append_audits(URI, rows)"
        )
    table = audit_rows(samples_uri)
    if include_skips:
        return table
    judged = table.filter(pc.is_in(table["label"], pa.array(JUDGMENTS)))
    if not judged.num_rows:
        raise NoAuditsError(f"{samples_uri}: no keep/reject labels yet ({table.num_rows} skips in {target}); "
                            "label samples good or bad in the dashboard first")
    return judged
