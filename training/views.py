"""Curated views: what a training run reads. A view is (dataset URI, pinned Lance version,
SQL filter, weight), recorded under a name in a registry file, so a run is reproducible
from its view names: the version is held by a Lance tag (`view-<name>`), which also
keeps Lance's cleanup from deleting the files it points at.

    unisynth curate data/qs.lance --name clean_text --where "verdict = 'keep' AND ocr_cer <= 0.02" --weight 2
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import lance
import numpy as np
import pyarrow as pa

from pipelines.inspection import open_dataset

DEFAULT_REGISTRY = "views.json"


class ViewError(ValueError):
    """A view that cannot be recorded or read: one line saying what is wrong."""


@dataclass(frozen=True)
class View:
    name: str
    uri: str
    version: int
    tag: str
    where: str
    weight: float
    rows: int
    created_at: str

    def dataset(self) -> lance.LanceDataset:
        return lance.dataset(self.uri, version=self.version)

    def row_ids(self) -> np.ndarray:
        """Lance row ids of the rows the view admits, in scan order (the filter is pushed down)."""
        table = self.dataset().scanner(columns=["id"], filter=self.where or None, with_row_id=True).to_table()
        return table["_rowid"].to_numpy().astype(np.int64)

    def take(self, row_ids, columns: list[str]) -> pa.Table:
        return take_rows(self.dataset(), row_ids, columns)


def take_rows(dataset: lance.LanceDataset, row_ids, columns: list[str]) -> pa.Table:
    """Rows by Lance row id (pylance exposes this as `_take_rows`; `take` wants offsets)."""
    return dataset._take_rows(pa.array(np.asarray(row_ids, dtype=np.uint64)), columns=columns)


def registry_path(path: str | Path | None = None) -> Path:
    return Path(path or os.environ.get("UNISYNTH_VIEWS") or DEFAULT_REGISTRY)


def _read(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text())["views"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise ViewError(f"{path}: not a views registry ({exc})") from None


def curate(uri: str, name: str, where: str, weight: float = 1.0, registry: str | Path | None = None,
           replace: bool = False) -> View:
    """Record view `name`: the dataset's current version, tagged, with `where` checked."""
    if not name.replace("_", "").replace("-", "").isalnum():
        raise ViewError(f"view name {name!r}: use letters, digits, '_' and '-'")
    if not weight > 0:
        raise ViewError(f"weight must be > 0, got {weight}")
    path = registry_path(registry)
    views = _read(path)
    if name in views and not replace:
        raise ViewError(f"view {name!r} exists in {path} (pinned at version {views[name]['version']}); "
                        "pass --replace to re-pin it")
    ds = open_dataset(uri)
    try:
        rows = ds.count_rows(filter=where or None)
    except Exception as exc:  # Lance's parser error is long; its first line says what is wrong
        raise ViewError(f"--where {where!r} is not a valid filter: {str(exc).splitlines()[0][:200]}") from None
    if rows == 0:
        raise ViewError(f"--where {where!r} admits no row of {uri} (version {ds.version})")
    tag = f"view-{name}"
    tags = ds.tags.list()
    if tag in tags:
        ds.tags.update(tag, ds.version)
    else:
        ds.tags.create(tag, ds.version)
    view = View(name, str(Path(uri).resolve()) if "://" not in uri else uri, ds.version, tag, where, float(weight),
                rows, datetime.now(timezone.utc).isoformat(timespec="seconds"))
    views[name] = asdict(view)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"views": views}, indent=2, sort_keys=True))
    tmp.replace(path)  # atomic: a reader never sees half a registry
    return view


def load_views(names: list[str], registry: str | Path | None = None) -> list[View]:
    path = registry_path(registry)
    views = _read(path)
    missing = [n for n in names if n not in views]
    if missing:
        raise ViewError(f"unknown views {missing} in {path}; recorded: {', '.join(sorted(views)) or 'none'}")
    return [View(**views[n]) for n in names]
