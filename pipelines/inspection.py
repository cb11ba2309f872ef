"""`unisynth inspect`: what is in a dataset, and a quick export of samples to look at."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import lance
import pyarrow as pa

from pipelines.sink import dataset_exists, dataset_metadata
from synthesis.sample import PAYLOAD_COLUMNS


class NotADatasetError(ValueError):
    pass


def open_dataset(uri: str) -> lance.LanceDataset:
    if not dataset_exists(uri):
        raise NotADatasetError(f"{uri}: no Lance dataset there")
    return lance.dataset(uri)


def describe(uri: str, rows: int = 5) -> dict[str, Any]:
    ds = open_dataset(uri)
    names = set(ds.schema.names)
    count_cols = [c for c in ("generator", "template", "verdict") if c in names]
    table = ds.to_table(columns=count_cols)
    counts = {c: dict(Counter(table[c].to_pylist()).most_common()) for c in count_cols}
    preview_cols = [c for c in ("id", "template", "verdict", "reason", "instruction") if c in names]
    preview = ds.to_table(columns=preview_cols, limit=rows).to_pylist()
    return {
        "uri": uri,
        "rows": ds.count_rows(),
        "fragments": len(ds.get_fragments()),
        "version": ds.version,
        "versions": [
            {"version": v["version"], "timestamp": str(v["timestamp"]), "rows": v["metadata"].get("total_rows")}
            for v in ds.versions()
        ],
        "metadata": dataset_metadata(ds),
        "schema": [(f.name, str(f.type)) for f in ds.schema],
        "counts": counts,
        "preview": preview,
    }


def _image_suffix(data: bytes) -> str:
    return ".webp" if data[:4] == b"RIFF" else ".png" if data[:4] == b"\x89PNG" else ".bin"


def export_samples(uri: str, out_dir: str | Path, limit: int, where: str | None = None) -> list[Path]:
    """Write up to `limit` samples as image files plus a JSON side file each."""
    ds = open_dataset(uri)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    scanner = ds.scanner(filter=where, limit=limit, batch_size=min(limit, 64))
    for batch in scanner.to_batches():
        for row in pa.Table.from_batches([batch]).to_pylist():
            stem = row["id"].replace("/", "__")
            for column in PAYLOAD_COLUMNS:
                data = row.get(column)
                if data:
                    suffix = "" if column == "image" else f".{column}"
                    path = out / f"{stem}{suffix}{_image_suffix(data)}"
                    path.write_bytes(data)
                    written.append(path)
            side = {k: _maybe_json(v) for k, v in row.items() if k not in PAYLOAD_COLUMNS}
            path = out / f"{stem}.json"
            path.write_text(json.dumps(side, indent=2, ensure_ascii=False))
            written.append(path)
    return written


def _maybe_json(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value
