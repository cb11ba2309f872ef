"""The dedup judge's cost per sample: hashing, and index lookups side by side with a
brute-force scan, at 10k and 100k stored hashes.

    .venv/bin/python bench/dedup.py                       # bench/results/dedup.json + a table
    .venv/bin/python bench/dedup.py --sizes 10000 100000 1000000 --queries 2000 --core 1
    .venv/bin/python bench/dedup.py --calibrate 200       # also: pHash distances on generator output

What is measured (one process pinned to one core):
  - hashing: pHash (decode, grey 32x32, DCT) of real science and text_rendering images,
    MinHash of their instructions, and the whole judge per row;
  - image lookups: `PhashIndex.matches` (multi-index hashing) against
    `brute_force_matches` (a vectorised popcount over every stored hash), on N stored
    random 64-bit hashes (distinct pictures sit ~32 bits apart); half the queries are
    an entry with up to 3 bits flipped, half are fresh; the two must return the same;
  - instruction lookups: `InstructionIndex.matches` (LSH bands) against a scan of all N
    signatures (equal content, then the share of equal MinHash values); the stored
    signatures come from one templated instruction with other quoted texts and numbers,
    the case that crowds a plain LSH;
  - inserts: the amortised cost of `add`, bucket rebuilds included.
`--calibrate N` generates N samples of each generator and prints the nearest-neighbour
pHash distance histogram and the distance of planted copies (80 %, 5 % brighter, JPEG 70),
the figures quoted in filters/dedup/judge.py.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image, ImageEnhance  # noqa: E402

from filters.dedup.index import InstructionIndex, PhashIndex  # noqa: E402
from filters.dedup.judge import DedupJudge, DedupThresholds  # noqa: E402
from filters.dedup.minhash import MinHasher, Signature, content_key  # noqa: E402
from filters.dedup.phash import phash, phash_many  # noqa: E402
from synthesis.generator import generator_class  # noqa: E402
from synthesis.sample import rows_to_table, to_json  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "dedup.json"
TEMPLATE = ('Create a photo of a sign ({w}×{h} px) on a softly mottled light magenta background showing the '
            'name "{text}" in large white italic serif letters at the centre. Spell every text exactly as given.')


def per_call_us(fn, repeat: int) -> float:
    """Median of 5 runs of `repeat` calls, in microseconds per call."""
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        runs.append((time.perf_counter() - start) / repeat * 1e6)
    return statistics.median(runs)


def cycling(fn, queries: list):
    """A no-argument call of `fn` on the next query, round and round."""
    it = itertools.cycle(queries)
    return lambda: fn(next(it))


def generated_samples(per_generator: int):
    samples = []
    for name in ("science", "text_rendering"):
        gen = generator_class(name)()
        made = [gen(seed, gen.Params()) for seed in range(per_generator)]
        samples += [s for s in made if s.image]
    return samples


def bench_hashing(samples) -> dict:
    hasher = MinHasher(128)
    out = {}
    for name in ("science", "text_rendering"):
        mine = [s for s in samples if s.generator == name]
        pixels = statistics.mean(s.width * s.height for s in mine)
        out[name] = {
            "samples": len(mine),
            "mean_pixels": round(pixels),
            "phash_ms": round(statistics.median(per_call_us(lambda s=s: phash(s.image), 3) for s in mine) / 1e3, 3),
            "minhash_us": round(statistics.median(per_call_us(lambda s=s: hasher.signature(s.instruction), 20)
                                                  for s in mine), 1),
        }
    rows = [s.to_row("bench") for s in samples]
    table = rows_to_table(rows)
    judge_ms = per_call_us(lambda: DedupJudge(DedupThresholds())(table), 1) / 1e3 / len(rows)
    out["judge_ms_per_row"] = round(judge_ms, 3)
    return out


def bench_image_lookups(n: int, queries: int, rng: np.random.Generator) -> dict:
    hashes = rng.integers(0, 2**64, n, dtype=np.uint64)
    index = PhashIndex(6)
    start = time.perf_counter()
    for i, h in enumerate(hashes.tolist()):
        index.add(h, 1, f"bench/{i}")
    insert_us = (time.perf_counter() - start) / n * 1e6
    index.seal()
    near = [int(hashes[int(rng.integers(n))]) ^ sum(1 << int(b) for b in rng.choice(64, int(rng.integers(0, 4)), False))
            for _ in range(queries // 2)]
    fresh = rng.integers(0, 2**64, queries - len(near), dtype=np.uint64).tolist()
    qs = near + fresh
    for q in qs[:200]:
        a, b = index.matches(q), index.brute_force_matches(q)
        assert a[0].tolist() == b[0].tolist(), "index and scan disagree"
    mih = per_call_us(cycling(index.matches, qs), len(qs))
    scan = per_call_us(cycling(index.brute_force_matches, qs), len(qs))
    candidates = statistics.mean(len(index.candidates(q)) for q in qs[:200])
    return {"stored": n, "index_us": round(mih, 1), "brute_force_us": round(scan, 1),
            "speedup": round(scan / mih, 1), "candidates_per_lookup": round(candidates, 1),
            "insert_us": round(insert_us, 2)}


def bench_instruction_lookups(n: int, queries: int, rng: np.random.Generator) -> dict:
    hasher = MinHasher(128)
    words = ["Exit", "Open", "Sale", "Café", "Vente", "出口", "Вход", "Bäckerei", "Hotel", "Taxi"]
    base = [hasher.signature(TEMPLATE.format(w=int(rng.integers(300, 1000)), h=int(rng.integers(300, 1000)),
                                             text=f"{words[i % len(words)]} {i}"))
            for i in range(min(n, 500))]
    # The rest share those phrasings with other content (quoted text, sizes): new content keys.
    stored = [base[i % len(base)] if i < len(base) else
              Signature(int(rng.integers(1, 2**63)), base[i % len(base)].values) for i in range(n)]
    index = InstructionIndex(128, 0.9)
    start = time.perf_counter()
    for i, sig in enumerate(stored):
        index.add(sig, f"bench/{i}")
    insert_us = (time.perf_counter() - start) / n * 1e6
    values, contents = index.values.values, index.contents.values

    def scan(sig: Signature):
        same = np.nonzero(contents == np.uint64(sig.content))[0]
        jac = (values[same] == sig.values[None, :]).mean(axis=1)
        return same[jac >= 0.9]

    def scan_without_content_blocking(sig: Signature):
        jac = (values == sig.values[None, :]).mean(axis=1)
        return np.nonzero((jac >= 0.9) & (contents == np.uint64(sig.content)))[0]

    qs = []
    for _ in range(queries):
        sig = stored[int(rng.integers(n))]
        vals = sig.values.copy()
        vals[rng.choice(128, int(rng.integers(0, 10)), False)] = rng.integers(0, 2**32, dtype=np.uint32)
        qs.append(Signature(sig.content, vals))
    for q in qs[:100]:
        assert sorted(index.matches(q)[0].tolist()) == sorted(scan(q).tolist()), "index and scan disagree"
    lsh = per_call_us(cycling(index.matches, qs), len(qs))
    full = per_call_us(cycling(scan_without_content_blocking, qs), max(1, len(qs) // 10))
    return {"stored": n, "index_us": round(lsh, 1), "brute_force_us": round(full, 1),
            "speedup": round(full / lsh, 1), "insert_us": round(insert_us, 2)}


def planted_copy(image: bytes) -> bytes:
    im = Image.open(io.BytesIO(image)).convert("RGB")
    im = im.resize((round(im.width * 0.8), round(im.height * 0.8)), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    ImageEnhance.Brightness(im).enhance(1.05).save(buf, format="JPEG", quality=70)
    return buf.getvalue()


def calibrate(per_generator: int) -> dict:
    out = {}
    for name in ("science", "text_rendering"):
        gen = generator_class(name)()
        samples = [s for s in (gen(seed, gen.Params()) for seed in range(per_generator)) if s.image]
        hashes = np.array(phash_many([s.image for s in samples]), dtype=np.uint64)
        d = np.bitwise_count(hashes[:, None] ^ hashes[None, :]).astype(int)
        np.fill_diagonal(d, 99)
        contents = [content_key(s.instruction, to_json(s.answer)) for s in samples]
        close = d.min(axis=1) <= 6
        same_content_close = sum(any(d[i, j] <= 6 and contents[i] == contents[j] for j in range(len(samples)))
                                 for i in range(len(samples)))
        copies = np.array([(phash(planted_copy(s.image)) ^ int(h)).bit_count() for s, h in zip(samples, hashes)])
        out[name] = {
            "samples": len(samples),
            "nearest_neighbour_histogram": {int(k): int(v) for k, v in zip(*np.unique(d.min(axis=1), return_counts=True))},
            "with_a_distinct_sample_within_6": int(close.sum()),
            "within_6_and_same_content": int(same_content_close),
            "planted_copy_distance": {"mean": round(float(copies.mean()), 2), "max": int(copies.max()),
                                      "over_6": int((copies > 6).sum())},
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=6, help="generated samples per generator for hashing")
    parser.add_argument("--calibrate", type=int, default=0, metavar="N", help="samples per generator (slow)")
    parser.add_argument("--core", type=int, default=0, help="CPU core to pin to")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.core})
    rng = np.random.default_rng(0)

    result = {"machine": platform.processor() or platform.machine(), "core": args.core,
              "hashing": bench_hashing(generated_samples(args.samples)),
              "image_lookup": [bench_image_lookups(n, args.queries, rng) for n in args.sizes],
              "instruction_lookup": [bench_instruction_lookups(n, args.queries, rng) for n in args.sizes]}
    if args.calibrate:
        result["calibration"] = calibrate(args.calibrate)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")

    h = result["hashing"]
    print("| hashing | science | text_rendering |\n| --- | --- | --- |")
    print(f"| mean pixels | {h['science']['mean_pixels']:,} | {h['text_rendering']['mean_pixels']:,} |")
    print(f"| pHash per image | {h['science']['phash_ms']} ms | {h['text_rendering']['phash_ms']} ms |")
    print(f"| MinHash per instruction | {h['science']['minhash_us']} µs | {h['text_rendering']['minhash_us']} µs |")
    print(f"\nwhole judge, per row: {h['judge_ms_per_row']} ms\n")
    print("| lookup | stored | index | brute-force scan | speed-up | insert |\n| --- | ---: | ---: | ---: | ---: | ---: |")
    for kind in ("image_lookup", "instruction_lookup"):
        for r in result[kind]:
            print(f"| {kind.split('_')[0]} | {r['stored']:,} | {r['index_us']} µs | {r['brute_force_us']} µs | "
                  f"{r['speedup']}x | {r['insert_us']} µs |")
    if args.calibrate:
        print(json.dumps(result["calibration"], indent=2))
    print(f"\n{args.out}")


if __name__ == "__main__":
    main()
