"""Lay out and render a DFA: states on a regular polygon, transitions as arrows (bent
when the reverse transition exists, so the pair does not overlap), self-loops pointing
away from the polygon's centre, and a start arrow from the freest side.

The layout runs the same distance check as graphs: arrows clear of the states they do
not touch, labels clear of states, arrows and each other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from synthesis.science.cs import draw
from synthesis.science.cs.dfa import Dfa
from synthesis.science.cs.geometry import Point, along, box_around, cubic_bezier, quadratic_bezier
from synthesis.science.cs.layout import Label, Scene, crossings, label_conflicts, node_problems, scene_problems
from synthesis.science.cs.style import Sizes, pt, text_size
from synthesis.science.render import Drawing, finish

BEND = 0.2  # control-point offset of a bent arrow, as a fraction of its chord
LOOP_SPREAD = 0.5  # half-angle (rad) between a loop's two feet
LOOP_REACH = 3.3  # loop control points, in state radii from the centre ...
LOOP_OPEN = 0.75  # ... and their half-angle: a round loop about one radius tall
LOOP_EXTENT = 2.3  # how far (in radii from the centre) a loop and its label reach
START = "start"  # the start arrow's key in the scene (its tail is no state)


@dataclass
class FsmLayout:
    scene: Scene
    curves: dict[tuple, tuple[list[Point], list[int]]]  # edge key -> Bézier vertices, path codes
    params: dict


def _unit(angle: float) -> Point:
    return (math.cos(angle), math.sin(angle))


def _arc(a: Point, b: Point, radius: float, bend: float) -> tuple[list[Point], list[int], list[Point]]:
    """A (possibly bent) arrow from circle a to circle b: vertices, codes and a sampled polyline."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    control = (mid[0] - bend * dy, mid[1] + bend * dx)
    ta, tb = math.atan2(control[1] - a[1], control[0] - a[0]), math.atan2(control[1] - b[1], control[0] - b[0])
    p0 = (a[0] + radius * math.cos(ta), a[1] + radius * math.sin(ta))
    p2 = (b[0] + radius * math.cos(tb), b[1] + radius * math.sin(tb))
    if bend == 0:
        return [p0, p2], [draw.MOVE, draw.LINE], [p0, p2]
    return [p0, control, p2], [draw.MOVE, draw.CURVE3, draw.CURVE3], quadratic_bezier(p0, control, p2)


def _loop(c: Point, radius: float, angle: float) -> tuple[list[Point], list[int], list[Point]]:
    p0 = tuple(c[i] + radius * _unit(angle - LOOP_SPREAD)[i] for i in range(2))
    p3 = tuple(c[i] + radius * _unit(angle + LOOP_SPREAD)[i] for i in range(2))
    c1 = tuple(c[i] + LOOP_REACH * radius * _unit(angle - LOOP_OPEN)[i] for i in range(2))
    c2 = tuple(c[i] + LOOP_REACH * radius * _unit(angle + LOOP_OPEN)[i] for i in range(2))
    return [p0, c1, c2, p3], [draw.MOVE, draw.CURVE4, draw.CURVE4, draw.CURVE4], cubic_bezier(p0, c1, c2, p3)


def _label_centers_outside(apex: Point, angle: float, width: float, height: float, gap: float) -> list[Point]:
    """Centres that put a box just beyond `apex` in direction `angle`."""
    ux, uy = _unit(angle)
    reach = abs(width / 2 * ux) + abs(height / 2 * uy) + gap
    return [(apex[0] + ux * reach, apex[1] + uy * reach)]


def transition_labels(dfa: Dfa) -> dict[tuple[str, str], str]:
    """One label per arrow: the symbols that take src to dst, e.g. "0, 1"."""
    out: dict[tuple[str, str], list[str]] = {}
    for src in dfa.states:
        for symbol in dfa.alphabet:
            out.setdefault((src, dfa.delta[src][symbol]), []).append(symbol)
    return {key: ", ".join(sorted(symbols)) for key, symbols in out.items()}


def lay_out(rng: np.random.Generator, sizes: Sizes, dfa: Dfa, top: float, bottom: float,
            tries: int = 30, keep: int = 4) -> FsmLayout | None:
    """The layout with the fewest crossings among the first `keep` that pass the check."""
    labels = transition_labels(dfa)
    n = len(dfa.states)
    radius = 0.06 * sizes.side
    font, pad, m = sizes.label_font * 1.1, sizes.pad, sizes.margin
    center = (sizes.side / 2, (top + bottom) / 2)
    ring = min(0.3 * sizes.side, (bottom - top) / 2 - radius * LOOP_EXTENT)
    found = []
    for _ in range(tries):
        order = [dfa.states[int(i)] for i in rng.permutation(n)]
        rotation = math.pi + (math.pi / n) * int(rng.integers(0, 2)) + float(rng.uniform(-0.15, 0.15))
        pos = {s: (round(center[0] + ring * math.cos(rotation + 2 * math.pi * i / n), 3),
                   round(center[1] + ring * math.sin(rotation + 2 * math.pi * i / n), 3)) for i, s in enumerate(order)}
        laid = _try_layout(sizes, dfa, labels, pos, center, radius, font, pad, m, top, bottom)
        if laid is not None:
            laid.params.update(order=order, rotation=round(rotation, 6), ring=round(ring, 3))
            found.append((crossings(laid.scene), len(found), laid))
            if len(found) == keep:
                break
    return min(found, key=lambda f: f[:2])[2] if found else None


