"""Does a grid page at offset 90,000 cost what the first page does?

Builds a samples dataset of N rows (default 100,000: light columns as a job writes them,
a small image per row from a few shared PNGs, labels and spec JSON) and times one grid
page (48 rows) three ways in one run:

  * dashboard: the dashboard's own code path (dashboard.grid: a row-id index per
    (version, filter) from a `_rowid`-only scan with the filter pushed down, then one
    `take` of the light columns), cold (index built by this request) and warm;
    also end to end through the HTTP route (FastAPI TestClient: JSON, label lookup);
  * naive: `to_table(filter=...)` of the whole dataset, then `slice(offset, 48)`;
  * scan: Lance's own `scanner(filter, columns=light, offset, limit)` plus
    `count_rows(filter)` for the total (no index kept between requests).

Pages: first (offset 0), deep (offset 90% of the rows), filtered (generator AND verdict
AND a score range: first page and its deepest page), text search (instruction ILIKE).

    .venv/bin/python bench/dashboard.py --rows 100000 --json bench/results/dashboard.json
"""

from __future__ import annotations

import argparse
import io
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
import pyarrow as pa
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import grid
from dashboard.catalog import Catalog
from synthesis.sample import SAMPLE_SCHEMA

LIMIT = 48
CHUNK = 10_000
SCORES = [pa.field("image_sanity_std", pa.float32()), pa.field("ocr_cer", pa.float32()),
          pa.field("ocr_text", pa.string())]
SPEC = {"job": "bench", "filters": [{"name": "image_sanity"}, {"name": "ocr"}]}
GENERATORS = ("text_rendering", "science", "editing", "charts")
TEMPLATES = ("poster", "receipt", "sign", "slide", "label", "card")
LABELS = ('{"blocks":[],"lines":[{"font":"Lato","lang":"en","polygon":[[1,1],[60,1],[60,12],[1,12]],'
          '"text":"HEADLINE"}],"words":[]}')
WORDS = ("cats", "dogs", "invoice", "harbour", "sunrise", "market", "garden", "station")


def images(count: int = 16) -> list[bytes]:
    rng = np.random.default_rng(0)
    out = []
    for _ in range(count):
        pixels = rng.integers(0, 255, (48, 64, 3), dtype=np.uint8)
        buffer = io.BytesIO()
        Image.fromarray(pixels).save(buffer, "PNG")
        out.append(buffer.getvalue())
    return out


def chunk(start: int, n: int, pngs: list[bytes], schema: pa.Schema) -> pa.Table:
    i = np.arange(start, start + n)
    rng = np.random.default_rng(start)
    std = rng.uniform(0, 60, n).astype(np.float32)
    cer = rng.beta(1, 12, n).astype(np.float32)
    verdict = np.where(std < 2, "reject", np.where(cer > 0.2, "reject", "keep"))
    reason = [None if v == "keep" else (f"image_sanity: std={s:.4g} < 2" if s < 2 else f"ocr: cer={c:.4g} > 0.2")
              for v, s, c in zip(verdict, std, cer)]
    gens = [GENERATORS[k % len(GENERATORS)] for k in i]
    columns = {
        "id": [f"bench/{g}/{k}" for g, k in zip(gens, i)], "job": ["bench"] * n, "generator": gens,
        "generator_version": ["1"] * n, "template": [TEMPLATES[k % len(TEMPLATES)] for k in i],
        "task": ["t2i"] * n, "seed": i.tolist(),
        "instruction": [f"Render a {TEMPLATES[k % 6]} about {WORDS[k % 8]} and {WORDS[(k // 8) % 8]}, sample {k}, "
                        "with a headline, two lines of body text and a price in the corner" for k in i],
        "instruction_zh": [None] * n, "cot": ["1. Plan the layout. 2. Set the text. 3. Check contrast."] * n,
        "answer": ['{"lines":["HEADLINE","body text","$9.99"]}'] * n,
        "image": [pngs[k % len(pngs)] for k in i], "source_image": [None] * n, "mask": [None] * n,
        "width": [64] * n, "height": [48] * n,
        "labels": [LABELS] * n,
        "spec": ['{"background":{"kind":"plain"},"lang":"en","template":"poster"}'] * n,
        "verdict": verdict.tolist(), "reason": reason,
        "image_sanity_std": std, "ocr_cer": cer, "ocr_text": ['["HEADLINE"]'] * n,
    }
    return pa.table({f.name: pa.array(columns[f.name], f.type) for f in schema}, schema=schema)


