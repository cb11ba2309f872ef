"""The funnel report written next to each dataset: `<stem>.report/` with `report.json`,
`report.md`, `hist_<column>.png` per numeric score column and `pass_rates.png`.

It is built from the committed dataset (plus the rejected-rows ledger) by streaming only
the small columns it needs in record batches and aggregating each batch with pyarrow
compute / numpy, so memory stays flat for millions of rows and images are never read.
Two passes: the first counts verdicts, groups and reason patterns and finds each score
column's range; the second bins the score columns into fine histograms over that range.
Quantiles come from those histograms, which also keep each bin's smallest and largest
value: exact when the quantile's bin holds at most two distinct values (always for
integer columns with a range under FINE_BINS; in practice for small datasets), else
between that bin's smallest and largest value, so within (max - min) / FINE_BINS.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import lance
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.inspection import NotADatasetError, open_dataset
from pipelines.sink import dataset_exists, dataset_metadata, is_local, ledger_uri
from synthesis.sample import SAMPLE_SCHEMA, VERDICTS

log = logging.getLogger(__name__)

BATCH_ROWS = 65_536
FINE_BINS = 4000
PLOT_BINS = 50
TOP_REASONS = 10
TOP_ERRORS = 5
EXAMPLE_IDS = 3
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
REQUIRED_COLUMNS = ("id", "generator", "template", "task", "verdict", "reason")

# `"<filter>: <metric>=<value> <op> <threshold>[ detail]"`, the judges' reason format.
_STRUCTURED = r"^([^:]+): ([A-Za-z0-9_]+)=(\S+) (<=|>=|==|!=|<|>) (\S+)"
_NUMBER = r"\b\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\b"
_PATTERN = re.compile(r"^(?P<filter>[^:]+): (?P<metric>[A-Za-z0-9_]+) (?P<op><=|>=|==|!=|<|>) (?P<threshold>\S+)$")
# Histogram categories, in stacking order.
CATEGORIES = ("keep", "rejected by this filter", "rejected by another filter", "error / unjudged")
COLOURS = {"keep": "#4c9a5b", "reject": "#c8553d", "rejected by this filter": "#c8553d",
           "rejected by another filter": "#f2a65a", "error / unjudged": "#9e9e9e",
           "error": "#6d6d6d", "unjudged": "#bdbdbd"}


class ReportLocationError(ValueError):
    """No place to write the report (a remote dataset without --out)."""


# ---------------------------------------------------------------------------
# Reasons and thresholds.


def reason_patterns(reasons: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Reasons grouped by pattern: `ocr: cer=0.12 > 0.05 (...)` -> `ocr: cer > 0.05`;
    free-form reasons (errors, judge failures) get their numbers replaced by `#`."""
    structured = pc.fill_null(pc.match_substring_regex(reasons, _STRUCTURED), False)
    short = pc.replace_substring_regex(reasons, f"(?s){_STRUCTURED}.*$", r"\1: \2 \4 \5")
    generic = pc.utf8_slice_codeunits(pc.replace_substring_regex(reasons, _NUMBER, "#"), 0, 120)
    return pc.if_else(structured, short, generic)


def reason_pattern(reason: str) -> str:
    return reason_patterns(pa.array([reason], pa.string()))[0].as_py()


def reason_filters(reasons: pa.Array | pa.ChunkedArray) -> pa.Array:
    """The `<filter>` before the first `: ` of each reason (null where there is none)."""
    return pc.struct_field(pc.extract_regex(reasons, r"^(?P<filter>[^:]+): "), "filter")


@dataclass(frozen=True)
class Threshold:
    """The current rule: a row is rejected when `score <op> value`."""

    op: str
    value: float
    source: str  # "reasons" (applied, seen in the data) or "spec" (configured)

    def rejects(self, values: np.ndarray) -> np.ndarray:
        ops = {">": np.greater, ">=": np.greater_equal, "<": np.less, "<=": np.less_equal,
               "==": np.equal, "!=": np.not_equal}
        return ops[self.op](values, self.value)


