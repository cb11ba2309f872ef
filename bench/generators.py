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

import numpy as np

from synthesis.generator import generator_class
from synthesis.science.template import all_templates


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


def bench_editing(per_type: int, size: int) -> list[dict]:
    """Edit pairs (compose, edit, render both, mask, PNG-encode three images) per edit type."""
    from synthesis.editing.edits import EDITS

    gen = generator_class("editing")()
    rows = []
    for name, edit in EDITS.items():
        params = gen.Params(edit_types={name: 1}, size_px_min=size, size_px_max=size, aspects=(1.0,))
        gen(10_000, params)  # warm-up: fonts, first-call imports
        times = time_calls(lambda s: gen(s, params), range(1, per_type + 1))
        rows.append({"generator": "editing", "family": edit.family, "template": name, "task": "edit",
                     "samples": per_type, "s_per_sample": statistics.mean(times), "per_s": per_type / sum(times)})
    # Same-run reference: text-editing pairs of the text_rendering generator at the same size
    # (no public programmatic edit-pair generator exists to run beside it).
    text = generator_class("text_rendering")()
    tparams = text.Params(tasks={"edit": 1.0}, min_size=size, max_size=size)
    text(10_000, tparams)
    times = time_calls(lambda s: text(s, tparams), range(1, 2 * per_type + 1))
    rows.append({"generator": "text_rendering", "family": "reference", "template": "text edit pairs", "task": "edit",
                 "samples": 2 * per_type, "s_per_sample": statistics.mean(times),
                 "per_s": 2 * per_type / sum(times)})
    return rows


def line_spec(rng: np.random.Generator, effects: float) -> tuple[dict, object]:
    """One English text line with effects, on a canvas sized like a SynthTIGER word image."""
    from synthesis.text_rendering.backgrounds import sample_background
    from synthesis.text_rendering.effects import sample_effects
    from synthesis.text_rendering.scene import NoFit, SceneBuilder
    from synthesis.text_rendering.text.text_sources import sample_text

    while True:
        height = int(rng.integers(48, 97))
        width = int(height * rng.uniform(3.0, 8.0))
        bg = sample_background(rng, ("plain", "gradient", "noise", "paper", "fabric"))
        scene = SceneBuilder(rng, "line", width, height, bg, "en", effect_strength=effects)
        text = sample_text(rng, "en", str(rng.choice(("words", "title", "name", "company", "price", "date"))),
                           max_chars=24)
        try:
            scene.add_text(text, (4, 4, width - 8, height - 8), max_size=height, align="center", valign="middle",
                           stroke=scene.chance(0.3 * effects), shadow=scene.chance(0.3 * effects),
                           angle=scene.uniform(-3, 3) * effects, tilt=(scene.uniform(-0.1, 0.1) * effects, 0.0))
        except NoFit:
            continue
        return scene.spec(sample_effects(rng, effects)), scene


def bench_text_lines(count: int, effects: float) -> dict:
    """Single text-line images with effects and word polygons, JPEG-encoded (as the peer)."""
    import io

    from synthesis.text_rendering.draw import render_scene

    rng = np.random.default_rng(0)
    for _ in range(5):  # warm-up: fonts, wordfreq, Faker
        spec, scene = line_spec(rng, effects)
        render_scene(spec, scene.background_image)
    words = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(count):
        spec, scene = line_spec(rng, effects)
        image, labels = render_scene(spec, scene.background_image)
        words += len(labels["words"])
        image.save(io.BytesIO(), format="JPEG", quality=95)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"images": count, "seconds": seconds, "cpu_seconds": cpu, "lines_per_s_per_core": count / seconds,
            "words_per_line": words / count, "effects": effects}