def build(uri: str, rows: int) -> None:
    schema = pa.schema(list(SAMPLE_SCHEMA) + SCORES, metadata={"unisynth.spec": json.dumps(SPEC)})
    pngs = images()
    for start in range(0, rows, CHUNK):
        table = chunk(start, min(CHUNK, rows - start), pngs, schema)
        lance.write_dataset(table, uri, schema=schema, mode="create" if start == 0 else "append")


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    """Median wall time in ms of `repeat` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return round(statistics.median(times) * 1e3, 2), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5, help="warm measurements per cell (median)")
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("--keep", metavar="DIR", help="build the dataset here and keep it")
    args = parser.parse_args()

    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="dashboard_bench_"))
    root.mkdir(parents=True, exist_ok=True)
    uri = str(root / "bench.lance")
    try:
        if not Path(uri).exists():
            t0 = time.perf_counter()
            build(uri, args.rows)
            print(f"built {args.rows} rows in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        results = run(uri, args.rows, args.repeat)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)

    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"pylance {lance.__version__}")
    print(f"dashboard grid page ({LIMIT} rows) on {args.rows} rows; ms, median of {args.repeat} ({machine})")
    print(f"{'page':34} {'matches':>8} {'dash cold':>10} {'dash warm':>10} {'http warm':>10} {'scan':>9} {'naive':>9}")
    for r in results["pages"]:
        print(f"{r['page']:34} {r['matches']:>8} {r['dashboard_cold_ms']:>10} {r['dashboard_warm_ms']:>10} "
              f"{r['http_warm_ms']:>10} {r['scan_ms']:>9} {r['naive_ms']:>9}")
    print(f"thumbnail: made {results['thumbnail']['make_ms']} ms, cached {results['thumbnail']['cached_ms']} ms")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine, "args": vars(args), **results}, indent=2) + "\n")


def measure(served, http, name: str, query: grid.GridQuery, offset: int, matches: int, params: dict,
            repeat: int) -> dict:
    """One page, timed through the dashboard (cold, warm, HTTP) and the two peers; all
    three must return the same ids."""
    ds, where, light = served.dataset, query.where(), served.grid_columns()
    index = grid.RowIndex()
    cold_ms, page = timed(lambda: grid.page(served, index, query, offset, LIMIT))
    warm_ms, page = timed(lambda: grid.page(served, index, query, offset, LIMIT), repeat)
    assert page["total"] == matches and len(page["rows"]) == min(LIMIT, matches - offset), name
    request = {**params, "limit": LIMIT}
    http.get("/api/datasets/bench/samples", params=request)  # builds that app's index
    http_ms, response = timed(lambda: http.get("/api/datasets/bench/samples", params=request), repeat)
    assert response.status_code == 200 and response.json()["total"] == matches, response.text
    scan_ms, scanned = timed(lambda: (ds.count_rows(filter=where), ds.to_table(
        columns=light, filter=where, offset=offset, limit=LIMIT)), repeat)
    naive_ms, sliced = timed(lambda: ds.to_table(filter=where).slice(offset, LIMIT), max(1, repeat // 2))
    ids = [r["id"] for r in page["rows"]]
    assert scanned[1]["id"].to_pylist() == ids and sliced["id"].to_pylist() == ids, f"{name}: peers disagree"
    return {"page": name, "offset": offset, "matches": matches, "dashboard_cold_ms": cold_ms,
            "dashboard_warm_ms": warm_ms, "http_warm_ms": http_ms, "scan_ms": scan_ms, "naive_ms": naive_ms}


def run(uri: str, rows: int, repeat: int) -> dict:
    from fastapi.testclient import TestClient

    from dashboard.app import create_app

    served = next(iter(Catalog([uri])))
    ds = served.dataset
    http = TestClient(create_app([uri], use_disk_cache=False))
    deep = int(rows * 0.9)
    filtered = grid.parse_query(served, generator=["text_rendering"], template=[], task=[], verdict=["keep"], q="",
                                score=["image_sanity_std:10:50"])
    text = grid.parse_query(served, generator=[], template=[], task=[], verdict=[], q="harbour and cats", score=[])
    everything = grid.GridQuery()
    filtered_total = ds.count_rows(filter=filtered.where())
    text_total = ds.count_rows(filter=text.where())
    cases = [
        ("first page", everything, 0, rows, {}),
        (f"deep page (offset {deep})", everything, deep, rows, {"offset": deep}),
        ("filtered, first page", filtered, 0, filtered_total,
         {"generator": "text_rendering", "verdict": "keep", "score": "image_sanity_std:10:50"}),
        (f"filtered, last page (offset {filtered_total - LIMIT})", filtered, filtered_total - LIMIT, filtered_total,
         {"generator": "text_rendering", "verdict": "keep", "score": "image_sanity_std:10:50",
          "offset": filtered_total - LIMIT}),
        ("text search, first page", text, 0, text_total, {"q": "harbour and cats"}),
    ]
    pages = [measure(served, http, name, query, offset, matches, params, repeat)
             for name, query, offset, matches, params in cases]

    from dashboard.samples import payload
    from dashboard.thumbs import ThumbnailCache

    row = grid.page(served, grid.RowIndex(), everything, deep, 1)["rows"][0]
    cache = ThumbnailCache(None)
    key = cache.key(uri, row["id"], "image", 192)
    make_ms, _ = timed(lambda: cache.get(key, lambda: payload(served, row["id"], row["row"], "image")[1], 192))
    cached_ms, _ = timed(lambda: cache.get(key, lambda: b"", 192), repeat)
    return {"rows": rows, "limit": LIMIT, "fragments": len(ds.get_fragments()), "pages": pages,
            "thumbnail": {"make_ms": make_ms, "cached_ms": cached_ms}}


if __name__ == "__main__":
    main()
