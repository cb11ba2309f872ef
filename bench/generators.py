"""Generator throughput on one core: samples/s per template, per science family, and
for text rendering, each generator called in a plain loop (no Ray, no writes).

    .venv/bin/python bench/generators.py --per-template 8
    .venv/bin/python bench/generators.py --only science --size 768

Per-core figures: run it on an otherwise idle machine (the loop uses one core).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthesis.generator import generator_class  # noqa: E402
from synthesis.science.template import all_templates  # noqa: E402


def time_calls(fn, seeds) -> list[float]:
    times = []
    for seed in seeds:
        t0 = time.perf_counter()
        fn(seed)
        times.append(time.perf_counter() - t0)
    return times


def bench_science(per_template: int, size: int) -> list[dict]:
    gen = generator_class("science")()
    rows = []
    for name, template in all_templates().items():
        params = gen.Params(templates=[name], size_px_min=size, size_px_max=size)
        gen(0, params)  # warm-up: first-call imports and caches are not throughput
        times = time_calls(lambda s: gen(s, params), range(1, per_template + 1))
        rows.append({"generator": "science", "family": template.family, "template": name, "task": template.task,
                     "samples": per_template, "s_per_sample": statistics.mean(times),
                     "per_s": per_template / sum(times)})
    return rows


def bench_text(samples: int, size: int) -> list[dict]:
    gen = generator_class("text_rendering")()
    rows = []
    for label, params in (("default sizes", gen.Params()), (f"{size} px", gen.Params(min_size=size, max_size=size))):
        gen(0, params)
        times = time_calls(lambda s: gen(s, params), range(1, samples + 1))
        rows.append({"generator": "text_rendering", "family": "text_rendering", "template": f"plain_lines ({label})",
                     "task": "t2i", "samples": samples, "s_per_sample": statistics.mean(times),
                     "per_s": samples / sum(times)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-template", type=int, default=8, help="samples per science template")
    parser.add_argument("--text-samples", type=int, default=40)
    parser.add_argument("--size", type=int, default=768, help="image side for science (and text at that size)")
    parser.add_argument("--only", choices=("science", "text_rendering"))
    parser.add_argument("--json", help="also write the rows here")
    args = parser.parse_args()

    rows = []
    if args.only in (None, "text_rendering"):
        rows += bench_text(args.text_samples, 1024)
    if args.only in (None, "science"):
        rows += bench_science(args.per_template, args.size)

    print(f"generator throughput, one core ({platform.machine()}, {os.cpu_count()} cores on the machine, "
          f"Python {platform.python_version()}); science at {args.size} px")
    print(f"{'template':40} {'task':5} {'s/sample':>9} {'samples/s':>10}")
    for r in rows:
        print(f"{r['template']:40} {r['task']:5} {r['s_per_sample']:>9.3f} {r['per_s']:>10.2f}")
    families = defaultdict(list)
    for r in rows:
        if r["generator"] == "science":
            families[r["family"]].append(r)
    if families:
        print("\nper science family (mean over its templates, each weighted equally):")
        for family, rs in sorted(families.items()):
            s = statistics.mean(r["s_per_sample"] for r in rs)
            print(f"  {family:12} {len(rs):2} templates  {s:.3f} s/sample  {1 / s:6.2f} diagrams/s per core")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
