"""The datasets a dashboard serves: fixed at start, addressed by a short name.

Requests name a dataset by the name given here (the file stem, made unique), never by a
path, so no request parameter can reach the filesystem. Each dataset is reopened at its
latest version at most every REFRESH_S seconds, so rows a running job commits show up
while the dashboard is open; caches elsewhere are keyed by the version they read.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import lance
import pyarrow as pa

from dashboard.errors import NotFound
from pipelines.funnel_report import REQUIRED_COLUMNS, is_numeric, score_fields, spec_filters
from pipelines.inspection import NotADatasetError, open_dataset
from pipelines.sink import absolute_uri, dataset_metadata, is_local
from synthesis.sample import PAYLOAD_COLUMNS

REFRESH_S = 2.0
# Columns the grid reads besides the score columns: small, never the image bytes.
GRID_COLUMNS = ("id", "generator", "template", "task", "verdict", "reason", "instruction", "width", "height", "seed")
NAME = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass
class ServedDataset:
    name: str
    uri: str
    _ds: lance.LanceDataset
    _checked: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def dataset(self) -> lance.LanceDataset:
        """The dataset at its latest version (checked at most every REFRESH_S seconds)."""
        now = time.monotonic()
        if now - self._checked > REFRESH_S:
            with self._lock:
                if now - self._checked > REFRESH_S:
                    latest = lance.dataset(self.uri)
                    if latest.version != self._ds.version:
                        self._ds = latest
                    self._checked = now
        return self._ds

    @property
    def schema(self) -> pa.Schema:
        return self.dataset.schema

    def score_columns(self) -> list[pa.Field]:
        """Everything the filters added, in schema order."""
        return score_fields(self.schema)

    def numeric_columns(self) -> list[str]:
        """Columns a grid or session may range over: the numeric scores, then the size."""
        scores = [f.name for f in self.score_columns() if is_numeric(f.type)]
        return scores + [c for c in ("width", "height") if c in self.schema.names]

    def grid_score_columns(self) -> list[str]:
        """Scores small enough for a grid card: numbers and flags (text ones are for the detail)."""
        return [f.name for f in self.score_columns() if is_numeric(f.type) or pa.types.is_boolean(f.type)]

    def grid_columns(self) -> list[str]:
        names = set(self.schema.names)
        return [c for c in GRID_COLUMNS if c in names] + self.grid_score_columns()

    def payload_columns(self) -> list[str]:
        return [c for c in PAYLOAD_COLUMNS if c in self.schema.names]

    def filters(self) -> list[str]:
        return [name for name, _ in spec_filters(self.dataset)]

    def metadata(self) -> dict[str, str]:
        return dataset_metadata(self.dataset)


class Catalog:
    def __init__(self, uris: list[str]):
        if not uris:
            raise NotADatasetError("give at least one Lance dataset URI to serve")
        self._by_name: dict[str, ServedDataset] = {}
        for uri in uris:
            uri = absolute_uri(uri) if is_local(uri) else uri
            ds = open_dataset(uri)
            missing = [c for c in REQUIRED_COLUMNS if c not in ds.schema.names]
            if missing:
                raise NotADatasetError(f"{uri}: not a unisynth samples dataset (missing columns: {', '.join(missing)})")
            name = self._unique(_stem(uri))
            self._by_name[name] = ServedDataset(name, uri, ds, time.monotonic())

    def _unique(self, base: str) -> str:
        name, n = base, 2
        while name in self._by_name:
            name, n = f"{base}-{n}", n + 1
        return name

    def __iter__(self):
        return iter(self._by_name.values())

    def get(self, name: str) -> ServedDataset:
        try:
            return self._by_name[name]
        except KeyError:
            raise NotFound(f"no dataset named {name!r}; this dashboard serves: {', '.join(self._by_name)}") from None


def _stem(uri: str) -> str:
    last = Path(uri.rstrip("/")).name
    stem = last.removesuffix(".lance")
    return NAME.sub("-", stem).strip("-.") or "dataset"