def _number(text: Any) -> float | None:
    if isinstance(text, bool) or text is None:
        return None
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def thresholds_from_patterns(pattern_counts: Counter, columns: set[str]) -> dict[str, Threshold]:
    """The most frequent numeric threshold per score column among rejection patterns."""
    seen: dict[str, Counter] = {}
    for pattern, n in pattern_counts.items():
        m = _PATTERN.match(pattern)
        value = _number(m["threshold"]) if m else None
        column = f"{m['filter']}_{m['metric']}" if m else None
        if value is not None and column in columns:
            seen.setdefault(column, Counter())[(m["op"], value)] += n
    return {c: Threshold(*counts.most_common(1)[0][0], source="reasons") for c, counts in seen.items()}


def spec_filters(ds: lance.LanceDataset) -> list[tuple[str, dict[str, Any]]]:
    """(judge name, thresholds incl. the judge's defaults) per filter of the stored spec, in
    pipeline order; [] for datasets without a unisynth spec."""
    raw = dataset_metadata(ds).get("spec")
    if not raw:
        return []
    try:
        filters = json.loads(raw).get("filters", [])
    except (json.JSONDecodeError, AttributeError):
        return []
    out = []
    for f in filters:
        name, thresholds = f.get("name", ""), dict(f.get("thresholds") or {})
        try:
            # Plugins' spec names differ from their judge names; defaults live in the judge.
            from filters.judge import judge_class

            cls = judge_class(name)
            name, thresholds = cls.name, cls.Thresholds.model_validate(thresholds).model_dump()
        except Exception:  # a judge that does not import here still has its name and overrides
            pass
        out.append((name, thresholds))
    return out


def thresholds_from_spec(filters: list[tuple[str, dict[str, Any]]], columns: set[str]) -> dict[str, Threshold]:
    """`max_<metric>` rejects above, `min_<metric>` below: the judges' naming convention."""
    found = {}
    for name, thresholds in filters:
        for key, value in thresholds.items():
            value = _number(value)
            op = ">" if key.startswith("max_") else "<" if key.startswith("min_") else None
            if value is None or op is None:
                continue
            for metric in (key[4:], key):
                if f"{name}_{metric}" in columns:
                    found.setdefault(f"{name}_{metric}", Threshold(op, value, source="spec"))
    return found


def current_thresholds(ds: lance.LanceDataset, pattern_counts: Counter, columns: set[str]) -> dict[str, Threshold]:
    """Thresholds the data shows (reasons) first, the stored spec for the rest."""
    return {**thresholds_from_spec(spec_filters(ds), columns), **thresholds_from_patterns(pattern_counts, columns)}


def rejection_pattern_counts(datasets: list[lance.LanceDataset]) -> Counter:
    """Pattern -> rows, over the rejected rows (reason column only)."""
    counts: Counter = Counter()
    for batch in scan(datasets, ["reason"], where="verdict = 'reject' AND reason IS NOT NULL"):
        patterns = reason_patterns(batch.column("reason"))
        for row in pc.value_counts(patterns).to_pylist():
            counts[row["values"]] += row["counts"]
    return counts


# ---------------------------------------------------------------------------
# Datasets and columns.


def samples_datasets(uri: str) -> list[lance.LanceDataset]:
    """The dataset and, when the job dropped its rejects, their ledger."""
    ds = open_dataset(uri)
    missing = [c for c in REQUIRED_COLUMNS if c not in ds.schema.names]
    if missing:
        raise NotADatasetError(f"{uri}: not a unisynth samples dataset (missing columns: {', '.join(missing)})")
    ledger = ledger_uri(uri)
    return [ds, lance.dataset(ledger)] if dataset_exists(ledger) else [ds]


def score_fields(schema: pa.Schema) -> list[pa.Field]:
    """Columns the filters added (everything beyond the sample record)."""
    base = set(SAMPLE_SCHEMA.names)
    return [f for f in schema if f.name not in base]


def is_numeric(dtype: pa.DataType) -> bool:
    return pa.types.is_integer(dtype) or pa.types.is_floating(dtype)


def column_owner(column: str, filters: list[str]) -> str | None:
    """The filter a `<filter>_<metric>` column belongs to (filter names may hold `_`)."""
    owners = [f for f in filters if column.startswith(f + "_")]
    return max(owners, key=len) if owners else None


