"""Contact sheet of every object kind in every state, for a human to look at:

    python -m synthesis.editing.library.preview --out DIR [--height 120] [--only apple,car]

Each cell fills the body with one of the kind's natural colours, adds a dark outline
(roughly what the scene renderer does) and lays the ink over it, drawn at 3x and
downsampled so edges are smooth.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from synthesis.editing import palette
from synthesis.editing.library import KINDS, ObjectKind, kind
from synthesis.editing.library.base import Canvas

SUPERSAMPLE = 3
FALLBACK_COLORS = ("blue", "red", "green", "orange", "purple", "teal")  # for kinds of any colour


def render(k: ObjectKind, state: str, color: str, height: int) -> Image.Image:
    """One object on a transparent tile of `height` px (width from the aspect, plus a margin)."""
    s = SUPERSAMPLE
    h, margin = height * s, 4 * s
    w = round(height * k.aspect) * s
    size = (w + 2 * margin, h + 2 * margin)
    body, ink = Image.new("L", size, 0), Image.new("RGBA", size, (0, 0, 0, 0))
    base = palette.rgb(color)
    k.draw(Canvas(ImageDraw.Draw(body), ImageDraw.Draw(ink), (margin, margin, margin + w, margin + h), base), state)
    outline = body.filter(ImageFilter.MaxFilter(2 * s + 1))
    tile = Image.new("RGBA", size, (0, 0, 0, 0))
    tile.paste(palette.shade(base, 0.45), mask=outline)
    tile.paste(base, mask=body)
    tile.alpha_composite(ink)
    return tile.resize((size[0] // s, size[1] // s), Image.LANCZOS)


def contact_sheet(height: int = 120, names: list[str] | None = None, columns: int = 6) -> Image.Image:
    cells = []
    for i, name in enumerate(names or list(KINDS)):
        k = KINDS[name]
        color = k.colors[0] if k.colors else FALLBACK_COLORS[i % len(FALLBACK_COLORS)]
        for state in k.states:
            cells.append((render(k, state, color, height), f"{name} / {state}", f"{k.category}, {color}"))
    cell_w = max(height * 2, max(t.width for t, _, _ in cells)) + 16
    cell_h = height + 50
    rows = -(-len(cells) // columns)
    sheet = Image.new("RGB", (cell_w * columns, cell_h * rows), (236, 232, 222))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=14)
    small = ImageFont.load_default(size=11)
    for i, (tile, label, sub) in enumerate(cells):
        x, y = (i % columns) * cell_w, (i // columns) * cell_h
        draw.rectangle([x, y, x + cell_w - 1, y + cell_h - 1], outline=(200, 195, 185))
        sheet.paste(tile, (x + (cell_w - tile.width) // 2, y + 6), tile)
        draw.text((x + 6, y + cell_h - 38), label, fill=(30, 30, 30), font=font)
        draw.text((x + 6, y + cell_h - 19), sub, fill=(110, 110, 110), font=small)
    return sheet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="folder for contact_sheet.png")
    parser.add_argument("--height", type=int, default=120, help="object box height in px")
    parser.add_argument("--only", default="", help="comma-separated kind names (default: all)")
    args = parser.parse_args()
    names = [kind(n.strip()).name for n in args.only.split(",") if n.strip()] or None  # KeyError lists the names
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "contact_sheet.png"
    contact_sheet(args.height, names).save(path)
    print(path)


if __name__ == "__main__":
    main()
