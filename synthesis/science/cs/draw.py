"""Drawing primitives for node–link diagrams on an axes whose data units are image
pixels (x right, y down), so layout, distance checks and labels share one coordinate
system and an element's recorded position is where it lands in the PNG."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from matplotlib.patches import Circle, FancyArrowPatch, Rectangle
from matplotlib.path import Path

from synthesis.science.cs.geometry import Point
from synthesis.science.cs.style import CHAR_WIDTH, Sizes, pt
from synthesis.science.render import figure
from synthesis.science.template import RenderContext

# Back to front: edges, then nodes (filled, hiding edge ends), then labels.
Z_EDGE, Z_NODE, Z_TEXT = 1, 3, 5


@contextmanager
def canvas(ctx: RenderContext) -> Iterator[tuple]:
    """(fig, ax) with one axes covering the figure and fixed pixel limits: no layout
    engine, so two drawings of the same scene put every element on the same pixels."""
    with figure(ctx, layout=None) as fig:
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, ctx.size_px)
        ax.set_ylim(ctx.size_px, 0)
        ax.set_axis_off()
        yield fig, ax


def line(ax, ctx: RenderContext, points: list[Point], color: str, width_px: float, dashed: bool = False) -> None:
    xs, ys = zip(*points)
    ax.plot(xs, ys, color=color, lw=pt(width_px, ctx), ls="--" if dashed else "-",
            solid_capstyle="round", zorder=Z_EDGE)


def node(ax, ctx: RenderContext, center: Point, radius: float, text: str, *, face: str, edge: str,
         width_px: float, font_px: float, double: bool = False) -> None:
    ax.add_patch(Circle(center, radius, facecolor=face, edgecolor=edge, lw=pt(width_px, ctx), zorder=Z_NODE))
    if double:  # accepting state of an automaton
        ax.add_patch(Circle(center, radius * 0.8, facecolor="none", edgecolor=edge, lw=pt(width_px, ctx),
                            zorder=Z_NODE))
    ax.text(*center, text, ha="center", va="center", fontsize=pt(font_px, ctx), color=ctx.theme.ink,
            zorder=Z_TEXT)


def label(ax, ctx: RenderContext, center: Point, text: str, font_px: float, color: str | None = None,
          boxed: bool = True, pad_px: float = 0.0) -> None:
    """A label centred on `center`; `boxed` puts it on a paper-coloured box so an edge
    running underneath does not cross the glyphs."""
    bbox = dict(boxstyle=f"round,pad={pad_px / font_px:.3f}", fc=ctx.theme.paper, ec="none") if boxed else None
    ax.text(*center, text, ha="center", va="center", fontsize=pt(font_px, ctx), color=color or ctx.theme.ink,
            bbox=bbox, zorder=Z_TEXT)


def title(ax, ctx: RenderContext, text: str) -> None:
    """Centred in the title band; a long title gets a smaller font rather than leaving the image."""
    sizes = Sizes(ctx.size_px)
    font = min(sizes.title_font, 0.94 * ctx.size_px / (CHAR_WIDTH * max(len(text), 1)))
    ax.text(ctx.size_px / 2, sizes.title_band / 2, text, ha="center", va="center",
            fontsize=pt(font, ctx), color=ctx.theme.ink, zorder=Z_TEXT)


def cell(ax, ctx: RenderContext, box: list[float], text: str, *, face: str, edge: str, width_px: float,
         font_px: float) -> None:
    """One array cell [left, top, right, bottom] with its value."""
    left, top, right, bottom = box
    ax.add_patch(Rectangle((left, top), right - left, bottom - top, facecolor=face, edgecolor=edge,
                           lw=pt(width_px, ctx), zorder=Z_NODE))
    ax.text((left + right) / 2, (top + bottom) / 2, text, ha="center", va="center", fontsize=pt(font_px, ctx),
            color=ctx.theme.ink, zorder=Z_TEXT)


def arrow(ax, ctx: RenderContext, vertices: list[Point], codes: list[int], color: str, width_px: float,
          head_px: float) -> None:
    """A path (straight or Bézier) with an arrow head at its end."""
    ax.add_patch(FancyArrowPatch(path=Path(vertices, codes), arrowstyle="-|>", color=color,
                                 lw=pt(width_px, ctx), mutation_scale=pt(head_px, ctx), zorder=Z_EDGE))


MOVE, CURVE3, CURVE4, LINE = Path.MOVETO, Path.CURVE3, Path.CURVE4, Path.LINETO
