"""Does the millionth row cost what the first did?

Drives the real sink code path (FragmentWriter on the worker side, Committer on the
driver side; no Ray, so that only the sink is timed) up to N rows, committing every
`commit_every` rows, twice in one run:

  * compacted: the sink as configured by default (compaction every K commits);
  * peer: the same appends with compaction off (fragments pile up, one per commit).

For each it reports the time of one commit interval (write fragment + commit) at the
start and at the end, the ratio end/start, and what reading all committed seeds (the
resume scan) and a filtered count cost at the end.

    .venv/bin/python bench/sink_scaling.py --rows 1000000 --commit-every 1000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import lance
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipelines.sink import Committer, FragmentWriter, committed_seeds, job_schema, open_or_create  # noqa: E402
from pipelines.spec import validate_spec  # noqa: E402
from synthesis.sample import rows_to_table  # noqa: E402


def synthetic_batch(start: int, n: int, payload: int, rng: np.random.Generator):
    """Sample rows as the write stage sees them (small random payload for speed)."""
    blob = rng.bytes(payload)
    rows = [{
        "id": f"bench/g/{s}", "job": "bench", "generator": "g", "generator_version": "1",
        "template": "t", "task": "t2i", "seed": s, "instruction": f"render sample {s}",
        "image": blob, "width": 8, "height": 8, "labels": "{}", "spec": "{}",
        "verdict": "keep" if s % 7 else "reject", "reason": None if s % 7 else "x: y=1 > 0",
    } for s in range(start, start + n)]
    return rows_to_table(rows)


def run(rows: int, commit_every: int, compact_every: int, payload: int, compact: bool, root: Path) -> dict:
    uri = str(root / ("compacted.lance" if compact else "peer.lance"))
    spec = validate_spec({"job": "bench", "num_samples": rows, "output": uri,
                          "generators": [{"name": "text_rendering"}]})
    schema = job_schema(spec)
    open_or_create(uri, schema)
    writer = FragmentWriter(uri, schema, keep_rejected=True, judged=False)
    committer = Committer(uri, commit_every, compact_every if compact else 10**12, compact_target_rows=65536)
    rng = np.random.default_rng(0)
    intervals, compaction_s = [], []
    for start in range(0, rows, commit_every):
        batch = synthetic_batch(start, min(commit_every, rows - start), payload, rng)
        t0 = time.perf_counter()
        compactions_before = committer.compactions
        committer.add(writer(batch).to_pylist()[0])
        elapsed = time.perf_counter() - t0
        if committer.compactions > compactions_before:
            compaction_s.append(elapsed)  # an interval that also compacted: reported apart
        else:
            intervals.append(elapsed)
    committer.commit()
    ds = lance.dataset(uri)
    t0 = time.perf_counter()
    seeds = committed_seeds(uri)
    resume_scan_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    rejected = ds.count_rows(filter="verdict = 'reject'")
    count_s = time.perf_counter() - t0
    assert len(seeds) == rows and rejected == len(range(0, rows, 7))
    k = max(3, len(intervals) // 20)
    first, last = statistics.median(intervals[:k]), statistics.median(intervals[-k:])
    return {
        "mode": "compacted" if compact else "peer (no compaction)",
        "rows": rows, "commits": committer.commits, "fragments_at_end": len(ds.get_fragments()),
        "first_interval_ms": round(first * 1e3, 2), "last_interval_ms": round(last * 1e3, 2),
        "last_over_first": round(last / first, 2),
        "compaction_intervals": len(compaction_s),
        "compaction_interval_ms_median": round(statistics.median(compaction_s) * 1e3, 1) if compaction_s else None,
        "total_s": round(sum(intervals) + sum(compaction_s), 1),
        "resume_scan_s": round(resume_scan_s, 3), "filtered_count_s": round(count_s, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--commit-every", type=int, default=1000)
    parser.add_argument("--compact-every", type=int, default=20)
    parser.add_argument("--payload", type=int, default=256, help="bytes of image payload per row")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="sink_scaling_"))
    try:
        results = [run(args.rows, args.commit_every, args.compact_every, args.payload, compact, root)
                   for compact in (True, False)]
    finally:
        shutil.rmtree(root, ignore_errors=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, pylance {lance.__version__}"
    print(f"sink scaling: {args.rows} rows, commit every {args.commit_every}, compact every {args.compact_every} commits ({machine})")
    print(f"{'mode':24} {'frags':>6} {'first ms':>9} {'last ms':>9} {'last/first':>10} {'compact ms':>10} {'total s':>8} {'resume scan s':>13} {'count s':>8}")
    for r in results:
        print(f"{r['mode']:24} {r['fragments_at_end']:>6} {r['first_interval_ms']:>9} {r['last_interval_ms']:>9} "
              f"{r['last_over_first']:>10} {str(r['compaction_interval_ms_median']):>10} {r['total_s']:>8} "
              f"{r['resume_scan_s']:>13} {r['filtered_count_s']:>8}")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine, "args": vars(args), "results": results}, indent=2))


if __name__ == "__main__":
    main()
