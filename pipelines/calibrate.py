"""`unisynth calibrate`: how well do the judges agree with the human audit labels, and
which threshold of each score would agree best?

Human labels are first reduced to one per (sample, rubric): an auditor's latest label
counts (re-labels supersede), then the majority across auditors; ties are left out.
Overall labels (rubric null) are compared with
- each filter's decision (rejected by this filter or not; the first rejecting filter's
  reason stands, so a row a later filter would also reject counts for the earlier one),
  and the pipeline's (kept or not);
- every numeric score column, swept over its observed values in both directions
  (keep if score <= t, keep if score >= t): the rule with the highest Cohen's kappa wins,
  ties go to the higher accuracy, then to the threshold closest to the current one.
Rubric labels are compared the same way with their score column (`judge_<rubric>`).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.audits import audits_uri, read_audits
from pipelines.funnel_report import (
    Threshold,
    column_owner,
    current_thresholds,
    is_numeric,
    rejection_pattern_counts,
    report_dir_for,
    samples_datasets,
    scan,
    score_fields,
    spec_filters,
)
from pipelines.inspection import NotADatasetError

OVERALL = None  # the rubric of overall labels


# ---------------------------------------------------------------------------
# Agreement.


def cohen_kappa(a: Iterable[Any], b: Iterable[Any]) -> float:
    """Cohen's kappa of two raters' labels: (p_o - p_e) / (1 - p_e); nan where p_e = 1
    (both raters used one and the same label throughout: agreement by construction)."""
    a, b = list(a), list(b)
    if len(a) != len(b) or not a:
        raise ValueError(f"kappa needs two equally long, non-empty label lists (got {len(a)} and {len(b)})")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[c] * count_b[c] for c in count_a) / n**2
    return math.nan if expected == 1 else (observed - expected) / (1 - expected)


def kappa_from_counts(tp, fp, fn, tn):
    """Cohen's kappa from 2x2 confusion counts (numpy arrays or numbers), `reject` positive."""
    tp, fp, fn, tn = (np.asarray(x, dtype=np.float64) for x in (tp, fp, fn, tn))
    n = tp + fp + fn + tn
    observed = (tp + tn) / n
    expected = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / n**2
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(expected == 1, np.nan, (observed - expected) / (1 - expected))


def agreement(decision_reject: np.ndarray, human_reject: np.ndarray) -> dict[str, Any]:
    d, h = np.asarray(decision_reject, bool), np.asarray(human_reject, bool)
    tp, fp, fn, tn = (int(np.sum(x)) for x in (d & h, d & ~h, ~d & h, ~d & ~h))
    n = tp + fp + fn + tn
    return {"n": n, "accuracy": (tp + tn) / n if n else None,
            "kappa": _finite(float(kappa_from_counts(tp, fp, fn, tn))) if n else None,
            "rejects": tp + fp, "human_rejects": tp + fn}


