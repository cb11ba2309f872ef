"""Finding one sample: by its row id when the client has one (a `take`, instant), checked
against the sample id it should hold, else by a scan for the id (Lance reads only `id`).

Row ids come from the grid and stay valid until the dataset is compacted; the sample id
is what a URL keeps, so a stale row id only costs the scan, never a wrong sample.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from dashboard import sql
from dashboard.catalog import ServedDataset
from dashboard.errors import BadRequest, NotFound

MAX_ID = 512
MAX_ROW = 2**64 - 1


def check_id(sample_id: str) -> str:
    if not sample_id or len(sample_id) > MAX_ID or "\x00" in sample_id:
        raise BadRequest(f"id: a sample id is 1..{MAX_ID} characters, like 'job/generator/42'")
    return sample_id


def _take(served: ServedDataset, row: int, columns: list[str]) -> dict[str, Any] | None:
    try:
        table = served.dataset._take_rows(pa.array([row], pa.uint64()), columns=columns)
    except OSError:  # Lance: "non-existent fragment" / "invalid read params": no such row
        return None
    return table.to_pylist()[0] if table.num_rows else None


def locate(served: ServedDataset, sample_id: str, row: int | None, columns: list[str]) -> tuple[int, dict[str, Any]]:
    """(row id, the row's `columns`) of the sample `sample_id`; NotFound if it is not there."""
    check_id(sample_id)
    if row is not None and not 0 <= row <= MAX_ROW:
        raise BadRequest(f"row: {row} is not a row id (0..2^64-1)")
    wanted = list(dict.fromkeys(["id", *columns]))
    if row is not None:
        found = _take(served, row, wanted)
        if found is not None and found["id"] == sample_id:
            return row, found
    table = served.dataset.scanner(columns=wanted, filter=f"id = {sql.quote(sample_id)}", with_row_id=True,
                                   limit=1).to_table()
    if not table.num_rows:
        raise NotFound(f"no sample with id {sample_id!r} in dataset {served.name!r}")
    found = table.to_pylist()[0]
    return int(found.pop("_rowid")), found


def payload(served: ServedDataset, sample_id: str, row: int | None, column: str) -> tuple[int, bytes]:
    """The encoded image bytes of one payload column of a sample."""
    if column not in served.payload_columns():
        raise BadRequest(f"column: {column!r} is not allowed; allowed: {', '.join(served.payload_columns())}")
    row_id, found = locate(served, sample_id, row, [column])
    data = found.get(column)
    if not data:
        raise NotFound(f"sample {sample_id!r} has no {column}")
    return row_id, data


def image_type(data: bytes) -> str:
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    return "application/octet-stream"
