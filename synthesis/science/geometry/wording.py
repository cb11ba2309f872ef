"""Phrases shared by the geometry prompts and chains of thought (English and Chinese)."""

from __future__ import annotations

from synthesis.science.geometry import numbers
from synthesis.science.geometry.construct import CENTRE_LETTER, VERTEX_NAMES, TriangleSolution
from synthesis.science.template import RenderContext

CENTRE_EN = {
    "circumcentre": "the circumcentre O with its circumcircle",
    "incentre": "the incentre I with its incircle",
    "orthocentre": "the orthocentre H with the three altitudes",
    "centroid": "the centroid G with the three medians",
}
CENTRE_ZH = {
    "circumcentre": "外心 O 及外接圆",
    "incentre": "内心 I 及内切圆",
    "orthocentre": "垂心 H 及三条高",
    "centroid": "重心 G 及三条中线",
}
SIDE_ENDS = {"a": "BC", "b": "CA", "c": "AB"}


def ink_name(ctx: RenderContext) -> str:
    """The theme's ink in words (it is near-black or chalk-white)."""
    r, g, b = (int(ctx.theme.ink[i:i + 2], 16) for i in (1, 3, 5))
    return "white" if r + g + b > 384 else "black"


def join(items: list[str], word: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def vertices_text(sol: TriangleSolution) -> str:
    return ", ".join(f"{n}{numbers.point(v)}" for n, v in zip(VERTEX_NAMES, sol.vertices))


def sides_text(sol: TriangleSolution) -> str:
    return ", ".join(f"{SIDE_ENDS[k]} = {numbers.length_words(v)}" for k, v in sol.sides.items())


def angles_text(sol: TriangleSolution) -> str:
    return ", ".join(f"∠{n} = {numbers.degrees_text(sol.angles[n])}" for n in VERTEX_NAMES)


def centre_value_text(sol: TriangleSolution, kind: str) -> str:
    con = sol.constructions[kind]
    text = f"{CENTRE_LETTER[kind]} = {numbers.point(con.centre)}"
    if con.radius is not None:
        symbol = "R" if kind == "circumcentre" else "r"
        text += (f", {symbol} = {numbers.length_words(con.radius)}" if con.exact
                 else f", {symbol} ≈ {numbers.decimal(con.radius)}")
    return text


def circle_equation(h: int, k: int, r: int) -> str:
    """"(x − 2)² + (y + 1)² = 9", "x² + y² = 4"."""
    def square(var: str, c: int) -> str:
        if c == 0:
            return f"{var}²"
        return f"({var} − {c})²" if c > 0 else f"({var} + {-c})²"
    return f"{square('x', h)} + {square('y', k)} = {r * r}"
