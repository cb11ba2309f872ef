"""A dataset's overview: counts, the filter funnel, pass rates, score histograms and Lance
versions. The numbers are the funnel report's (pipelines/funnel_report.py, which streams
the small columns in batches), computed once per dataset version and kept; charts are
rendered by the report's own plotting code into PNG bytes on request.

Pass rates by font and by language read `labels` (large: every polygon), so they are a
separate request that the page makes after the rest is shown. They use each sample's
first text line, the headline (its font and language), pulled out with a regular
expression in Arrow rather than by parsing the JSON of every row.
"""

from __future__ import annotations

import io
import threading
from collections import Counter
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dashboard.catalog import ServedDataset
from dashboard.errors import BadRequest, NotFound
from pipelines.audits import audit_rows
from pipelines.funnel_report import (
    compute_report,
    hist_name,
    plot_histogram,
    plot_pass_rates,
    samples_datasets,
    scan,
)
from synthesis.sample import VERDICTS

VERSIONS_SHOWN = 30
BREAKDOWNS = {"font": "font", "language": "lang"}  # breakdown -> key of a labels line
NO_TEXT = "(no text lines)"


def _first_value(key: str) -> str:
    # labels JSON is written with sorted keys: blocks (no font or lang), then lines, so the
    # first "font" / "lang" is the first line's.
    return rf'"{key}":"(?P<value>(?:[^"\\]|\\.)*)"'


class Overviews:
    """Per dataset version: the report, its histograms and rendered charts, breakdowns."""

    def __init__(self):
        self._reports: dict[tuple, tuple[dict[str, Any], dict]] = {}
        self._charts: dict[tuple, bytes] = {}
        self._breakdowns: dict[tuple, list[dict[str, Any]]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(served: ServedDataset) -> tuple:
        return tuple((ds.uri, ds.version) for ds in samples_datasets(served.uri))

    def _report(self, served: ServedDataset) -> tuple[tuple, dict[str, Any], dict]:
        key = self._key(served)
        with self._lock:
            if key not in self._reports:
                # A new version replaces everything cached for the older ones.
                self._reports = {k: v for k, v in self._reports.items() if k[0][0] != served.uri}
                self._charts = {k: v for k, v in self._charts.items() if k[0][0][0] != served.uri}
                self._breakdowns = {k: v for k, v in self._breakdowns.items() if k[0][0][0] != served.uri}
                self._reports[key] = compute_report(served.uri)
            report, histograms = self._reports[key]
        return key, report, histograms

    def overview(self, served: ServedDataset) -> dict[str, Any]:
        _key, report, histograms = self._report(served)
        ds = served.dataset
        versions = ds.versions()
        audits = audit_rows(served.uri)
        meta = served.metadata()
        return {
            "dataset": served.name, "uri": served.uri, "version": ds.version, "rows": ds.count_rows(),
            "fragments": len(ds.get_fragments()), "ledger": report["ledger"],
            "code_version": meta.get("code_version"), "spec_fingerprint": meta.get("fingerprint"),
            "generator_versions": meta.get("generator_versions"),
            "total": report["total"], "verdicts": report["verdicts"], "funnel": report["filters"],
            "top_rejection_reasons": report["top_rejection_reasons"], "top_error_reasons": report["top_error_reasons"],
            "pass_rates": report["pass_rates"], "scores": report["scores"],
            "charts": ["pass_rates.png"] + [hist_name(c) for c in histograms],
            "versions": {"count": len(versions), "latest": [
                {"version": v["version"], "timestamp": str(v["timestamp"]),
                 "rows": (v.get("metadata") or {}).get("total_rows")} for v in versions[-VERSIONS_SHOWN:][::-1]]},
            "audits": {"rows": audits.num_rows, "samples": len(set(audits["sample_id"].to_pylist())),
                       "auditors": sorted(set(audits["auditor"].to_pylist())),
                       "labels": dict(Counter(audits["label"].to_pylist()))},
        }

    def chart(self, served: ServedDataset, name: str) -> bytes:
        key, report, histograms = self._report(served)
        by_name = {hist_name(c): c for c in histograms}
        if name != "pass_rates.png" and name not in by_name:
            raise NotFound(f"no chart {name[:80]!r}; charts of this dataset: pass_rates.png, "
                           f"{', '.join(by_name) or '(no score histograms)'}")
        with self._lock:
            if (key, name) in self._charts:
                return self._charts[(key, name)]
        out = io.BytesIO()
        if name == "pass_rates.png":
            plot_pass_rates(report["pass_rates"], out)
        else:
            column = by_name[name]
            plot_histogram(column, histograms[column], report["scores"][column], out)
        with self._lock:
            self._charts[(key, name)] = out.getvalue()
        return out.getvalue()

    def breakdown(self, served: ServedDataset, by: str) -> list[dict[str, Any]]:
        """Rows, verdict counts and pass rate per headline font or language."""
        if by not in BREAKDOWNS:
            raise BadRequest(f"by: {by!r} is not allowed; allowed: {', '.join(BREAKDOWNS)}")
        key = (self._key(served), by)
        with self._lock:
            if key in self._breakdowns:
                return self._breakdowns[key]
        counts: Counter = Counter()
        pattern = _first_value(BREAKDOWNS[by])
        for batch in scan(samples_datasets(served.uri), ["labels", "verdict"]):
            found = pc.struct_field(pc.extract_regex(pc.fill_null(batch.column("labels"), ""), pattern), "value")
            values = pc.fill_null(found, NO_TEXT)
            grouped = pa.table({"value": values, "verdict": batch.column("verdict")}).group_by(
                ["value", "verdict"]).aggregate([([], "count_all")])
            for row in grouped.to_pylist():
                counts[(row["value"], row["verdict"])] += row["count_all"]
        merged: dict[str, Counter] = {}
        for (value, verdict), n in counts.items():
            merged.setdefault(value, Counter())[verdict] += n
        rows = []
        for value, c in sorted(merged.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
            total = sum(c.values())
            rows.append({by: value, "rows": total, **{v: c.get(v, 0) for v in VERDICTS},
                         "pass_rate": c.get("keep", 0) / total if total else None})
        with self._lock:
            self._breakdowns[key] = rows
        return rows