def scan(datasets: list[lance.LanceDataset], columns: list[str], where: str | None = None) -> Iterator[pa.RecordBatch]:
    for ds in datasets:
        present = [c for c in columns if c in ds.schema.names]
        for batch in ds.to_batches(columns=present, filter=where, batch_size=BATCH_ROWS):
            # The ledger lacks nothing the report reads, but an old one might: fill nulls.
            for c in columns:
                if c not in present:
                    dtype = ds.schema.field(c).type if c in ds.schema.names else pa.null()
                    batch = batch.append_column(c, pa.nulls(batch.num_rows, dtype))
            if batch.num_rows:
                yield batch.select(columns)


def report_dir_for(uri: str) -> Path:
    """`data/quickstart.lance` -> `data/quickstart.report/`."""
    if not is_local(uri):
        raise ReportLocationError(f"{uri} is not a local path; give the report a local folder with --out DIR")
    path = Path(uri.removeprefix("file://"))
    stem = path.name[: -len(".lance")] if path.name.endswith(".lance") else path.name
    return path.parent / f"{stem}.report"


# ---------------------------------------------------------------------------
# Pass 1: counts, reasons, score ranges.


@dataclass
class ColumnStats:
    name: str
    dtype: str
    owner: str | None
    count: int = 0
    nulls: int = 0
    total: float = 0.0
    low: float = math.inf
    high: float = -math.inf
    by_verdict: dict[str, list[float]] = field(default_factory=dict)  # verdict -> [count, sum]

    def add(self, values: np.ndarray, verdicts: np.ndarray) -> None:
        finite = np.isfinite(values)
        v = values[finite]
        self.nulls += int((~finite).sum())
        if not v.size:
            return
        self.count += v.size
        self.total += float(v.sum())
        self.low, self.high = min(self.low, float(v.min())), max(self.high, float(v.max()))
        for verdict in ("keep", "reject"):
            sel = v[verdicts[finite] == verdict]
            acc = self.by_verdict.setdefault(verdict, [0, 0.0])
            acc[0] += sel.size
            acc[1] += float(sel.sum())


