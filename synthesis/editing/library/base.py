"""The object-kind contract: a parametric vector drawing in unit coordinates.

A kind draws one object into a `Canvas`: its *body* (the silhouette that takes the
object's colour, pattern and material, drawn as white on an L-mode mask) and its *ink*
(details in fixed colours — stems, eyes, wheels, outlines of parts — drawn on an RGBA
layer over the coloured body). The renderer (synthesis/editing/render.py) fills the
body, lays the ink over it, adds an outline and a shadow, and composites the layer into
the scene. Kinds never pick colours for the body and never use randomness: everything
that varies is in the node (colour, pattern, material, state), so an edit that changes
one field changes exactly that in the image.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import ImageDraw

RGB = tuple[int, int, int]
Point = tuple[float, float]


@dataclass
class Canvas:
    """Drawing surfaces for one object. (u, v) in [0, 1]² maps onto `box` (x0, y0, x1, y1)
    in layer pixels; u runs left to right, v top to bottom."""

    body: ImageDraw.ImageDraw  # L mode: 255 = body, 0 = not body
    ink: ImageDraw.ImageDraw   # RGBA: details drawn over the coloured body
    box: tuple[float, float, float, float]
    base: RGB                  # the body colour, for details that derive from it (a darker rim)

    def xy(self, u: float, v: float) -> Point:
        x0, y0, x1, y1 = self.box
        return (x0 + u * (x1 - x0), y0 + v * (y1 - y0))

    def pts(self, points: Sequence[Point]) -> list[Point]:
        return [self.xy(u, v) for u, v in points]

    def rect(self, u0: float, v0: float, u1: float, v1: float) -> list[float]:
        (x0, y0), (x1, y1) = self.xy(u0, v0), self.xy(u1, v1)
        return [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]

    def w(self, fraction: float) -> int:
        """A stroke width: `fraction` of the box height, at least 1 px."""
        return max(1, round(fraction * (self.box[3] - self.box[1])))

    # Body shapes (white on the mask).
    def body_ellipse(self, u0, v0, u1, v1) -> None:
        self.body.ellipse(self.rect(u0, v0, u1, v1), fill=255)

    def body_rect(self, u0, v0, u1, v1, radius: float = 0.0) -> None:
        r = radius * (self.box[3] - self.box[1])
        self.body.rounded_rectangle(self.rect(u0, v0, u1, v1), radius=r, fill=255)

    def body_polygon(self, points: Sequence[Point]) -> None:
        self.body.polygon(self.pts(points), fill=255)

    def body_erase_ellipse(self, u0, v0, u1, v1) -> None:
        self.body.ellipse(self.rect(u0, v0, u1, v1), fill=0)

    def body_erase_polygon(self, points: Sequence[Point]) -> None:
        self.body.polygon(self.pts(points), fill=0)

    # Ink details (fixed colours, over the body).
    def ink_ellipse(self, u0, v0, u1, v1, fill: RGB | None = None, outline: RGB | None = None,
                    width: float = 0.02) -> None:
        self.ink.ellipse(self.rect(u0, v0, u1, v1), fill=fill, outline=outline,
                         width=self.w(width) if outline else 0)

    def ink_rect(self, u0, v0, u1, v1, fill: RGB | None = None, radius: float = 0.0) -> None:
        r = radius * (self.box[3] - self.box[1])
        self.ink.rounded_rectangle(self.rect(u0, v0, u1, v1), radius=r, fill=fill)

    def ink_polygon(self, points: Sequence[Point], fill: RGB) -> None:
        self.ink.polygon(self.pts(points), fill=fill)

    def ink_line(self, points: Sequence[Point], fill: RGB, width: float = 0.03) -> None:
        self.ink.line(self.pts(points), fill=fill, width=self.w(width), joint="curve")


@dataclass(frozen=True)
class ObjectKind:
    name: str                  # "apple"
    category: str              # one of CATEGORIES
    draw: Callable[[Canvas, str], None]  # (canvas, state) -> None
    aspect: float = 1.0        # width / height of the drawing's box
    states: tuple[str, ...] = ("default",)  # the first is the usual one
    colors: tuple[str, ...] = ()  # natural colour names (palette.COLORS keys); () = any
    plural: str = ""           # "apples"; default name + "s"
    zh: str = ""               # Chinese name, for instruction_zh

    @property
    def plural_name(self) -> str:
        return self.plural or self.name + "s"


CATEGORIES = ("fruit", "vegetable", "animal", "vehicle", "furniture", "tool", "household", "plant", "toy", "shape")
