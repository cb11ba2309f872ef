"""Auditors' labels: good / bad / skip, stored as keep / reject / skip rows of the
append-only audits table (pipelines/audits.py), never as an edit of a sample.

Every label is its own appended row; nothing is read-modify-written, so two auditors
(or two dashboards) labelling at once both land. The latest row of an auditor for a
sample is their current label; the history stays.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from dashboard import sql
from dashboard.catalog import ServedDataset
from dashboard.errors import BadRequest
from dashboard.samples import locate
from pipelines.audits import AuditError, append_audits, audit_rows

WORD_TO_LABEL = {"good": "keep", "bad": "reject", "skip": "skip"}
LABEL_TO_WORD = {v: k for k, v in WORD_TO_LABEL.items()}
AUDITOR = re.compile(r"^[^\x00-\x1f\x7f]{1,64}$")
IN_CHUNK = 500  # ids per IN (...) filter


class LabelIn(BaseModel):
    """A label as the page posts it."""

    model_config = ConfigDict(extra="forbid")
    sample_id: str = Field(min_length=1, max_length=512)
    row: int | None = Field(None, ge=0, le=2**64 - 1, description="row id hint from the grid")
    label: Literal["good", "bad", "skip"]
    auditor: str = Field(min_length=1, max_length=64)
    note: str | None = Field(None, max_length=2000)
    session: str | None = Field(None, pattern=r"^[0-9a-f]{12}$")


def check_auditor(auditor: str) -> str:
    auditor = auditor.strip()
    if not AUDITOR.match(auditor):
        raise BadRequest("auditor: give your name (1-64 printable characters)")
    return auditor


def add_label(served: ServedDataset, label: LabelIn) -> dict[str, Any]:
    """Append one label; the sample must exist (found by row hint or id)."""
    auditor = check_auditor(label.auditor)
    locate(served, label.sample_id, label.row, ["id"])
    note = (label.note or "").strip() or None
    row = {"sample_id": label.sample_id, "auditor": auditor, "label": WORD_TO_LABEL[label.label], "comment": note,
           "session": label.session}
    try:
        append_audits(served.uri, [row], check_ids=False)  # locate() has just checked the id
    except AuditError as exc:
        raise BadRequest(str(exc)) from None
    return {"sample_id": label.sample_id, "auditor": auditor, "label": label.label, "note": note,
            "session": label.session}


def _as_entry(row: dict[str, Any]) -> dict[str, Any]:
    return {"auditor": row["auditor"], "label": LABEL_TO_WORD.get(row["label"], row["label"]),
            "rubric": row["rubric"], "note": row["comment"], "session": row["session"],
            "time": row["created_at"].isoformat()}


def labels_of(served: ServedDataset, sample_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Every label of each sample, oldest first."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for start in range(0, len(sample_ids), IN_CHUNK):
        chunk = sample_ids[start: start + IN_CHUNK]
        table = audit_rows(served.uri, sql.one_of("sample_id", chunk))
        for row in table.sort_by([("created_at", "ascending")]).to_pylist():
            out[row["sample_id"]].append(_as_entry(row))
    return dict(out)


def latest_labels(served: ServedDataset, sample_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Per sample: the latest overall label and how many auditors labelled it."""
    out = {}
    for sample_id, entries in labels_of(served, sample_ids).items():
        overall = [e for e in entries if e["rubric"] is None]
        if overall:
            out[sample_id] = {**overall[-1], "auditors": len({e["auditor"] for e in overall})}
    return out