def bench_text_samples(samples: int, size: int) -> list[dict]:
    """Full generator samples (render + labels + instructions + PNG encode) per template."""
    from synthesis.text_rendering.templates import TEMPLATES
    from synthesis.text_rendering.text.languages import available_languages
    from synthesis.text_rendering.text.lexicon import lexicon

    gen = generator_class("text_rendering")()
    for lang in available_languages():  # an actor loads these once; not per-sample cost
        lexicon(lang)
    rows = []
    for name in TEMPLATES:
        params = gen.Params(templates={name: 1.0}, tasks={"t2i": 1.0}, min_size=size, max_size=size)
        for seed in range(10_000, 10_008):  # warm-up (seeds apart from the timed ones): font cmaps, faces
            gen(seed, params)
        lines = []
        t0 = time.perf_counter()
        for seed in range(1, samples + 1):
            lines.append(len(gen(seed, params).labels["lines"]))
        seconds = time.perf_counter() - t0
        rows.append({"generator": "text_rendering", "family": "text_rendering", "template": name, "task": "t2i",
                     "samples": samples, "s_per_sample": seconds / samples, "per_s": samples / seconds,
                     "lines_per_sample": statistics.mean(lines), "lines_per_s": sum(lines) / seconds})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-template", type=int, default=8, help="samples per science template")
    parser.add_argument("--text-samples", type=int, default=40)
    parser.add_argument("--size", type=int, default=768, help="image side for science (and text at that size)")
    parser.add_argument("--only", choices=("science", "text_rendering", "editing"))
    parser.add_argument("--edit-pairs", type=int, default=20, help="edit pairs per edit type")
    parser.add_argument("--edit-size", type=int, default=512, help="edit pair side, px")
    parser.add_argument("--json", help="also write the rows here")
    parser.add_argument("--core", type=int, default=0, help="the core everything runs on")
    parser.add_argument("--line-count", type=int, default=400, help="single-line images for the peer comparison")
    parser.add_argument("--peer-count", type=int, default=200, help="SynthTIGER word images")
    args = parser.parse_args()

    os.sched_setaffinity(0, {args.core})  # per-core figures: everything here on one core
    rows = []
    lines = peer = None
    if args.only in (None, "text_rendering"):
        from bench.peers.synthtiger_peer import measure

        peer = measure(count=args.peer_count, core=args.core)
        lines = bench_text_lines(args.line_count, effects=1.0)
        rows += bench_text_samples(args.text_samples, 1024)
    if args.only in (None, "science"):
        rows += bench_science(args.per_template, args.size)
    if args.only in (None, "editing"):
        rows += bench_editing(args.edit_pairs, args.edit_size)

    print(f"generator throughput, one core ({platform.machine()}, {os.cpu_count()} cores on the machine, "
          f"Python {platform.python_version()}); science at {args.size} px")
    print(f"{'template':40} {'task':5} {'s/sample':>9} {'samples/s':>10}")
    for r in rows:
        print(f"{r['template']:40} {r['task']:5} {r['s_per_sample']:>9.3f} {r['per_s']:>10.2f}")
    if lines is not None:
        print("\nsingle text lines with effects + word polygons, JPEG-encoded, one core, same run:")
        ours = lines["lines_per_s_per_core"]
        print(f"  unisynth     {ours:8.1f} lines/s  ({lines['words_per_line']:.1f} words/line)")
        if peer and peer.get("available"):
            theirs = peer["word_images_per_s_per_core"]
            print(f"  SynthTIGER   {theirs:8.1f} word images/s (v{peer.get('version')})  ->  ratio {ours / theirs:.1f}x")
        else:
            print(f"  SynthTIGER   unavailable: {peer.get('error') if peer else 'not run'}")
    families = defaultdict(list)
    for r in rows:
        if r["generator"] == "science":
            families[r["family"]].append(r)
    if families:
        print("\nper science family (mean over its templates, each weighted equally):")
        for family, rs in sorted(families.items()):
            s = statistics.mean(r["s_per_sample"] for r in rs)
            print(f"  {family:12} {len(rs):2} templates  {s:.3f} s/sample  {1 / s:6.2f} diagrams/s per core")
    edits = [r for r in rows if r["generator"] == "editing"]
    if edits:
        print(f"\nedit pairs at {args.edit_size} px (mean over edit types, each weighted equally):")
        for family in ("general", "reasoning", None):
            rs = [r for r in edits if family is None or r["family"] == family]
            s = statistics.mean(r["s_per_sample"] for r in rs)
            print(f"  {family or 'all':10} {len(rs):2} edit types  {s:.3f} s/pair  {1 / s:6.2f} pairs/s per core")
        ref = next((r for r in rows if r["template"] == "text edit pairs"), None)
        if ref:
            mean = statistics.mean(r["s_per_sample"] for r in edits)
            print(f"  reference: text_rendering edit pairs {1 / ref['s_per_sample']:.2f} pairs/s per core "
                  f"(scene edits / text edits = {ref['s_per_sample'] / mean:.2f}x)")
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows, "lines": lines, "peer": peer}, indent=2))


if __name__ == "__main__":
    main()