def _finite(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else x


def _reject_rule(column: str, keep_if: str, t: float) -> str:
    return f"reject if {column} {'>' if keep_if == '<=' else '<'} {t:g}"


def sweep(values: np.ndarray, human_reject: np.ndarray, current: Threshold | None = None) -> dict[str, Any] | None:
    """The threshold rule over `values` that agrees best with `human_reject`.

    Candidates are the observed values in both directions: `keep_if <=` t (reject above
    t) and `keep_if >=` t (reject below t). Counts come from cumulative sums over the
    sorted values, so the sweep is O(n log n)."""
    v, y = np.asarray(values, np.float64), np.asarray(human_reject, bool)
    if not v.size:
        return None
    order = np.argsort(v, kind="stable")
    sorted_v = v[order]
    cum_reject = np.concatenate([[0], np.cumsum(y[order])])
    cum_keep = np.concatenate([[0], np.cumsum(~y[order])])
    all_reject, all_keep = int(cum_reject[-1]), int(cum_keep[-1])
    candidates = np.unique(v)

    rows = []
    # keep if v <= t: the first `i` sorted rows are kept.
    i = np.searchsorted(sorted_v, candidates, side="right")
    tn, fn = cum_keep[i], cum_reject[i]
    rows.append(("<=", tn, fn, all_keep - tn, all_reject - fn))
    # keep if v >= t: the first `i` sorted rows (v < t) are rejected.
    i = np.searchsorted(sorted_v, candidates, side="left")
    tp, fp = cum_reject[i], cum_keep[i]
    rows.append((">=", all_keep - fp, all_reject - tp, fp, tp))

    best, best_key = None, None
    for keep_if, tn, fn, fp, tp in rows:
        kappas = kappa_from_counts(tp, fp, fn, tn)
        accuracy = (tp + tn) / v.size
        for t, k, acc in zip(candidates, kappas, accuracy):
            distance = abs(t - current.value) if current else 0.0
            key = (k if math.isfinite(k) else -math.inf, acc, -distance)
            if best_key is None or key > best_key:
                best_key, best = key, {"keep_if": keep_if, "threshold": float(t), "kappa": _finite(float(k)),
                                       "accuracy": float(acc)}
    return best


def score_calibration(column: str, values: np.ndarray, human_reject: np.ndarray,
                      current: Threshold | None) -> dict[str, Any]:
    finite = np.isfinite(values)
    v, y = values[finite], human_reject[finite]
    out: dict[str, Any] = {"column": column, "n": int(v.size), "current": None, "best": None}
    if current is not None:
        agree = agreement(current.rejects(v), y)
        out["current"] = {"rule": f"reject if {column} {current.op} {current.value:g}", "op": current.op,
                          "threshold": current.value, "source": current.source,
                          "accuracy": agree["accuracy"], "kappa": agree["kappa"]}
    best = sweep(v, y, current)
    if best:
        out["best"] = {**best, "rule": _reject_rule(column, best["keep_if"], best["threshold"])}
    return out


# ---------------------------------------------------------------------------
# Labels and samples.


def consensus_labels(audits: pa.Table) -> tuple[dict[Any, dict[str, bool]], int]:
    """{rubric: {sample_id: human says reject}} and the number of (sample, rubric) ties."""
    latest: dict[tuple, tuple] = {}
    for row in audits.sort_by([("created_at", "ascending")]).to_pylist():
        latest[(row["sample_id"], row["rubric"], row["auditor"])] = row["label"]
    votes: dict[tuple, Counter] = {}
    for (sample_id, rubric, _auditor), label in latest.items():
        votes.setdefault((sample_id, rubric), Counter())[label] += 1
    labels: dict[Any, dict[str, bool]] = {}
    ties = 0
    for (sample_id, rubric), c in votes.items():
        if c["reject"] == c["keep"]:
            ties += 1
            continue
        labels.setdefault(rubric, {})[sample_id] = c["reject"] > c["keep"]
    return labels, ties


def audited_samples(datasets, ids: set[str], columns: list[str]) -> pa.Table:
    """The audited rows' verdicts and scores (one scan of the small columns)."""
    wanted = pa.array(sorted(ids), pa.string())
    parts = []
    for batch in scan(datasets, ["id", "verdict", "reason", *columns]):
        hit = pc.is_in(batch.column("id"), wanted)
        if pc.any(hit).as_py():
            parts.append(pa.Table.from_batches([batch]).filter(hit))
    if not parts:
        return pa.table({})
    return pa.concat_tables(parts)


def _rubric_column(rubric: str, numeric: list[str]) -> str | None:
    if f"judge_{rubric}" in numeric:
        return f"judge_{rubric}"
    matches = [c for c in numeric if c.endswith(f"_{rubric}")]
    return matches[0] if len(matches) == 1 else None


def calibrate(uri: str) -> dict[str, Any]:
    datasets = samples_datasets(uri)
    audits = read_audits(uri)
    ds = datasets[0]
    numeric = [f.name for f in score_fields(ds.schema) if is_numeric(f.type)]
    filters = [name for name, _ in spec_filters(ds)]
    labels, ties = consensus_labels(audits)
    all_ids = {i for by_id in labels.values() for i in by_id}
    samples = audited_samples(datasets, all_ids, numeric)
    if not samples.num_rows:
        raise NotADatasetError(f"{uri}: none of the {len(all_ids)} audited sample ids is in the dataset; "
                               f"were the audits in {audits_uri(uri)} made on another dataset?")
    found = samples["id"].to_pylist()
    row_of = {sample_id: i for i, sample_id in enumerate(found)}
    if not filters:
        filters = sorted({r.split(": ", 1)[0] for r, v in zip(samples["reason"].to_pylist(),
                                                             samples["verdict"].to_pylist())
                          if v in ("reject", "unjudged") and r and ": " in r})
    thresholds = current_thresholds(ds, rejection_pattern_counts(datasets), set(numeric))
    verdict = np.array(samples["verdict"].to_pylist(), dtype=object)
    reasons = samples["reason"]
    values = {c: pc.fill_null(pc.cast(samples[c], pa.float64()), math.nan).to_numpy(zero_copy_only=False)
              for c in numeric}

    def rows_and_labels(rubric) -> tuple[np.ndarray, np.ndarray]:
        pairs = [(row_of[s], r) for s, r in labels.get(rubric, {}).items() if s in row_of]
        idx = np.array([p[0] for p in pairs], dtype=np.int64)
        return idx, np.array([p[1] for p in pairs], dtype=bool)

    idx, human = rows_and_labels(OVERALL)
    decisions = [{"filter": "(pipeline: not kept)", **agreement(verdict[idx] != "keep", human)}]
    for name in filters:
        mine = pc.fill_null(pc.starts_with(reasons, f"{name}: "), False).to_numpy(zero_copy_only=False)
        rejected = (verdict == "reject") & mine
        decisions.append({"filter": name, **agreement(rejected[idx], human)})
    scores = [{"filter": column_owner(c, filters), **score_calibration(c, values[c][idx], human, thresholds.get(c))}
              for c in numeric]

    rubrics = []
    for rubric in sorted(r for r in labels if r is not OVERALL):
        r_idx, r_human = rows_and_labels(rubric)
        column = _rubric_column(rubric, numeric)
        if column is None:
            rubrics.append({"rubric": rubric, "column": None, "n": int(r_idx.size),
                            "note": f"no score column judge_{rubric} in the dataset"})
            continue
        rubrics.append({"rubric": rubric, **score_calibration(column, values[column][r_idx], r_human,
                                                              thresholds.get(column))})

    audited = set(audits["sample_id"].to_pylist())
    return {
        "dataset": uri,
        "audits_uri": audits_uri(uri),
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "audits": {"rows": audits.num_rows, "samples": len(audited),
                   "auditors": len(set(audits["auditor"].to_pylist())),
                   "ties_left_out": ties, "not_in_dataset": len(all_ids - set(found)),
                   "overall_labels": int(idx.size)},
        "filters": decisions,
        "scores": scores,
        "rubrics": rubrics,
    }


def write_calibration(result: dict[str, Any], uri: str, out_dir: str | Path | None = None) -> Path:
    out = Path(out_dir) if out_dir is not None else report_dir_for(uri)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "calibration.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return path


def render_calibration(result: dict[str, Any]) -> list:
    """rich Tables: filter decisions, score thresholds, rubrics."""
    from rich.table import Table

    def num(x: Any) -> str:
        return "" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)

    a = result["audits"]
    decisions = Table(title=f"filters vs {a['overall_labels']} human labels ({a['rows']} audit rows, "
                            f"{a['auditors']} auditors, {a['ties_left_out']} ties left out)")
    for c in ("filter", "n", "rejects", "human rejects", "accuracy", "kappa"):
        decisions.add_column(c, justify="left" if c == "filter" else "right")
    for d in result["filters"]:
        decisions.add_row(d["filter"], num(d["n"]), num(d["rejects"]), num(d["human_rejects"]),
                          num(d["accuracy"]), num(d["kappa"]))
    tables = [decisions]
    for title, entries, key in (("score thresholds (overall labels)", result["scores"], "column"),
                                ("rubrics", result["rubrics"], "rubric")):
        if not entries:
            continue
        notes = [f"{e[key]}: {e['note']}" if e.get("note") else f"{e[key]} vs {e['column']}"
                 for e in entries if e.get("note") or key == "rubric"]
        t = Table(title=f"{title}: rejects now / best rule, Cohen's κ, accuracy", caption="; ".join(notes) or None)
        t.add_column(key, no_wrap=True)
        t.add_column("n", justify="right")
        for c in ("rejects", "κ", "acc", "best", "κ", "acc"):
            t.add_column(c, justify="left" if c in ("rejects", "best") else "right", no_wrap=True)
        for e in (e for e in entries if not e.get("note")):
            cur, best = e.get("current") or {}, e.get("best") or {}
            now = f"{cur['op']} {cur['threshold']:g}" if cur else ""
            if best and (best["kappa"] or 0) > 0:
                better = f"{'>' if best['keep_if'] == '<=' else '<'} {best['threshold']:g}"
            else:
                better = "-" if best else ""  # no threshold beats chance
            t.add_row(e[key], num(e["n"]), now, num(cur.get("kappa")), num(cur.get("accuracy")), better,
                      num(best.get("kappa")), num(best.get("accuracy")))
        tables.append(t)
    return tables