def _as_float(column: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return pc.fill_null(pc.cast(column, pa.float64()), math.nan).to_numpy(zero_copy_only=False)


class FirstPass:
    def __init__(self, numeric: list[pa.Field], filters: list[str], filter_columns: dict[str, list[str]]):
        self.groups: Counter = Counter()  # (generator, template, task, verdict) -> rows
        self.reasons: Counter = Counter()  # (verdict, filter, pattern) -> rows
        self.examples: dict[tuple[str, str], list[str]] = {}  # (verdict, pattern) -> smallest ids
        self.scored: Counter = Counter()  # filter -> rows with any of its columns set
        self.filter_columns = filter_columns
        self.stats = {f.name: ColumnStats(f.name, "int" if pa.types.is_integer(f.type) else "float",
                                          column_owner(f.name, filters)) for f in numeric}

    def add(self, batch: pa.RecordBatch) -> None:
        table = pa.Table.from_batches([batch])
        counted = table.group_by(["generator", "template", "task", "verdict"]).aggregate([([], "count_all")])
        for row in counted.to_pylist():
            self.groups[(row["generator"], row["template"], row["task"], row["verdict"])] += row["count_all"]
        self._add_reasons(table)
        for name, columns in self.filter_columns.items():
            if columns:
                valid = pc.is_valid(table[columns[0]])
                for c in columns[1:]:
                    valid = pc.or_(valid, pc.is_valid(table[c]))
                self.scored[name] += pc.sum(valid).as_py() or 0
        verdicts = table["verdict"].to_numpy(zero_copy_only=False)
        for name, stats in self.stats.items():
            stats.add(_as_float(table[name]), verdicts)

    def _add_reasons(self, table: pa.Table) -> None:
        judged = pc.and_(pc.is_in(table["verdict"], pa.array(["reject", "unjudged", "error"])),
                         pc.is_valid(table["reason"]))
        sub = table.filter(judged)
        if not sub.num_rows:
            return
        sub = pa.table({"verdict": sub["verdict"], "filter": reason_filters(sub["reason"]),
                        "pattern": reason_patterns(sub["reason"]), "id": sub["id"]})
        for row in sub.group_by(["verdict", "filter", "pattern"]).aggregate([([], "count_all")]).to_pylist():
            self.reasons[(row["verdict"], row["filter"], row["pattern"])] += row["count_all"]
        # A few example ids per pattern: the smallest, so they do not depend on scan order.
        sub = sub.sort_by([("verdict", "ascending"), ("pattern", "ascending"), ("id", "ascending")])
        keys = pc.binary_join_element_wise(sub["verdict"], sub["pattern"], "\x1f").combine_chunks()
        n = len(keys)
        starts = [0]
        if n > 1:
            starts += (pc.indices_nonzero(pc.not_equal(keys.slice(1), keys.slice(0, n - 1))).to_numpy() + 1).tolist()
        ids, verdicts, patterns = sub["id"], sub["verdict"], sub["pattern"]
        for start, end in zip(starts, starts[1:] + [n]):
            key = (verdicts[start].as_py(), patterns[start].as_py())
            new = ids.slice(start, min(end - start, EXAMPLE_IDS)).to_pylist()
            self.examples[key] = sorted(set(self.examples.get(key, []) + new))[:EXAMPLE_IDS]


# ---------------------------------------------------------------------------
# Pass 2: fine histograms per score column, split by what happened to the row.


@dataclass
class Histogram:
    """Fine bins over a column's range, counted per category, with the smallest and
    largest value that landed in each bin (so that quantiles can name real values)."""

    edges: np.ndarray
    integer: bool
    counts: np.ndarray  # (len(CATEGORIES), bins)
    low: np.ndarray  # per bin: smallest value seen (inf while empty)
    high: np.ndarray  # per bin: largest value seen

    @classmethod
    def over(cls, stats: ColumnStats) -> Histogram:
        low, high = stats.low, stats.high
        integer = stats.dtype == "int" and high - low < FINE_BINS
        if integer:
            edges = np.arange(low - 0.5, high + 1.5, 1.0)
        elif high > low:
            edges = np.linspace(low, high, FINE_BINS + 1)
        else:
            edges = np.array([low - 0.5, low + 0.5])
        bins = len(edges) - 1
        return cls(edges, integer, np.zeros((len(CATEGORIES), bins), dtype=np.int64),
                   np.full(bins, np.inf), np.full(bins, -np.inf))

    def add(self, values: np.ndarray, category: np.ndarray) -> None:
        finite = np.isfinite(values)
        v, cat = values[finite], category[finite]
        if not v.size:
            return
        bins = self.counts.shape[1]
        # Bin i holds edges[i] <= v < edges[i+1]; the last bin includes its right edge.
        index = np.clip(np.searchsorted(self.edges, v, side="right") - 1, 0, bins - 1)
        self.counts += np.bincount(cat * bins + index, minlength=self.counts.size).reshape(self.counts.shape)
        np.minimum.at(self.low, index, v)
        np.maximum.at(self.high, index, v)

    def quantile(self, q: float) -> float:
        """Inverse CDF (numpy's `inverted_cdf`): the smallest value with a share `q` of
        the rows at or below it. Exact when its bin holds at most two distinct values;
        otherwise interpolated by rank between the bin's smallest and largest value."""
        counts = self.counts.sum(axis=0)
        cum = np.cumsum(counts)
        rank = max(1, math.ceil(q * cum[-1] - 1e-9))  # 1-based rank of the quantile row
        i = int(np.searchsorted(cum, rank, side="left"))
        k, n = rank - (cum[i] - counts[i]), counts[i]  # its rank within bin i, and the bin's count
        low, high = self.low[i], self.high[i]
        if n == 1 or low == high or k == 1:
            return float(low)
        if k == n:
            return float(high)
        return float(low + (k - 1) / (n - 1) * (high - low))

    def display(self) -> tuple[np.ndarray, np.ndarray]:
        """(edges, counts) merged down to at most PLOT_BINS bars."""
        bins = self.counts.shape[1]
        step = max(1, math.ceil(bins / PLOT_BINS))
        if step == 1:
            return self.edges, self.counts
        starts = np.arange(0, bins, step)
        merged = np.add.reduceat(self.counts, starts, axis=1)
        return np.append(self.edges[starts], self.edges[-1]), merged


def _categories(table: pa.Table, owner: str | None) -> np.ndarray:
    verdict, reason = table["verdict"], table["reason"]
    keep = pc.equal(verdict, "keep").to_numpy(zero_copy_only=False)
    reject = pc.equal(verdict, "reject").to_numpy(zero_copy_only=False)
    mine = (pc.fill_null(pc.starts_with(reason, f"{owner}: "), False).to_numpy(zero_copy_only=False)
            if owner else np.zeros(len(keep), dtype=bool))
    return np.select([keep, reject & mine, reject], [0, 1, 2], default=3)


# ---------------------------------------------------------------------------
# The report.


def _rate(keep: int, rows: int) -> float | None:
    return keep / rows if rows else None


def _pass_rows(groups: Counter, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """Verdict counts and pass rate (kept / rows) per value of `keys`."""
    merged: dict[tuple, Counter] = {}
    for (generator, template, task, verdict), n in groups.items():
        row = {"generator": generator, "template": template, "task": task}
        merged.setdefault(tuple(row[k] for k in keys), Counter())[verdict] += n
    rows = []
    for key, c in sorted(merged.items()):
        rows.append({**dict(zip(keys, key)), "rows": sum(c.values()), **{v: c.get(v, 0) for v in VERDICTS},
                     "pass_rate": _rate(c.get("keep", 0), sum(c.values()))})
    return rows


def _json_float(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


def compute_report(uri: str) -> tuple[dict[str, Any], dict[str, Histogram]]:
    """The report's numbers (report.json) and the histograms behind its plots."""
    datasets = samples_datasets(uri)
    ds = datasets[0]
    extras = score_fields(ds.schema)
    numeric = [f for f in extras if is_numeric(f.type)]
    configured = spec_filters(ds)
    filters = [name for name, _ in configured]
    filter_columns = {name: [f.name for f in extras if column_owner(f.name, filters) == name] for name in filters}

    first = FirstPass(numeric, filters, filter_columns)
    for batch in scan(datasets, list(REQUIRED_COLUMNS) + [f.name for f in extras]):
        first.add(batch)
    if not filters:  # no stored spec: the filters are those the reasons name
        filters = sorted({f for (v, f, _), _n in first.reasons.items() if v in ("reject", "unjudged") and f})
        for stats in first.stats.values():
            stats.owner = column_owner(stats.name, filters)

    histograms = {name: Histogram.over(s) for name, s in first.stats.items() if s.count}
    if histograms:
        for batch in scan(datasets, ["verdict", "reason", *histograms]):
            table = pa.Table.from_batches([batch])
            for name, hist in histograms.items():
                hist.add(_as_float(table[name]), _categories(table, first.stats[name].owner))

    verdicts = Counter()
    for (_g, _t, _task, verdict), n in first.groups.items():
        verdicts[verdict] += n
    total = sum(verdicts.values())
    reject_patterns = Counter({p: n for (v, _f, p), n in first.reasons.items() if v == "reject"})
    thresholds = current_thresholds(ds, reject_patterns, set(first.stats))

    # Filters in pipeline order: a row rejected by one never reaches the next with a
    # chance to be rejected there (the first reason stands), so each filter sees what
    # the ones before it let through; errors are never judged.
    funnel, entering = [], total - verdicts.get("error", 0)
    for name in filters:
        rejected = sum(n for (v, f, _p), n in first.reasons.items() if v == "reject" and f == name)
        unjudged = sum(n for (v, f, _p), n in first.reasons.items() if v == "unjudged" and f == name)
        funnel.append({"filter": name, "entered": entering, "kept": entering - rejected - unjudged,
                       "rejected": rejected, "unjudged": unjudged, "scored": first.scored.get(name)})
        entering -= rejected

    def top(verdict: str, limit: int) -> list[dict[str, Any]]:
        counts = Counter()
        owners = {}
        for (v, f, p), n in first.reasons.items():
            if v == verdict:
                counts[p] += n
                owners[p] = f
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [{"reason": p, "filter": owners[p] if verdict != "error" else None, "count": n,
                 "examples": first.examples.get((verdict, p), [])} for p, n in ranked]

    scores = {}
    for name, s in first.stats.items():
        hist = histograms.get(name)
        threshold = thresholds.get(name)
        scores[name] = {
            "filter": s.owner, "dtype": s.dtype, "count": s.count, "nulls": s.nulls,
            "mean": _json_float(s.total / s.count) if s.count else None,
            "min": _json_float(s.low) if s.count else None, "max": _json_float(s.high) if s.count else None,
            "quantiles": {f"p{round(q * 100):02d}": hist.quantile(q) for q in QUANTILES} if hist else {},
            "mean_by_verdict": {v: (acc[1] / acc[0] if acc[0] else None) for v, acc in sorted(s.by_verdict.items())},
            "threshold": ({"op": threshold.op, "value": threshold.value, "source": threshold.source}
                          if threshold else None),
            "histogram": hist_name(name) if hist else None,
        }

    report = {
        "dataset": uri,
        "version": ds.version,
        "ledger": ledger_uri(uri) if len(datasets) > 1 else None,
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "total": total,
        "verdicts": {v: verdicts.get(v, 0) for v in VERDICTS},
        "filters": funnel,
        "top_rejection_reasons": top("reject", TOP_REASONS),
        "top_error_reasons": top("error", TOP_ERRORS),
        "pass_rates": {
            "by_generator": _pass_rows(first.groups, ("generator",)),
            "by_generator_template": _pass_rows(first.groups, ("generator", "template")),
            "by_task": _pass_rows(first.groups, ("task",)),
        },
        "scores": scores,
    }
    return report, histograms


def hist_name(column: str) -> str:
    return "hist_" + re.sub(r"[^A-Za-z0-9_.-]", "_", column) + ".png"


def build_report(uri: str, out_dir: str | Path | None = None) -> Path:
    """Compute and write the report of the dataset at `uri`; returns its folder."""
    out = Path(out_dir) if out_dir is not None else report_dir_for(uri)
    report, histograms = compute_report(uri)
    out.mkdir(parents=True, exist_ok=True)
    for name, hist in histograms.items():
        plot_histogram(name, hist, report["scores"][name], out / hist_name(name))
    if report["pass_rates"]["by_generator"]:
        plot_pass_rates(report["pass_rates"], out / "pass_rates.png")
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (out / "report.md").write_text(render_markdown(report, has_pass_plot=(out / "pass_rates.png").exists()))
    return out


def write_report_after_job(uri: str) -> Path | None:
    """The report at the end of a run: a failure here is logged, never fails the job
    (its rows are committed; `unisynth report URI` retries)."""
    if not is_local(uri):
        log.warning("no funnel report for %s: not a local path (run `unisynth report %s --out DIR`)", uri, uri)
        return None
    try:
        return build_report(uri)
    except Exception as exc:  # noqa: BLE001 - see docstring
        log.warning("funnel report for %s failed: %s: %s", uri, type(exc).__name__, exc)
        return None


# ---------------------------------------------------------------------------
# Plots (matplotlib's object API with the Agg canvas: no pyplot, no global backend).


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def plot_histogram(column: str, hist: Histogram, summary: dict[str, Any], path: Path) -> None:
    edges, counts = hist.display()
    fig = _figure(7, 4)
    ax = fig.add_subplot()
    lefts, widths = edges[:-1], np.diff(edges)
    bottom = np.zeros(counts.shape[1])
    for i, name in enumerate(CATEGORIES):
        if counts[i].any():
            ax.bar(lefts, counts[i], widths, bottom=bottom, align="edge", color=COLOURS[name], label=name,
                   linewidth=0)
            bottom += counts[i]
    threshold = summary.get("threshold")
    if threshold:
        ax.axvline(threshold["value"], color="black", linestyle="--", linewidth=1.2,
                   label=f"threshold: rejects {threshold['op']} {threshold['value']:g} ({threshold['source']})")
        low, high = ax.get_xlim()
        span = max(high - low, 1e-9)
        ax.set_xlim(min(low, threshold["value"] - 0.02 * span), max(high, threshold["value"] + 0.02 * span))
    ax.set_title(f"{column}  (n={summary['count']}, mean={summary['mean']:.4g})", fontsize=11)
    ax.set_xlabel(column)
    ax.set_ylabel("rows")
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(path)


def plot_pass_rates(pass_rates: dict[str, list[dict[str, Any]]], path: Path) -> None:
    bars = [(r["generator"], r) for r in pass_rates["by_generator"]]
    bars += [(f"{r['generator']} / {r['template'] or '(none)'}", r) for r in pass_rates["by_generator_template"]]
    fig = _figure(9, 1.2 + 0.32 * len(bars))
    ax = fig.add_subplot()
    y = np.arange(len(bars))[::-1]
    left = np.zeros(len(bars))
    for verdict in VERDICTS:
        share = np.array([r[verdict] / r["rows"] if r["rows"] else 0.0 for _label, r in bars])
        if share.any():
            ax.barh(y, share, left=left, color=COLOURS[verdict], label=verdict, height=0.7)
            left += share
    for yi, (_label, r) in zip(y, bars):
        ax.text(1.01, yi, f"{r['pass_rate']:.0%} of {r['rows']}" if r["rows"] else "0 rows", va="center",
                fontsize=8)
    ax.set_yticks(y, [label for label, _r in bars], fontsize=8)
    ax.set_xlim(0, 1.18)
    ax.set_xlabel("share of rows")
    for tick in ax.get_yticklabels()[: len(pass_rates["by_generator"])]:
        tick.set_fontweight("bold")
    ax.set_title("pass rates by generator and template", loc="left")
    ax.legend(fontsize=8, frameon=False, loc="lower right", ncol=4, bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    fig.savefig(path)


# ---------------------------------------------------------------------------
# Markdown.


def _table(header: list[str], rows: list[list[Any]]) -> str:
    def cell(x: Any) -> str:
        if x is None:
            return ""
        if isinstance(x, float):
            return f"{x:.4g}"
        return str(x).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(x) for x in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _pct(x: float | None) -> str:
    return "" if x is None else f"{x:.1%}"


def render_markdown(report: dict[str, Any], has_pass_plot: bool = True) -> str:
    v = report["verdicts"]
    parts = [
        f"# Funnel report: `{report['dataset']}`\n",
        f"Version {report['version']}, generated {report['generated_at']}"
        + (f"; rejected rows from the ledger `{report['ledger']}`" if report["ledger"] else "") + ".\n",
        _table(["total", *VERDICTS], [[report["total"], *(v[k] for k in VERDICTS)]]),
        "## Filters (pipeline order)\n",
        _table(["filter", "entered", "kept", "rejected", "unjudged", "scored"],
               [[f["filter"], f["entered"], f["kept"], f["rejected"], f["unjudged"], f["scored"]]
                for f in report["filters"]]) if report["filters"] else "No filters.\n",
        "## Top rejection reasons\n",
        _table(["reason", "rows", "examples"],
               [[r["reason"], r["count"], ", ".join(f"`{i}`" for i in r["examples"])]
                for r in report["top_rejection_reasons"]]) if report["top_rejection_reasons"] else "None.\n",
    ]
    if report["top_error_reasons"]:
        parts += ["## Top error reasons\n", _table(
            ["reason", "rows", "examples"],
            [[r["reason"], r["count"], ", ".join(f"`{i}`" for i in r["examples"])]
             for r in report["top_error_reasons"]])]
    rates = report["pass_rates"]
    parts += ["## Pass rates\n"]
    if has_pass_plot:
        parts += ["![pass rates](pass_rates.png)\n"]
    for title, key, cols in (("By generator", "by_generator", ["generator"]),
                             ("By generator and template", "by_generator_template", ["generator", "template"]),
                             ("By task", "by_task", ["task"])):
        parts += [f"### {title}\n", _table([*cols, "rows", *VERDICTS, "pass rate"],
                                           [[*(r[c] for c in cols), r["rows"], *(r[k] for k in VERDICTS),
                                             _pct(r["pass_rate"])] for r in rates[key]])]
    parts += ["## Scores\n"]
    quantile_names = [f"p{round(q * 100):02d}" for q in QUANTILES]
    parts += [_table(["column", "filter", "count", "nulls", "mean", "min", *quantile_names, "max", "threshold"],
                     [[name, s["filter"], s["count"], s["nulls"], s["mean"], s["min"],
                       *(s["quantiles"].get(q) for q in quantile_names), s["max"],
                       f"rejects {s['threshold']['op']} {s['threshold']['value']:g} ({s['threshold']['source']})"
                       if s["threshold"] else None]
                      for name, s in report["scores"].items()]) if report["scores"] else "No numeric score columns.\n"]
    for name, s in report["scores"].items():
        if s["histogram"]:
            parts += [f"### {name}\n", f"![{name}]({s['histogram']})\n"]
    return "\n".join(parts)
