"""Lance SQL literals built from request values: every value a client sends reaches a
filter only through these, never pasted into one."""

from __future__ import annotations

import math
from collections.abc import Iterable


def quote(value: str) -> str:
    """A SQL string literal ('' doubles a quote; backslashes are not escapes in Lance SQL)."""
    return "'" + value.replace("'", "''") + "'"


def like_contains(text: str) -> str:
    """An ILIKE pattern matching `text` anywhere: %, _ and \\ in it match themselves."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return quote(f"%{escaped}%")


def number(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f"{value} is not a finite number")
    return repr(float(value))


def one_of(column: str, values: Iterable[str]) -> str:
    """`column IN ('a', 'b')` (column names come from the dataset's schema, never a client)."""
    return f"{column} IN ({', '.join(quote(v) for v in values)})"


def all_of(conditions: Iterable[str]) -> str | None:
    parts = [f"({c})" for c in conditions if c]
    return " AND ".join(parts) if parts else None
