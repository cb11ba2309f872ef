"""Look at edit pairs: one sheet per edit type, each row source | target | mask over the
target, with both instructions under it, and the CoTs in a Markdown file beside it.

    python -m synthesis.editing.preview --out /tmp/edits                 # every edit type, 3 seeds
    python -m synthesis.editing.preview --out /tmp/edits --types clock_time,viewpoint --seeds 6
"""

from __future__ import annotations

import argparse
import io
import sys
import textwrap
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from synthesis.editing.edits import EDITS
from synthesis.editing.generator import EditingGenerator
from synthesis.editing.params import EditingParams
from synthesis.editing.widgets import font

PANEL = 256
TEXT_H = 64


def _open(data: bytes, mode: str = "RGB") -> Image.Image:
    return Image.open(io.BytesIO(data)).convert(mode)


def _overlay(target: Image.Image, mask: Image.Image) -> Image.Image:
    """The target with the mask's region tinted red and everything else dimmed."""
    arr = np.asarray(target, np.float32)
    m = (np.asarray(mask) > 127)[..., None]
    out = np.where(m, 0.55 * arr + 0.45 * np.array((255, 40, 40)), 0.35 * arr)
    return Image.fromarray(out.astype(np.uint8))


def row_image(sample) -> Image.Image:
    source, target, mask = _open(sample.source_image), _open(sample.image), _open(sample.mask, "L")
    scale = PANEL / max(source.size)
    size = (round(source.width * scale), round(source.height * scale))
    panels = [source.resize(size), target.resize(size), _overlay(target, mask).resize(size)]
    row = Image.new("RGB", (3 * size[0] + 8, size[1] + TEXT_H), "white")
    for i, panel in enumerate(panels):
        row.paste(panel, (i * (size[0] + 4), 0))
    draw = ImageDraw.Draw(row)
    lines = textwrap.wrap("abstract: " + sample.answer["instruction_abstract"], 110)[:2]
    lines += textwrap.wrap("explicit: " + sample.answer["instruction_explicit"], 110)[:2]
    for k, line in enumerate(lines):
        draw.text((4, size[1] + 2 + 15 * k), line, font=font(11), fill=(20, 20, 20))
    return row


def sheet(rows: list[Image.Image]) -> Image.Image:
    width = max(r.width for r in rows)
    out = Image.new("RGB", (width, sum(r.height + 6 for r in rows)), (230, 230, 230))
    y = 0
    for r in rows:
        out.paste(r, (0, y))
        y += r.height + 6
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder for <edit_type>.png and <edit_type>.md")
    parser.add_argument("--types", default="", help=f"comma-separated edit types (default all): {', '.join(EDITS)}")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--size", type=int, default=512)
    args = parser.parse_args(argv)
    types = [t for t in args.types.split(",") if t] or list(EDITS)
    unknown = [t for t in types if t not in EDITS]
    if unknown:
        print(f"error: unknown edit types {unknown}; allowed: {', '.join(EDITS)}", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    gen = EditingGenerator()
    for name in types:
        params = EditingParams(edit_types={name: 1}, size_px_min=args.size, size_px_max=args.size)
        samples = [gen(seed, params) for seed in range(args.seeds)]
        sheet([row_image(s) for s in samples]).save(out / f"{name}.png")
        notes = [f"# {name}\n"]
        for s in samples:
            notes.append(f"## seed {s.seed} ({s.spec['layout']})\n\n**instruction:** {s.instruction}\n\n{s.cot}\n")
        (out / f"{name}.md").write_text("\n".join(notes))
        print(f"{out / name}.png  ({len(samples)} pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
