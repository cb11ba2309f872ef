"""Look at a template: render seeds to PNGs with the label polygons drawn over them.

    python -m synthesis.text_rendering.preview poster --seeds 0-7 --lang zh --out /tmp/poster

Writes `<seed>.png` (the image), `<seed>_labels.png` (word polygons in red, line
polygons in blue, reading-order numbers) and `sheet.png` (all overlays side by side).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from PIL import Image, ImageDraw

from synthesis.text_rendering.generator import TextRenderingGenerator
from synthesis.text_rendering.params import TextRenderingParams


def overlay(image: Image.Image, labels: dict) -> Image.Image:
    out = image.convert("RGB").copy()
    draw = ImageDraw.Draw(out)
    for word in labels["words"]:
        draw.polygon([tuple(p) for p in word["polygon"]], outline=(255, 0, 0))
    for n, i in enumerate(labels["reading_order"]):
        points = [tuple(p) for p in labels["lines"][i]["polygon"]]
        draw.polygon(points, outline=(0, 0, 255))
        draw.text(points[0], str(n), fill=(0, 0, 255))
    return out


def sheet(images: list[Image.Image], cell: int = 384) -> Image.Image:
    cols = min(4, len(images))
    rows = (len(images) + cols - 1) // cols
    out = Image.new("RGB", (cols * cell, rows * cell), (255, 255, 255))
    for k, im in enumerate(images):
        im = im.copy()
        im.thumbnail((cell - 8, cell - 8))
        out.paste(im, ((k % cols) * cell + 4, (k // cols) * cell + 4))
    return out


def seeds(text: str) -> list[int]:
    if "-" in text:
        lo, hi = text.split("-")
        return list(range(int(lo), int(hi) + 1))
    return [int(s) for s in text.split(",")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("template")
    parser.add_argument("--seeds", default="0-7")
    parser.add_argument("--lang", help="force one language (default: the spec's mix)")
    parser.add_argument("--task", default="t2i", choices=("t2i", "edit", "und"))
    parser.add_argument("--out", default="data/preview")
    args = parser.parse_args(argv)
    try:
        params = TextRenderingParams(templates={args.template: 1.0}, tasks={args.task: 1.0},
                                     **({"languages": {args.lang: 1.0}} if args.lang else {}))
    except ValueError as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    gen = TextRenderingGenerator()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    overlays = []
    for seed in seeds(args.seeds):
        sample = gen(seed, params)
        image = Image.open(io.BytesIO(sample.image))
        image.save(out / f"{seed}.png")
        if sample.source_image:
            Image.open(io.BytesIO(sample.source_image)).save(out / f"{seed}_source.png")
            Image.open(io.BytesIO(sample.mask)).save(out / f"{seed}_mask.png")
        overlays.append(overlay(image, sample.labels))
        overlays[-1].save(out / f"{seed}_labels.png")
        (out / f"{seed}.json").write_text(json.dumps(
            {"instruction": sample.instruction, "instruction_zh": sample.instruction_zh, "cot": sample.cot,
             "answer": sample.answer}, ensure_ascii=False, indent=1))
        print(f"{seed}: {sample.width}x{sample.height} {sample.spec['lang']} | {sample.instruction[:140]}")
    sheet(overlays).save(out / "sheet.png")
    print(f"wrote {len(overlays)} samples to {out}/ (sheet.png shows them all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
