"""Tile puzzles: a sequence with a rule (the next tile is the answer) and a 3×3 Latin
square with one empty cell. `next_in_sequence` and `latin_missing` solve them from the
tiles alone; the reasoning edits draw the answer and the verifier re-solves to check it.
"""

from __future__ import annotations

import numpy as np

SHAPES = ("circle", "square", "triangle", "star", "heart", "hexagon", "diamond")
TURNING = ("triangle", "heart")  # shapes whose rotation is visible at 90° steps
FILLS = ("red", "blue", "green", "orange", "purple", "teal", "black")
RULES = ("count", "rotate", "colour_cycle", "grow", "shape_cycle")
CONTENT_KEYS = ("shape", "count", "fill", "angle", "scale")


def content(shape: str, count: int = 1, fill: str = "blue", angle: float = 0.0, scale: float = 1.0) -> dict:
    return {"shape": shape, "count": count, "fill": fill, "angle": angle, "scale": scale}


def term(rule: dict, k: int) -> dict:
    """Tile k (0-based) of the sequence `rule` describes."""
    kind = rule["kind"]
    base = content(rule["shape"], rule.get("count", 1), rule["fill"])
    if kind == "count":
        base["count"] = rule["start"] + k * rule["step"]
    elif kind == "rotate":
        base["angle"] = float((k * rule["step"]) % 360)
    elif kind == "colour_cycle":
        base["fill"] = rule["cycle"][k % len(rule["cycle"])]
    elif kind == "grow":
        base["scale"] = round(rule["start"] + k * rule["step"], 3)
    elif kind == "shape_cycle":
        base["shape"] = rule["cycle"][k % len(rule["cycle"])]
    return base


def sequence(rng: np.random.Generator) -> tuple[dict, list[dict]]:
    """A rule and its first tiles, the last one empty (the one to draw)."""
    kind = RULES[int(rng.integers(len(RULES)))]
    shown = int(rng.integers(3, 5))
    rule = {"kind": kind, "shape": SHAPES[int(rng.integers(len(SHAPES)))], "fill": FILLS[int(rng.integers(len(FILLS)))],
            "shown": shown}
    if kind == "count":
        rule.update(start=int(rng.integers(1, 3)), step=1)
    elif kind == "rotate":
        rule.update(shape=TURNING[int(rng.integers(len(TURNING)))], step=int(rng.choice((45, 90))))
    elif kind == "colour_cycle":
        period = int(rng.integers(2, 4))
        rule["cycle"] = [str(c) for c in rng.choice(FILLS, size=period, replace=False)]
    elif kind == "grow":
        rule.update(start=0.35, step=round(0.6 / shown, 3))
    elif kind == "shape_cycle":
        period = int(rng.integers(2, 4))
        rule["cycle"] = [str(s) for s in rng.choice(SHAPES, size=period, replace=False)]
    return rule, [term(rule, k) for k in range(shown)] + [{"empty": True}]


def next_in_sequence(tiles: list[dict]) -> dict | None:
    """The content of the first empty tile, inferred from the tiles before it (each
    property either stays, changes by a constant step, or repeats with a period)."""
    shown = [t for t in tiles if not t.get("empty")]
    if len(shown) < 3:
        return None
    out = {}
    for key in CONTENT_KEYS:
        values = [t[key] for t in shown]
        if isinstance(values[0], int | float) and not isinstance(values[0], bool):
            steps = {round(b - a, 6) for a, b in zip(values, values[1:])}
            if len(steps) == 1:
                nxt = values[-1] + steps.pop()
                out[key] = float(nxt % 360) if key == "angle" else (round(nxt, 3) if key == "scale" else nxt)
                continue
        for period in (1, 2, 3):
            if all(values[i] == values[i - period] for i in range(period, len(values))):
                out[key] = values[len(values) - period]
                break
        else:
            return None
    return out


def latin_square(rng: np.random.Generator) -> list[dict]:
    """3×3 cells (row-major): every row and column has each shape once and each colour
    once; one cell is empty."""
    shapes = [str(s) for s in rng.choice(SHAPES, size=3, replace=False)]
    fills = [str(c) for c in rng.choice(FILLS, size=3, replace=False)]
    a, b = int(rng.integers(3)), int(rng.integers(3))
    cells = [content(shapes[(r + c + a) % 3], 1, fills[(r + 2 * c + b) % 3]) for r in range(3) for c in range(3)]
    cells[int(rng.integers(9))] = {"empty": True}
    return cells


def latin_missing(cells: list[dict]) -> dict | None:
    """The content of the empty cell: the shape and colour its row (or column) lacks."""
    empty = [i for i, c in enumerate(cells) if c.get("empty")]
    if len(empty) != 1:
        return None
    r, c = divmod(empty[0], 3)
    row = [cells[r * 3 + j] for j in range(3) if j != c]
    col = [cells[i * 3 + c] for i in range(3) if i != r]
    all_cells = [x for x in cells if not x.get("empty")]
    out = content("", 1, "")
    for key in ("shape", "fill"):
        values = {x[key] for x in all_cells}
        lacking = values - {x[key] for x in row} - {x[key] for x in col}
        if len(lacking) != 1:
            return None
        out[key] = lacking.pop()
    return out
