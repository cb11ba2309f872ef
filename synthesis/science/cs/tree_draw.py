"""Lay out and render rooted binary trees (BSTs, heaps) as node–link scenes.

A BST is laid out deterministically: x = the key's in-order rank, y = its depth. Ranks
are taken over a given universe of keys, so a tree and the same tree plus one inserted
key put every shared node on the same pixel. A heap is a complete tree: node i sits on
level ⌊log2(i+1)⌋, evenly spread over that level's slots.
"""

from __future__ import annotations

from typing import Callable

from synthesis.science.cs import draw
from synthesis.science.cs.layout import Scene, node_problems
from synthesis.science.cs.style import Sizes
from synthesis.science.render import Drawing, finish
from synthesis.science.template import RenderContext

MAX_LEVEL_GAP = 0.17  # of the side: shallow trees do not stretch over the whole image


def bst_scene(sizes: Sizes, universe: list[int], depths: dict[int, int], edges: list[tuple[int, int]],
              levels: int, top: float, bottom: float) -> Scene:
    """Scene of the tree given by `depths`/`edges`; x by rank in `universe`, y by depth,
    `levels` = depth levels to leave room for (the union tree's height + 1)."""
    ranks = {k: i for i, k in enumerate(sorted(universe))}
    inner_top, inner_bottom = top + sizes.margin, bottom - sizes.margin  # keep clear of the band edges
    slot = (sizes.side - 2 * sizes.margin) / len(ranks)
    radius = min(sizes.radius, 0.42 * slot)
    room = inner_bottom - inner_top - 2 * radius
    gap = min(MAX_LEVEL_GAP * sizes.side, room / max(levels - 1, 1))
    y0 = inner_top + radius + (room - gap * (levels - 1)) / 2  # centre the tree vertically
    nodes = {str(k): (round(sizes.margin + (ranks[k] + 0.5) * slot, 3), round(y0 + d * gap, 3))
             for k, d in depths.items()}
    scene = Scene(sizes.side, radius, nodes, {(str(p), str(c)): [nodes[str(p)], nodes[str(c)]] for p, c in edges},
                  top=top, bottom=bottom)
    _check(scene, sizes)
    return scene


def heap_scene(sizes: Sizes, values: list[int], top: float, bottom: float) -> Scene:
    """Scene of a heap array as a complete binary tree; node names are array indices."""
    n = len(values)
    levels = n.bit_length()
    width = sizes.side - 2 * sizes.margin
    radius = min(sizes.radius, 0.4 * width / 2 ** (levels - 1))
    room = bottom - top - 2 * sizes.margin - 2 * radius
    gap = min(MAX_LEVEL_GAP * sizes.side, room / max(levels - 1, 1))
    y0 = top + sizes.margin + radius + (room - gap * (levels - 1)) / 2
    nodes = {}
    for i in range(n):
        level = (i + 1).bit_length() - 1
        slot = width / 2 ** level
        nodes[str(i)] = (round(sizes.margin + (i + 1 - 2 ** level + 0.5) * slot, 3), round(y0 + level * gap, 3))
    edges = {(str((i - 1) // 2), str(i)): [nodes[str((i - 1) // 2)], nodes[str(i)]] for i in range(1, n)}
    scene = Scene(sizes.side, radius, nodes, edges, top=top, bottom=bottom)
    _check(scene, sizes)
    return scene


def _check(scene: Scene, sizes: Sizes) -> None:
    """Tree layouts are collision-free by construction; the distance check guards that claim."""
    problems = node_problems(scene, min(sizes.margin, scene.radius * 0.3))
    if problems:
        raise RuntimeError(f"tree layout fails the distance check: {problems[:3]}")


def paint_tree(ctx: RenderContext, scene: Scene, texts: dict[str, str], *, accent: str,
               fills: dict[str, str] | None = None, bold_edges: set | None = None, outlined: set | None = None,
               title: str | None = None, extra: Callable | None = None) -> Drawing:
    """Edges, nodes (showing `texts[name]`), an optional title and whatever `extra(ax)` adds."""
    sizes, ink, paper = Sizes(ctx.size_px), ctx.theme.ink, ctx.theme.paper
    fills, bold_edges, outlined = fills or {}, bold_edges or set(), outlined or set()
    font = min(sizes.node_font, 1.05 * scene.radius)  # two digits fit inside the circle
    with draw.canvas(ctx) as (fig, ax):
        for key, polyline in scene.edges.items():
            bold = key in bold_edges
            draw.line(ax, ctx, polyline, accent if bold else ink, sizes.bold_line if bold else sizes.line)
        for name, center in scene.nodes.items():
            draw.node(ax, ctx, center, scene.radius, texts[name], face=fills.get(name, paper),
                      edge=accent if name in outlined else ink,
                      width_px=sizes.bold_line * 0.7 if name in outlined else sizes.line * 1.2, font_px=font)
        if title:
            draw.title(ax, ctx, title)
        if extra:
            extra(ax)
        return finish(fig)


def node_objects(scene: Scene, texts: dict[str, str]) -> list[dict]:
    return [{"label": "node", "text": texts[n], "center": [round(x, 2), round(y, 2)], "radius": round(scene.radius, 2)}
            for n, (x, y) in scene.nodes.items()]
