"""The audits table as the dashboard extends it: `skip` labels that calibration never
sees, a `session` column, and tables written before that column existed."""

from __future__ import annotations

from datetime import UTC, datetime

import lance
import pyarrow as pa
import pytest

from pipelines.audits import AUDIT_SCHEMA, AuditError, NoAuditsError, append_audits, audit_rows, audits_uri, read_audits


def test_skips_are_stored_but_not_judgments(dataset):
    uri, info = dataset
    assert audit_rows(uri).num_rows == 0  # no table yet: empty, not an error
    append_audits(uri, [{"sample_id": info["ids"][0], "auditor": "ann", "label": "skip", "session": "abc123"}])
    with pytest.raises(NoAuditsError, match="no keep/reject labels yet"):
        read_audits(uri)
    assert read_audits(uri, include_skips=True)["session"].to_pylist() == ["abc123"]
    with pytest.raises(AuditError, match=r"audits\[0\].session: '\.\./x' must be null or 1-64 letters"):
        append_audits(uri, [{"sample_id": info["ids"][0], "auditor": "ann", "label": "keep", "session": "../x"}])


def test_a_table_from_before_the_session_column_is_upgraded(dataset):
    uri, info = dataset
    old = pa.schema([f for f in AUDIT_SCHEMA if f.name != "session"])
    row = {"sample_id": info["ids"][0], "auditor": "ann", "label": "keep", "rubric": None, "score": None,
           "comment": None, "created_at": datetime(2025, 1, 1, tzinfo=UTC)}
    lance.write_dataset(pa.Table.from_pylist([row], schema=old), audits_uri(uri), schema=old)
    assert audit_rows(uri, "session IS NULL")["sample_id"].to_pylist() == [info["ids"][0]]
    append_audits(uri, [{"sample_id": info["ids"][1], "auditor": "bob", "label": "reject", "session": "s1"}])
    table = read_audits(uri).sort_by("created_at")
    assert table.schema.equals(AUDIT_SCHEMA) and table["session"].to_pylist() == [None, "s1"]
