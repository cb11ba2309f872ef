"""Judge vs human agreement: `unisynth calibrate`'s result (pipelines/calibrate.py) for
the page, and the same numbers flattened to CSV, one row per filter decision, score
column and rubric. Cached per (dataset version, audits version)."""

from __future__ import annotations

import csv
import io
import threading
from typing import Any

import lance

from dashboard.catalog import ServedDataset
from pipelines.audits import audits_uri
from pipelines.calibrate import calibrate
from pipelines.funnel_report import samples_datasets
from pipelines.sink import dataset_exists

CSV_COLUMNS = ("kind", "name", "column", "n", "rejects", "human_rejects", "accuracy", "kappa", "current_rule",
               "current_accuracy", "current_kappa", "best_rule", "best_accuracy", "best_kappa", "note")


class Agreements:
    def __init__(self):
        self._cache: dict[tuple, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def report(self, served: ServedDataset) -> dict[str, Any]:
        """calibrate()'s result; NoAuditsError when there is nothing to compare yet."""
        target = audits_uri(served.uri)
        audits_version = lance.dataset(target).version if dataset_exists(target) else None
        key = (tuple((ds.uri, ds.version) for ds in samples_datasets(served.uri)), audits_version)
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        result = calibrate(served.uri)
        with self._lock:
            self._cache = {k: v for k, v in self._cache.items() if k[0][0][0] != served.uri}
            self._cache[key] = result
        return result


def csv_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for d in result["filters"]:
        rows.append({"kind": "filter decision", "name": d["filter"], "n": d["n"], "rejects": d["rejects"],
                     "human_rejects": d["human_rejects"], "accuracy": d["accuracy"], "kappa": d["kappa"]})
    for kind, entries, key in (("score threshold", result["scores"], "filter"), ("rubric", result["rubrics"], "rubric")):
        for e in entries:
            current, best = e.get("current") or {}, e.get("best") or {}
            rows.append({"kind": kind, "name": e.get(key), "column": e.get("column"), "n": e.get("n"),
                         "current_rule": current.get("rule"), "current_accuracy": current.get("accuracy"),
                         "current_kappa": current.get("kappa"), "best_rule": best.get("rule"),
                         "best_accuracy": best.get("accuracy"), "best_kappa": best.get("kappa"),
                         "note": e.get("note")})
    return rows


def to_csv(result: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in csv_rows(result):
        writer.writerow({k: "" if row.get(k) is None else row[k] for k in CSV_COLUMNS})
    return out.getvalue()
