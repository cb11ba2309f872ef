"""One sample, everything an auditor reads about it: text fields, scores, the judges'
texts (rationales, readings), render spec, lineage, overlay shapes and its labels so far.
The image bytes are not in it: the page loads them from the image route."""

from __future__ import annotations

import json
import math
from typing import Any

import pyarrow as pa

from dashboard.catalog import ServedDataset
from dashboard.labelling import labels_of
from dashboard.overlay import build_overlay
from dashboard.samples import locate
from pipelines.funnel_report import is_numeric, spec_filters

JSON_COLUMNS = ("answer", "labels", "spec")


def _parse(text: str | None) -> Any:
    if not text:
        return None
    try:
        # NaN / Infinity (Python's json writes them) are not JSON: shown as null.
        return json.loads(text, parse_constant=lambda _name: None)
    except json.JSONDecodeError:
        return text  # shown as it is stored


def _finite(value: Any) -> Any:
    return None if isinstance(value, float) and not math.isfinite(value) else value


def sample_detail(served: ServedDataset, sample_id: str, row: int | None) -> dict[str, Any]:
    ds = served.dataset
    # One row: reading its image bytes to learn which exist costs less than a second query.
    row_id, found = locate(served, sample_id, row, ds.schema.names)

    scores, texts = {}, {}
    for f in served.score_columns():
        value = found.get(f.name)
        if is_numeric(f.type) or pa.types.is_boolean(f.type):
            scores[f.name] = _finite(value)
        elif f.name != "ocr_text":  # drawn on the image instead
            texts[f.name] = value
    thresholds = dict(spec_filters(ds))
    parsed = {c: _parse(found.get(c)) for c in JSON_COLUMNS}
    meta = served.metadata()
    return {
        "dataset": served.name,
        "version": ds.version,
        "row": row_id,
        "id": found["id"],
        "fields": {c: found.get(c) for c in ("generator", "template", "task", "seed", "width", "height", "verdict",
                                             "reason", "instruction", "instruction_zh", "cot")},
        "answer": parsed["answer"],
        "labels": parsed["labels"],
        "spec": parsed["spec"],
        "images": {c: bool(found.get(c)) for c in served.payload_columns()},
        "scores": scores,
        "judge_texts": texts,
        "overlay": build_overlay(parsed["labels"], found.get("ocr_text"), thresholds.get("ocr")),
        "lineage": {
            "job": found.get("job"), "generator": found.get("generator"),
            "generator_version": found.get("generator_version"), "seed": found.get("seed"),
            "dataset_version": ds.version, "code_version": meta.get("code_version"),
            "spec_fingerprint": meta.get("fingerprint"),
            "generator_versions": _parse(meta.get("generator_versions")),
            "filters": [name for name, _ in spec_filters(ds)],
        },
        "audits": labels_of(served, [found["id"]]).get(found["id"], []),
    }