def _try_layout(sizes, dfa, labels, pos, center, radius, font, pad, m, top, bottom) -> FsmLayout | None:
    scene = Scene(sizes.side, radius, dict(pos), top=top, bottom=bottom)
    curves: dict[tuple, tuple[list[Point], list[int]]] = {}
    for (src, dst) in labels:
        if src != dst:
            bend = BEND if (dst, src) in labels else 0.0
            vertices, codes, polyline = _arc(pos[src], pos[dst], radius, bend)
            curves[(src, dst)] = (vertices, codes)
            scene.edges[(src, dst)] = polyline
    if node_problems(scene, m):
        return None
    loop_angles = {}
    for (src, dst) in labels:  # self-loops: outward first, then turned aside
        if src != dst:
            continue
        out = math.atan2(pos[src][1] - center[1], pos[src][0] - center[0])
        for angle in (out, out + 0.7, out - 0.7, out + 1.4, out - 1.4):
            vertices, codes, polyline = _loop(pos[src], radius, angle)
            scene.edges[(src, src)] = polyline
            if not node_problems(scene, m) and not _leaves_frame(polyline, scene):
                curves[(src, src)] = (vertices, codes)
                loop_angles[src] = angle
                break
            del scene.edges[(src, src)]
        else:
            return None
    _start_arrow(scene, curves, dfa.start, radius, sizes)
    if node_problems(scene, m):
        return None
    for key in sorted(labels, key=lambda k: (k[0] == k[1], k)):
        width, height = text_size(labels[key], font, pad)
        if key[0] == key[1]:
            polyline = scene.edges[key]
            centers = _label_centers_outside(along(polyline, 0.5), loop_angles[key[0]], width, height, m / 2)
        else:
            centers = [along(scene.edges[key], t) for t in (0.5, 0.42, 0.58, 0.34, 0.66)]
        for c in centers:
            label = Label(labels[key], box_around(c, width, height), key, font)
            if not label_conflicts(scene, label, m):
                scene.labels.append(label)
                break
        else:
            return None
    if scene_problems(scene, m):
        return None
    return FsmLayout(scene, curves, {})


def _leaves_frame(polyline: list[Point], scene: Scene) -> bool:
    return any(x < 0 or x > scene.side or y < scene.top or y > scene.floor() for x, y in polyline)


def _start_arrow(scene: Scene, curves: dict, start: str, radius: float, sizes: Sizes) -> None:
    """A short straight arrow into the start state, from the direction farthest from its other arrows."""
    c = scene.nodes[start]
    used = [math.atan2(pl[1][1] - c[1], pl[1][0] - c[0]) if key[0] == start else
            math.atan2(pl[-2][1] - c[1], pl[-2][0] - c[0])
            for key, pl in scene.edges.items() if start in key]
    used += [math.atan2(pl[len(pl) // 2][1] - c[1], pl[len(pl) // 2][0] - c[0])
             for key, pl in scene.edges.items() if key == (start, start)]
    candidates = [math.pi / 8 * k for k in range(16)]
    best = max(candidates, key=lambda a: min((abs((a - u + math.pi) % (2 * math.pi) - math.pi) for u in used),
                                            default=math.pi))
    reach = radius + 0.085 * sizes.side
    tail = (c[0] + reach * math.cos(best), c[1] + reach * math.sin(best))
    head = (c[0] + radius * math.cos(best), c[1] + radius * math.sin(best))
    curves[(START, start)] = ([tail, head], [draw.MOVE, draw.LINE])
    scene.edges[(START, start)] = [tail, head]


def paint(ctx, layout: FsmLayout, dfa: Dfa, *, accent: str, accept_fill: str, title: str,
          captions: list[str]) -> Drawing:
    sizes, ink, paper = Sizes(ctx.size_px), ctx.theme.ink, ctx.theme.paper
    scene = layout.scene
    with draw.canvas(ctx) as (fig, ax):
        for key, (vertices, codes) in layout.curves.items():
            draw.arrow(ax, ctx, vertices, codes, accent if key[0] == START else ink,
                       sizes.line * (1.8 if key[0] == START else 1.2),
                       0.032 * sizes.side)
        for state, center in scene.nodes.items():
            accepting = state in dfa.accepting
            draw.node(ax, ctx, center, scene.radius, state, face=accept_fill if accepting else paper, edge=ink,
                      width_px=sizes.line * 1.3, font_px=sizes.node_font * 1.1, double=accepting)
        for lab in scene.labels:
            draw.label(ax, ctx, lab.center, lab.text, lab.font_px, pad_px=sizes.pad)
        draw.title(ax, ctx, title)
        for i, text in enumerate(captions):  # the example words and their verdicts, in a row at the bottom
            x = sizes.side * (2 * i + 1) / (2 * len(captions))
            ax.text(x, sizes.side - 0.05 * sizes.side, text, ha="center", va="center",
                    fontsize=pt(sizes.label_font, ctx), color=ink, zorder=draw.Z_TEXT)
        return finish(fig)
