"""Words for scene graphs: a node's name, where it is, the scene listed left to right.

Instructions and CoT speak in these terms, so a reader (and the verifier) can find
every object an instruction names in the scene graph.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw

from synthesis.editing import library
from synthesis.editing.graph import Node, Scene
from synthesis.editing.library.base import Canvas

PATTERN_WORDS = {"plain": "", "stripes": "striped", "dots": "polka-dot", "checks": "checked"}
MATERIAL_WORDS = {"matte": "", "glossy": "glossy", "metal": "metal", "wood": "wooden"}
LAYOUT_WORDS = {
    "tabletop": "table top", "shelf": "set of shelves", "room": "room", "yard": "garden outdoors",
    "clock": "wall with a clock above a table", "counter": "table with a digital counter",
    "chart": "bar chart on a board", "signboard": "street-side sign", "pattern": "row of puzzle tiles",
    "grid": "3×3 puzzle grid", "blocks3d": "set of 3D blocks on a floor",
}
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def number(n: int) -> str:
    return NUMBERS[n] if 0 <= n < len(NUMBERS) else str(n)


# Kinds whose name is a plural noun: what one of them is called.
SINGULAR = {"grapes": "bunch of grapes"}


def kind_name(kind: str, count: int = 1) -> str:
    if kind in library.KINDS:
        k = library.KINDS[kind]
        return SINGULAR.get(k.name, k.name).replace("_", " ") if count == 1 else k.plural_name.replace("_", " ")
    return kind.replace("_", " ") + ("" if count == 1 else "s")


@lru_cache(maxsize=None)
def coverage(kind: str, state: str) -> float:
    """The share of its box a kind's drawing covers (body or ink), measured once at 64 px
    high: a hammer's box is mostly empty, a ball's is not."""
    k = library.kind(kind)
    h = 64
    w = max(1, round(h * k.aspect))
    body, ink = Image.new("L", (w + 2, h + 2)), Image.new("RGBA", (w + 2, h + 2))
    k.draw(Canvas(ImageDraw.Draw(body), ImageDraw.Draw(ink), (1, 1, 1 + w, 1 + h), (128, 128, 128)), state)
    drawn = (np.asarray(body) > 0) | (np.asarray(ink)[..., 3] > 0)
    return float(drawn.sum()) / (w * h)


def visual_area(node: Node) -> float:
    """How much of the picture a node takes up, px² (what "largest" means to a viewer)."""
    if node.kind in library.KINDS:
        return coverage(node.kind, node.state) * node.w * node.h
    return node.w * node.h


def noun(node: Node) -> str:
    """'red apple', 'striped blue mug', 'metal grey wrench', 'clock'."""
    if node.kind in ("clock", "counter", "bar_chart"):
        return kind_name(node.kind)
    if node.kind == "sign":
        return f'sign reading "{node.attrs["text"].replace(chr(10), " ")}"'
    if node.kind == "tile":
        return "tile"
    if node.kind == "block":
        return f"{node.color} block"
    words = [PATTERN_WORDS[node.pattern], MATERIAL_WORDS[node.material], node.color, kind_name(node.kind)]
    return " ".join(w for w in words if w)


def article(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def objects(scene: Scene) -> list[Node]:
    """The nodes an instruction may talk about, left to right (widgets that fill the
    picture — charts, tiles, blocks — are listed by their own edits)."""
    return sorted((n for n in scene.nodes if n.kind not in ("tile",)), key=lambda n: (n.x, n.y))


def horizontal(scene: Scene, node: Node) -> str:
    third = node.x / scene.width
    return "on the left" if third < 0.36 else "on the right" if third > 0.64 else "in the middle"


def location(scene: Scene, node: Node) -> str:
    if node.surface in ("top shelf", "middle shelf", "bottom shelf"):
        return f"on the {node.surface}"
    if node.surface == "wall":
        return "on the wall"
    return horizontal(scene, node)


def listing(nodes: list[Node]) -> str:
    """'a red apple, two yellow bananas and a blue mug' (same nouns grouped, in order)."""
    counts = Counter(noun(n) for n in nodes)
    seen, parts = set(), []
    for n in nodes:
        name = noun(n)
        if name in seen:
            continue
        seen.add(name)
        c = counts[name]
        if c == 1:
            parts.append(article(name))
        else:
            parts.append(f"{number(c)} {plural_noun(n)}")
    if not parts:
        return "nothing"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def plural_noun(node: Node) -> str:
    name = noun(node)
    singular = kind_name(node.kind)
    return name[: len(name) - len(singular)] + kind_name(node.kind, 2) if name.endswith(singular) else name + "s"


def summary(scene: Scene) -> str:
    return f"The picture shows a {LAYOUT_WORDS.get(scene.layout, scene.layout)} with {listing(objects(scene))}."
