"""Render a laid-out graph scene: plain and highlighted edges, nodes, weight labels and
node notes; retry layouts until the rendered labels do not overlap either."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from synthesis.science.cs import draw
from synthesis.science.cs.graphs import Graph
from synthesis.science.cs.layout import Scene, graph_scene
from synthesis.science.cs.style import Sizes
from synthesis.science.render import Drawing, finish, overlapping_labels
from synthesis.science.template import RenderContext

MAX_LAYOUT_ROUNDS = 3  # rounds of `graph_scene` (each tries several layouts) per graph


@dataclass
class GraphStyle:
    accent: str  # highlighted edges, outlines of highlighted nodes, notes
    highlight_edges: set = field(default_factory=set)  # sorted (u, v)
    fills: dict[str, str] = field(default_factory=dict)  # node -> face colour
    outlined: set = field(default_factory=set)  # nodes drawn with an accent outline
    title: str | None = None


def paint(ctx: RenderContext, scene: Scene, style: GraphStyle) -> Drawing:
    sizes, ink, paper = Sizes(ctx.size_px), ctx.theme.ink, ctx.theme.paper
    with draw.canvas(ctx) as (fig, ax):
        for key, polyline in scene.edges.items():
            bold = key[:2] in style.highlight_edges
            draw.line(ax, ctx, polyline, style.accent if bold else ink, sizes.bold_line if bold else sizes.line)
        for name, center in scene.nodes.items():
            outlined = name in style.outlined
            draw.node(ax, ctx, center, scene.radius, name, face=style.fills.get(name, paper),
                      edge=style.accent if outlined else ink,
                      width_px=sizes.bold_line * 0.7 if outlined else sizes.line * 1.2, font_px=sizes.node_font)
        for lab in scene.labels:
            if lab.owner is not None:  # an edge weight, on its edge
                draw.label(ax, ctx, lab.center, lab.text, lab.font_px, pad_px=sizes.pad)
            else:  # a note beside a node
                draw.label(ax, ctx, lab.center, lab.text, lab.font_px, color=style.accent, boxed=False)
        if style.title:
            draw.title(ax, ctx, style.title)
        return finish(fig)


def lay_out_and_paint(rng: np.random.Generator, ctx: RenderContext, graph: Graph, style: GraphStyle, *,
                      edge_texts: dict | None = None, node_texts: dict | None = None,
                      restyle: Callable[[Scene], None] | None = None) -> tuple[Scene, dict, Drawing] | None:
    """A scene that passes the distance check and a drawing whose labels do not overlap,
    or None when no layout of this graph works (the caller samples another graph)."""
    sizes = Sizes(ctx.size_px)
    for _ in range(MAX_LAYOUT_ROUNDS):
        laid = graph_scene(rng, sizes, graph.nodes, graph.edges, edge_texts=edge_texts, node_texts=node_texts,
                           title=style.title is not None)
        if laid is None:
            return None
        scene, params = laid
        if restyle:
            restyle(scene)
        drawing = paint(ctx, scene, style)
        if not overlapping_labels(drawing.texts):
            return scene, params, drawing
    return None


def objects(scene: Scene, style: GraphStyle) -> list[dict]:
    """Pixel positions of nodes and edges, for `labels["objects"]`."""
    out = [{"label": "node", "name": n, "center": [round(x, 2), round(y, 2)], "radius": round(scene.radius, 2)}
           for n, (x, y) in scene.nodes.items()]
    out += [{"label": "edge", "nodes": list(k[:2]), "highlighted": k[:2] in style.highlight_edges,
             "points": [[round(x, 2), round(y, 2)] for x, y in (pl[0], pl[-1])]} for k, pl in scene.edges.items()]
    return out
