"""The funnel of a job: generated → rejected per filter (with top reasons) → errors → kept.

Counts come from the committed dataset (and the rejected-rows ledger), so the funnel of
a resumed job covers all of it, not just the last run.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field

import lance
import pyarrow as pa

from pipelines.sink import dataset_exists, ledger_uri, reason_key

SUMMARY_COLUMNS = ["generator", "template", "verdict", "reason"]


@dataclass
class Funnel:
    total: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    by_generator: dict[str, dict[str, int]] = field(default_factory=dict)
    rejected_by_filter: dict[str, int] = field(default_factory=dict)
    top_reasons: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    error_reasons: list[tuple[str, int]] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)


def read_summary_columns(uri: str) -> pa.Table:
    tables = [lance.dataset(u).to_table(columns=SUMMARY_COLUMNS) for u in (uri, ledger_uri(uri)) if dataset_exists(u)]
    return pa.concat_tables(tables) if tables else pa.table({c: pa.array([], pa.string()) for c in SUMMARY_COLUMNS})


def compute_funnel(uri: str, top: int = 3) -> Funnel:
    table = read_summary_columns(uri)
    rows = list(zip(*(table[c].to_pylist() for c in SUMMARY_COLUMNS)))
    funnel = Funnel(total=len(rows))
    funnel.verdicts = dict(Counter(r[2] for r in rows))
    per_gen: dict[str, Counter] = {}
    reasons: dict[str, Counter] = {}
    errors: Counter = Counter()
    for generator, _template, verdict, reason in rows:
        per_gen.setdefault(generator, Counter())[verdict] += 1
        if verdict == "reject" and reason:
            name = reason.split(":", 1)[0]
            reasons.setdefault(name, Counter())[reason_key(reason)] += 1
        elif verdict == "error" and reason:
            errors[reason.split(":", 1)[0]] += 1
    funnel.by_generator = {g: dict(c) for g, c in sorted(per_gen.items())}
    funnel.rejected_by_filter = {f: sum(c.values()) for f, c in sorted(reasons.items())}
    funnel.top_reasons = {f: c.most_common(top) for f, c in sorted(reasons.items())}
    funnel.error_reasons = errors.most_common(top)
    return funnel


def render_funnel(funnel: Funnel, *, wall_s: float | None = None, run_rows: int | None = None,
                  cores: float | None = None):
    """A rich Table of the funnel; throughput lines when the run's timing is given."""
    from rich.table import Table

    table = Table(title="funnel", show_lines=False)
    table.add_column("stage")
    table.add_column("rows", justify="right")
    table.add_column("detail")
    v = funnel.verdicts
    table.add_row("generated", str(funnel.total), ", ".join(
        f"{g}: {sum(c.values())}" for g, c in funnel.by_generator.items()))
    for name, count in funnel.rejected_by_filter.items():
        top = "; ".join(f"{reason} ×{n}" for reason, n in funnel.top_reasons[name])
        table.add_row(f"rejected by {name}", str(count), top)
    table.add_row("errors", str(v.get("error", 0)), "; ".join(f"{r} ×{n}" for r, n in funnel.error_reasons))
    if v.get("unjudged"):
        table.add_row("unjudged", str(v["unjudged"]), "no filter judged these rows")
    table.add_row("kept", str(v.get("keep", 0)), "")
    if wall_s is not None and run_rows is not None:
        rate = run_rows / wall_s if wall_s > 0 else 0.0
        per_core = f", {rate / cores:.2f}/s per core" if cores else ""
        table.add_row("this run", str(run_rows), f"{wall_s:.1f} s wall incl. start-up, {rate:.2f} samples/s{per_core}")
    return table
