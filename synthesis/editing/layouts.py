"""Scene composers: a seeded random scene graph per layout.

Objects stand on surfaces (a table's front and back rows, shelves, a floor, the ground
of a garden) and never overlap on the same surface; each surface keeps its free
intervals so that edits can add and move objects to free places (`free_x`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from synthesis.editing import library
from synthesis.editing.graph import Node, Scene
from synthesis.editing.palette import COLORS
from synthesis.editing.widgets import block_corners, project

# Object height as a share of the picture height, per category.
SCALE = {"fruit": 0.13, "vegetable": 0.14, "household": 0.17, "tool": 0.1, "toy": 0.13, "plant": 0.24,
         "shape": 0.13, "animal": 0.17, "vehicle": 0.18, "furniture": 0.34}
SMALL = ("fruit", "vegetable", "household", "tool", "toy")
WALLS = ("beige", "white", "grey", "teal", "pink", "lime", "navy", "yellow")
SURFACES = ("brown", "beige", "white", "grey", "gold", "navy")
LAYOUTS = ("tabletop", "shelf", "room", "yard", "clock", "counter", "chart", "signboard", "pattern", "grid",
           "blocks3d")


@dataclass(frozen=True)
class Surface:
    name: str
    y: float        # baseline, px
    x0: float
    x1: float
    scale: float    # depth: objects further back are smaller


def surfaces(scene: Scene) -> list[Surface]:
    """Where objects can stand, recorded in the background so edits can find free room."""
    return [Surface(**s) for s in scene.background.get("surfaces", ())]


def free_x(scene: Scene, surface: Surface, width: float, rng: np.random.Generator, ignore: str = "",
           gap: float = 6.0) -> float | None:
    """A centre x on `surface` where an object `width` wide overlaps no other (ignoring
    node `ignore`), or None."""
    taken = sorted((n.x - n.w / 2 - gap, n.x + n.w / 2 + gap) for n in scene.nodes
                   if n.surface == surface.name and n.id != ignore)
    spans, cursor = [], surface.x0
    for a, b in taken:
        if a - cursor >= width:
            spans.append((cursor, a))
        cursor = max(cursor, b)
    if surface.x1 - cursor >= width:
        spans.append((cursor, surface.x1))
    if not spans:
        return None
    lengths = np.array([b - a - width for a, b in spans]) + 1.0
    a, b = spans[int(rng.choice(len(spans), p=lengths / lengths.sum()))]
    return float(a + width / 2 + rng.uniform(0, b - a - width))


def pick_kind(rng: np.random.Generator, categories) -> library.ObjectKind:
    pool = [k for c in categories for k in library.kinds_in(c)]
    return pool[int(rng.integers(len(pool)))]


def pick_color(rng: np.random.Generator, kind: library.ObjectKind) -> str:
    pool = kind.colors or tuple(COLORS)
    return pool[int(rng.integers(len(pool)))]


def make_node(scene: Scene, rng, kind: library.ObjectKind, surface: Surface, *, color: str | None = None,
              height: float | None = None, ignore: str = "") -> Node | None:
    """A new node of `kind` in a free place on `surface` (None if there is no room)."""
    h = height or SCALE[kind.category] * scene.height * surface.scale * float(rng.uniform(0.85, 1.15))
    w = h * kind.aspect
    x = free_x(scene, surface, w, rng, ignore=ignore)
    if x is None:
        return None
    return Node(id=scene.next_id(), kind=kind.name, category=kind.category, x=round(x, 1), y=surface.y,
                w=round(w, 1), h=round(h, 1), color=color or pick_color(rng, kind), state=kind.states[0],
                surface=surface.name, z=1 if surface.scale >= 1 else 0)


def _populate(scene: Scene, rng, categories, count: int) -> None:
    for _ in range(count * 3):
        if sum(1 for n in scene.nodes if n.kind in library.KINDS) >= count:
            break
        surf = surfaces(scene)[int(rng.integers(len(surfaces(scene))))]
        node = make_node(scene, rng, pick_kind(rng, categories), surf)
        if node is not None:
            scene.nodes.append(node)


def _choice(rng, options):
    return options[int(rng.integers(len(options)))]


def _base(rng, layout: str, width: int, height: int, background: dict) -> Scene:
    return Scene(layout=layout, width=width, height=height, background=background, nodes=[],
                 grain_seed=int(rng.integers(2**31)))


def _table(rng, layout, w, h, horizon=0.5) -> Scene:
    bg = {"kind": "tabletop", "wall": _choice(rng, WALLS), "wall_pattern": _choice(rng, ("plain", "plain", "stripes",
          "dots")), "surface": _choice(rng, SURFACES), "surface_material": _choice(rng, ("wood", "matte")),
          "horizon": horizon,
          "surfaces": [{"name": "table", "y": round(h * (horizon + 0.2), 1), "x0": 0.04 * w, "x1": 0.96 * w,
                        "scale": 0.85},
                       {"name": "table front", "y": round(h * 0.94, 1), "x0": 0.04 * w, "x1": 0.96 * w,
                        "scale": 1.0}]}
    return _base(rng, layout, w, h, bg)


def tabletop(rng, w, h) -> Scene:
    scene = _table(rng, "tabletop", w, h)
    _populate(scene, rng, SMALL + ("plant",), int(rng.integers(3, 8)))
    return scene


def shelf(rng, w, h) -> Scene:
    ys = (0.33, 0.63, 0.93)
    bg = {"kind": "shelf", "wall": _choice(rng, WALLS), "wall_pattern": "plain", "surface": _choice(rng, SURFACES),
          "shelves": ys,
          "surfaces": [{"name": name, "y": round(y * h, 1), "x0": 0.06 * w, "x1": 0.94 * w, "scale": 0.9}
                       for name, y in zip(("top shelf", "middle shelf", "bottom shelf"), ys)]}
    scene = _base(rng, "shelf", w, h, bg)
    _populate(scene, rng, SMALL, int(rng.integers(5, 10)))
    return scene


def room(rng, w, h) -> Scene:
    bg = {"kind": "room", "wall": _choice(rng, WALLS), "wall_pattern": _choice(rng, ("plain", "stripes", "dots")),
          "surface": _choice(rng, ("brown", "beige", "grey", "navy")), "surface_material": "wood", "horizon": 0.62,
          "window": (0.58, 0.1, 0.9, 0.48) if rng.random() < 0.7 else (0.1, 0.1, 0.4, 0.48),
          "surfaces": [{"name": "floor", "y": round(h * 0.9, 1), "x0": 0.03 * w, "x1": 0.97 * w, "scale": 1.0}]}
    scene = _base(rng, "room", w, h, bg)
    _populate(scene, rng, ("furniture", "plant", "animal"), int(rng.integers(3, 6)))
    return scene


def yard(rng, w, h) -> Scene:
    bg = {"kind": "yard", "horizon": 0.5,
          "surfaces": [{"name": "back", "y": round(h * 0.66, 1), "x0": 0.02 * w, "x1": 0.98 * w, "scale": 0.75},
                       {"name": "front", "y": round(h * 0.93, 1), "x0": 0.02 * w, "x1": 0.98 * w, "scale": 1.0}]}
    scene = _base(rng, "yard", w, h, bg)
    scene.season = _choice(rng, ("summer", "spring", "autumn", "winter"))
    _populate(scene, rng, ("animal", "vehicle", "plant"), int(rng.integers(3, 7)))
    for node in scene.nodes:  # trees dress for the season
        if node.kind == "tree" and scene.season in library.KINDS["tree"].states:
            node.state = scene.season
    return scene


def _wall_widget(rng, layout, w, h, kind, category, box_h, aspect, attrs, color=None) -> Scene:
    scene = _table(rng, layout, w, h, horizon=0.62)
    scene.background["surfaces"] = [s for s in scene.background["surfaces"] if s["name"] == "table front"]
    bh = box_h * h
    scene.nodes.append(Node(id="n0", kind=kind, category=category, x=w / 2 + rng.uniform(-0.15, 0.15) * w,
                            y=round(0.08 * h + bh, 1), w=round(bh * aspect, 1), h=round(bh, 1),
                            color=color or _choice(rng, ("white", "black", "gold", "navy", "red", "teal")),
                            surface="wall", attrs=attrs))
    _populate(scene, rng, SMALL, int(rng.integers(1, 4)))
    return scene


def clock(rng, w, h) -> Scene:
    return _wall_widget(rng, "clock", w, h, "clock", "clock", 0.46, 1.0,
                        {"hour": int(rng.integers(1, 13)), "minute": int(rng.integers(0, 12)) * 5})


def counter(rng, w, h) -> Scene:
    digits = int(rng.integers(2, 4))
    return _wall_widget(rng, "counter", w, h, "counter", "counter", 0.3, 0.62 * digits + 0.2,
                        {"value": int(rng.integers(0, 10 ** digits - 30)), "digits": digits,
                         "led": _choice(rng, ("red", "green", "orange"))}, color="grey")


SIGN_WORDS = ("OPEN", "CLOSED", "SALE", "EXIT", "CAFE", "BAKERY", "STOP", "WELCOME", "PARKING", "HOTEL", "TAXI",
              "FRESH FISH", "BOOKS", "PHARMACY", "NO ENTRY")


def signboard(rng, w, h) -> Scene:
    text = _choice(rng, SIGN_WORDS)
    return _wall_widget(rng, "signboard", w, h, "sign", "sign", 0.3, 2.2, {"text": text, "board": 1.0},
                        color=_choice(rng, ("red", "navy", "green", "white", "yellow", "black")))


CHART_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def chart(rng, w, h) -> Scene:
    n = int(rng.integers(3, 7))
    start = int(rng.integers(0, 8 - n))
    colors = [_choice(rng, ("blue", "orange", "green", "red", "purple", "teal"))] * n
    attrs = {"values": [int(v) for v in rng.integers(1, 10, n)], "colors": colors,
             "labels": list(CHART_LABELS[start:start + n]), "max": 10}
    bg = {"kind": "board", "wall": _choice(rng, ("white", "beige", "grey")), "wall_pattern": "plain"}
    scene = _base(rng, "chart", w, h, bg)
    scene.nodes.append(Node(id="n0", kind="bar_chart", category="chart", x=w / 2, y=0.94 * h, w=0.9 * w, h=0.86 * h,
                            color="white", surface="wall", attrs=attrs))
    return scene


def _tiles(scene: Scene, rng, cells: list[tuple[float, float]], side: float, contents: list[dict]) -> None:
    tile_color = _choice(rng, ("white", "beige", "grey"))
    for i, ((cx, cy), content) in enumerate(zip(cells, contents)):
        scene.nodes.append(Node(id=f"n{i}", kind="tile", category="tile", x=round(cx, 1), y=round(cy + side / 2, 1),
                                w=round(side, 1), h=round(side, 1), color=tile_color, surface="wall",
                                attrs={**content, "index": i}))


def pattern(rng, w, h) -> Scene:
    from synthesis.editing.puzzles import sequence

    bg = {"kind": "board", "wall": _choice(rng, WALLS), "wall_pattern": "plain"}
    scene = _base(rng, "pattern", w, h, bg)
    rule, contents = sequence(rng)
    n = len(contents)
    side = min(0.8 * w / n, 0.5 * h)
    cells = [(w / 2 + (i - (n - 1) / 2) * side * 1.12, h / 2) for i in range(n)]
    _tiles(scene, rng, cells, side, contents)
    scene.background["rule"] = rule
    return scene


def grid(rng, w, h) -> Scene:
    from synthesis.editing.puzzles import latin_square

    bg = {"kind": "board", "wall": _choice(rng, WALLS), "wall_pattern": "plain"}
    scene = _base(rng, "grid", w, h, bg)
    contents = latin_square(rng)
    side = 0.27 * min(w, h)
    cells = [(w / 2 + (c - 1) * side * 1.1, h / 2 + (r - 1) * side * 1.1) for r in range(3) for c in range(3)]
    _tiles(scene, rng, cells, side, contents)
    return scene


def place_blocks(scene: Scene) -> None:
    """Screen boxes and drawing order of the 3D blocks for the scene's camera."""
    cam = scene.camera
    depths = {}
    for node in scene.nodes:
        pts = [project(c, cam, cam["scale"], cam["origin"]) for c in block_corners(node.attrs)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        node.x, node.y = round((min(xs) + max(xs)) / 2, 2), round(max(ys), 2)
        node.w, node.h = round(max(xs) - min(xs), 2), round(max(ys) - min(ys), 2)
        centre = project(block_corners(node.attrs).mean(axis=0), cam, cam["scale"], cam["origin"])
        depths[node.id] = centre[2]
    for rank, node_id in enumerate(sorted(depths, key=lambda k: depths[k])):
        scene.node(node_id).z = rank


def blocks3d(rng, w, h) -> Scene:
    bg = {"kind": "tabletop", "wall": _choice(rng, WALLS), "wall_pattern": "plain",
          "surface": _choice(rng, ("grey", "beige", "white")), "surface_material": "matte", "horizon": 0.3}
    scene = _base(rng, "blocks3d", w, h, bg)
    scene.camera = {"azimuth": float(_choice(rng, (30, 45, 60, 120, 135, 210, 225, 300, 315))), "elevation": 32.0,
                    "scale": 0.11 * min(w, h), "origin": (w / 2, 0.6 * h)}
    spots = [(gx, gz) for gx in (-2.2, 0.0, 2.2) for gz in (-2.2, 0.0, 2.2)]
    order = rng.permutation(len(spots))[: int(rng.integers(3, 6))]
    for i, k in enumerate(order):
        gx, gz = spots[int(k)]
        size = [float(rng.choice((1.0, 1.4, 1.8))), float(rng.choice((0.8, 1.4, 2.4))), float(rng.choice((1.0, 1.4)))]
        scene.nodes.append(Node(id=f"n{i}", kind="block", category="block", x=0, y=0, w=1, h=1,
                                color=_choice(rng, ("red", "blue", "green", "yellow", "orange", "purple", "teal")),
                                surface="floor", attrs={"gx": gx, "gz": gz, "size": size}))
    place_blocks(scene)
    return scene


COMPOSERS = {"tabletop": tabletop, "shelf": shelf, "room": room, "yard": yard, "clock": clock, "counter": counter,
             "chart": chart, "signboard": signboard, "pattern": pattern, "grid": grid, "blocks3d": blocks3d}


def compose(rng: np.random.Generator, layout: str, width: int, height: int) -> Scene:
    if layout not in COMPOSERS:
        raise KeyError(f"unknown layout {layout!r}; allowed: {', '.join(COMPOSERS)}")
    return COMPOSERS[layout](rng, width, height)
