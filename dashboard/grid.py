"""The sample grid: filters turned into a Lance SQL filter, and pages read with `take`.

A query's matching rows are found once per (dataset version, filter) by a scan that
projects nothing but `_rowid` (Lance reads only the filter's columns, pushed down), and
kept as a numpy array of row ids (8 bytes a row: 8 MB for a million). A page is then a
slice of that array and one `take` of the light columns, so page 1 and page 20,000 cost
the same, and no image byte is read (thumbnails are fetched one by one, see thumbs.py).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from dashboard import sql
from dashboard.catalog import ServedDataset
from dashboard.errors import BadRequest
from synthesis.sample import TASKS, VERDICTS

MAX_LIMIT = 200
MAX_TEXT = 200
INSTRUCTION_CHARS = 240
INDEX_CACHE = 16  # (version, filter) entries; a million rows is 8 MB each


@dataclass(frozen=True)
class ScoreRange:
    column: str
    low: float | None
    high: float | None
    integer_range: tuple[int, int] | None = None  # (min, max) of an integer column's type

    def _literal(self, value: float, rounding) -> str:
        # Lance will not compare an integer column with a float literal: round the bound
        # inwards and keep it within the column type (out-of-range literals fail too).
        if self.integer_range is None:
            return sql.number(value)
        low, high = self.integer_range
        return str(min(max(int(rounding(value)), low), high))

    def sql(self) -> str:
        parts = []
        if self.low is not None:
            parts.append(f"{self.column} >= {self._literal(self.low, math.ceil)}")
        if self.high is not None:
            parts.append(f"{self.column} <= {self._literal(self.high, math.floor)}")
        return " AND ".join(parts)


@dataclass(frozen=True)
class GridQuery:
    generator: tuple[str, ...] = ()
    template: tuple[str, ...] = ()
    task: tuple[str, ...] = ()
    verdict: tuple[str, ...] = ()
    text: str = ""
    scores: tuple[ScoreRange, ...] = field(default_factory=tuple)

    def where(self) -> str | None:
        conditions = [sql.one_of(c, v) for c, v in (("generator", self.generator), ("template", self.template),
                                                      ("task", self.task), ("verdict", self.verdict)) if v]
        if self.text:
            conditions.append(f"instruction ILIKE {sql.like_contains(self.text)}")
        conditions += [s.sql() for s in self.scores]
        return sql.all_of(conditions)

    def as_params(self) -> dict[str, Any]:
        return {"generator": list(self.generator), "template": list(self.template), "task": list(self.task),
                "verdict": list(self.verdict), "q": self.text,
                "score": [f"{s.column}:{'' if s.low is None else s.low}:{'' if s.high is None else s.high}"
                          for s in self.scores]}


def _float(text: str, where: str) -> float | None:
    if text.strip() == "":
        return None
    try:
        value = float(text)
    except ValueError:
        raise BadRequest(f"{where}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise BadRequest(f"{where}: {text!r} is not a finite number")
    return value


def _names(values: list[str], param: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    out = []
    for v in values:
        if not v or len(v) > MAX_TEXT or "\x00" in v:
            raise BadRequest(f"{param}: {v[:40]!r} must be a non-empty name of at most {MAX_TEXT} characters")
        if allowed is not None and v not in allowed:
            raise BadRequest(f"{param}: {v!r} is not allowed; allowed: {', '.join(allowed)}")
        out.append(v)
    return tuple(dict.fromkeys(out))


def parse_query(served: ServedDataset, *, generator: list[str], template: list[str], task: list[str],
                verdict: list[str], q: str, score: list[str]) -> GridQuery:
    """The grid's query parameters, checked: unknown verdicts, tasks and score columns,
    unparseable or empty ranges and overlong text are 400s, never a broken filter."""
    if len(q) > MAX_TEXT or "\x00" in q:
        raise BadRequest(f"q: text search is limited to {MAX_TEXT} characters")
    numeric = served.numeric_columns()
    ranges = []
    for item in score:
        parts = item.split(":")
        if len(parts) != 3:
            raise BadRequest(f"score: {item[:60]!r} must be COLUMN:MIN:MAX (either bound may be empty), "
                             "e.g. ocr_cer::0.05")
        column, low_text, high_text = parts
        if column not in numeric:
            raise BadRequest(f"score: {column[:60]!r} is not a numeric score column of this dataset; "
                             f"allowed: {', '.join(numeric) or 'none'}")
        low, high = _float(low_text, f"score {column} min"), _float(high_text, f"score {column} max")
        if low is None and high is None:
            raise BadRequest(f"score: {item!r} gives neither a minimum nor a maximum")
        if low is not None and high is not None and low > high:
            raise BadRequest(f"score: {column} min {low:g} is above max {high:g}")
        dtype = served.schema.field(column).type
        integer = None
        if pa.types.is_integer(dtype):
            info = np.iinfo(dtype.to_pandas_dtype())
            integer = (int(info.min), int(info.max))
        ranges.append(ScoreRange(column, low, high, integer))
    return GridQuery(generator=_names(generator, "generator"), template=_names(template, "template"),
                     task=_names(task, "task", TASKS), verdict=_names(verdict, "verdict", VERDICTS),
                     text=q.strip(), scores=tuple(ranges))


class RowIndex:
    """Row ids matching a filter, per (dataset URI, version, filter): an LRU of INDEX_CACHE."""

    def __init__(self, capacity: int = INDEX_CACHE):
        self._entries: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def rows(self, served: ServedDataset, where: str | None) -> tuple[int, np.ndarray]:
        ds = served.dataset
        key = (served.uri, ds.version, where)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return ds.version, self._entries[key]
        try:
            table = ds.scanner(columns=[], filter=where, with_row_id=True).to_table()
        except ValueError as exc:  # Lance: "Invalid user input: ..." (parse_query should have caught it)
            raise BadRequest(f"the filter could not be applied: {str(exc).split(', /')[0]}") from None
        ids = table["_rowid"].to_numpy()
        with self._lock:
            self._entries[key] = ids
            while len(self._entries) > self._capacity:
                self._entries.popitem(last=False)
        return ds.version, ids


def page(served: ServedDataset, index: RowIndex, query: GridQuery, offset: int, limit: int) -> dict[str, Any]:
    """One page of the grid: the rows' light columns plus their row ids (for thumbnails)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"limit: {limit} is not allowed; allowed: 1..{MAX_LIMIT}")
    if offset < 0:
        raise BadRequest(f"offset: {offset} must be >= 0")
    where = query.where()
    version, ids = index.rows(served, where)
    chosen = ids[offset: offset + limit]
    rows = _take(served, chosen) if len(chosen) else []
    return {"dataset": served.name, "version": version, "total": len(ids), "offset": offset, "limit": limit,
            "query": query.as_params(), "rows": rows}


def _take(served: ServedDataset, row_ids: np.ndarray) -> list[dict[str, Any]]:
    # `_take_rows` takes row ids (what the scan returned) and keeps their order; the
    # public `take` wants positions, which deletions would shift.
    table = served.dataset._take_rows(pa.array(row_ids, pa.uint64()), columns=served.grid_columns())
    scores = served.grid_score_columns()
    out = []
    for row_id, row in zip(row_ids.tolist(), table.to_pylist()):
        instruction = row.get("instruction") or ""
        out.append({
            "row": row_id, "id": row["id"], "generator": row["generator"], "template": row["template"],
            "task": row["task"], "verdict": row["verdict"], "reason": row.get("reason"),
            "instruction": instruction[:INSTRUCTION_CHARS] + ("…" if len(instruction) > INSTRUCTION_CHARS else ""),
            "width": row.get("width"), "height": row.get("height"), "seed": row.get("seed"),
            "scores": {c: _json_value(row.get(c)) for c in scores if c in row},
        })
    return out


def _json_value(value: Any) -> Any:
    """JSON has no NaN or infinity: a score that is not a finite number is shown as missing."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
