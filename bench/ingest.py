"""Samples per second delivered to a training loop: the same rows read from Lance through
Ray Data (`read_lance`, filter pushdown, needed columns), from Parquet through Ray Data
(`read_parquet`), and from Lance through `lance.torch`'s DataLoader dataset, each decoded
and resized to the training size. One machine, one run, same rows.

    .venv/bin/python bench/ingest.py --rows 400 --size 256 --json bench/results/ingest.json
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import lance  # noqa: E402
import numpy as np  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from PIL import Image  # noqa: E402

COLUMNS = ["id", "task", "instruction", "image"]
WHERE = "verdict = 'keep'"


def make_dataset(folder: Path, rows: int) -> str:
    """Editing and text-rendering samples (real generators, no Ray), written to Lance."""
    from synthesis.editing.generator import EditingGenerator
    from synthesis.editing.params import EditingParams
    from synthesis.sample import rows_to_table
    from synthesis.text_rendering.generator import TextRenderingGenerator
    from synthesis.text_rendering.params import TextRenderingParams

    edit, text = EditingGenerator(), TextRenderingGenerator()
    ep, tp = EditingParams(size_px_min=512, size_px_max=512), TextRenderingParams(min_size=512, max_size=512)
    out = []
    for seed in range(rows):
        sample = edit(seed, ep) if seed % 2 else text(seed, tp)
        sample.verdict = "keep" if seed % 10 else "reject"
        out.append(sample.to_row("bench"))
    uri = str(folder / "ingest.lance")
    lance.write_dataset(rows_to_table(out), uri)
    return uri


def decode(data: bytes, size: int) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as im:
        return np.asarray(im.convert("RGB").resize((size, size)), np.uint8)


def ray_pipeline(ds, size: int, batch: int) -> tuple[int, float]:
    def prep(b):
        return {"pixels": np.stack([decode(x, size) for x in b["image"]])}

    t0 = time.perf_counter()
    n = 0
    for out in ds.map_batches(prep, batch_size=batch).iter_torch_batches(batch_size=batch, dtypes=None):
        n += len(out["pixels"])
    return n, time.perf_counter() - t0


def lance_torch(uri: str, size: int, batch: int) -> tuple[int, float]:
    from lance.torch.data import LanceDataset

    t0 = time.perf_counter()
    n = 0
    ds = LanceDataset(uri, batch_size=batch, columns=COLUMNS, filter=WHERE, to_tensor_fn=lambda b, *a, **k: b)
    for b in ds:
        _ = [decode(x, size) for x in b["image"].to_pylist()]
        n += b.num_rows
    return n, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=400)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json")
    args = parser.parse_args()

    import ray

    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        uri = make_dataset(folder, args.rows)
        parquet = str(folder / "ingest.parquet")
        pq.write_table(lance.dataset(uri).to_table(), parquet)
        kept = lance.dataset(uri).count_rows(WHERE)
        readers = {
            "lance (ray.data.read_lance)": lambda: ray_pipeline(
                ray.data.read_lance(uri, columns=COLUMNS, filter=WHERE), args.size, args.batch),
            "parquet (ray.data.read_parquet)": lambda: ray_pipeline(
                ray.data.read_parquet(parquet, columns=COLUMNS + ["verdict"]).filter(expr="verdict == 'keep'"), args.size,
                args.batch),
            "lance.torch LanceDataset": lambda: lance_torch(uri, args.size, args.batch),
        }
        results = {}
        for name, run in readers.items():
            run()  # warm-up: imports, file cache
            times = []
            for _ in range(args.repeats):
                n, seconds = run()
                assert n == kept, (name, n, kept)
                times.append(seconds)
            results[name] = {"rows": n, "seconds": float(np.median(times)), "samples_per_s": n / float(np.median(times))}
    base = results["lance (ray.data.read_lance)"]["samples_per_s"]
    print(f"samples/s into a training loop ({platform.machine()}, 2 CPUs for Ray, {args.rows} rows, {kept} kept, "
          f"decoded + resized to {args.size} px, batch {args.batch}, median of {args.repeats})")
    for name, r in results.items():
        print(f"  {name:34} {r['samples_per_s']:8.1f} samples/s   lance/this = {base / r['samples_per_s']:.2f}x")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
