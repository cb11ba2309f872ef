"""Node–link scenes and the distance check that every drawn graph, tree and automaton
must pass before it is rendered:

* nodes do not overlap each other and stay inside the frame;
* an edge passes no node it does not touch (gap from the node centre to the edge ≥
  radius + margin), so a reader never mistakes a pass-by for an incidence;
* labels (edge weights, visit numbers, transition symbols) sit inside the frame, clear
  of every node, of every edge but their own, and of each other.

Graph positions come from networkx (a seeded spring layout, or a circular / shell layout
with a random node order and rotation); a layout that fails the check is resampled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from synthesis.science.cs.geometry import (Box, Point, along, box_around, box_circle_distance, boxes_overlap,
                                           grow, point_polyline_distance, polyline_hits_box,
                                           polylines_cross)
from synthesis.science.cs.style import Sizes, text_size
from synthesis.science.render import overlapping_labels

LAYOUTS = ("spring", "circular", "shell")
MIN_ANGLE = math.radians(14)  # between two edges leaving one node: closer ones read as one line


@dataclass
class Label:
    text: str
    box: Box  # estimated extent including its paper box, px
    owner: tuple | None = None  # the edge it sits on (the only edge allowed under it)
    font_px: float = 0.0

    @property
    def center(self) -> Point:
        return ((self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2)


@dataclass
class Scene:
    side: float
    radius: float
    nodes: dict[str, Point]
    edges: dict[tuple, list[Point]] = field(default_factory=dict)  # key (u, v[, tag]) -> polyline
    labels: list[Label] = field(default_factory=list)
    top: float = 0.0  # the band above is the title's
    bottom: float | None = None  # the band below is reserved (e.g. a heap's array)

    def floor(self) -> float:
        return self.side if self.bottom is None else self.bottom


def node_problems(scene: Scene, margin: float) -> list[str]:
    """Violations among nodes and edges (no labels)."""
    out = []
    r, names = scene.radius, list(scene.nodes)
    for name, (x, y) in scene.nodes.items():
        if x - r < margin / 2 or x + r > scene.side - margin / 2 or y - r < scene.top or y + r > scene.floor():
            out.append(f"node {name} leaves the frame")
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if math.dist(scene.nodes[a], scene.nodes[b]) < 2 * r + margin:
                out.append(f"nodes {a} and {b} overlap")
    for key, polyline in scene.edges.items():
        for name, center in scene.nodes.items():
            if name in key[:2]:
                continue
            if point_polyline_distance(center, polyline) < r + margin:
                out.append(f"edge {key[0]}-{key[1]} passes through node {name}")
    for name, (x, y) in scene.nodes.items():
        leaving = []  # direction of each incident edge where it leaves the node
        for key, polyline in scene.edges.items():
            if key[0] == key[1]:
                continue
            if key[0] == name or key[1] == name:
                nxt = polyline[1] if key[0] == name else polyline[-2]
                leaving.append((math.atan2(nxt[1] - y, nxt[0] - x), key))
        for i, (a, ka) in enumerate(leaving):
            for b, kb in leaving[i + 1:]:
                gap = abs((a - b + math.pi) % (2 * math.pi) - math.pi)
                if gap < MIN_ANGLE:
                    out.append(f"edges {ka[0]}-{ka[1]} and {kb[0]}-{kb[1]} leave {name} almost together")
    return out


def label_conflicts(scene: Scene, label: Label, margin: float) -> list[str]:
    """Why `label` cannot go where it is, given the scene's nodes, edges and other labels."""
    out = []
    left, top, right, bottom = label.box
    if left < 0 or right > scene.side or top < scene.top or bottom > scene.floor():
        out.append(f"label {label.text!r} leaves the frame")
    for name, center in scene.nodes.items():
        if box_circle_distance(label.box, center, scene.radius) < margin / 2:
            out.append(f"label {label.text!r} covers node {name}")
    for key, polyline in scene.edges.items():
        if key != label.owner and polyline_hits_box(polyline, grow(label.box, margin / 4)):
            out.append(f"label {label.text!r} lies on edge {key[0]}-{key[1]}")
    for other in scene.labels:
        if other is not label and boxes_overlap(grow(label.box, margin / 4), other.box):
            out.append(f"labels {label.text!r} and {other.text!r} overlap")
    return out


def scene_problems(scene: Scene, margin: float) -> list[str]:
    """Everything wrong with a scene: the distance check."""
    out = node_problems(scene, margin)
    for label in scene.labels:
        out += label_conflicts(scene, label, margin)
    out += [f"labels {a!r} and {b!r} overlap" for a, b, _ in
            overlapping_labels([{"text": lb.text, "box": lb.box} for lb in scene.labels])]
    return sorted(set(out))


def place_label(scene: Scene, text: str, font_px: float, pad_px: float, centers: list[Point], margin: float,
                owner: tuple | None = None) -> Label | None:
    """Put a label at the first candidate centre where it conflicts with nothing."""
    width, height = text_size(text, font_px, pad_px)
    for center in centers:
        label = Label(text, box_around(center, width, height), owner, font_px)
        if not label_conflicts(scene, label, margin):
            scene.labels.append(label)
            return label
    return None


def place_edge_labels(scene: Scene, texts: dict[tuple, str], font_px: float, pad_px: float, margin: float) -> bool:
    """A label on each edge, near its middle (slid along the edge to dodge crossings).
    Short edges go first: they have the fewest free spots."""
    for key in sorted(texts, key=lambda k: math.dist(scene.edges[k][0], scene.edges[k][-1])):
        polyline = scene.edges[key]
        centers = [along(polyline, t) for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73)]
        if place_label(scene, texts[key], font_px, pad_px, centers, margin, owner=key) is None:
            return False
    return True


def place_node_notes(scene: Scene, texts: dict[str, str], font_px: float, margin: float) -> bool:
    """A small note beside each node (e.g. its visit number), in the freest direction."""
    for name, text in texts.items():
        x, y = scene.nodes[name]
        width, height = text_size(text, font_px)
        reach = scene.radius + margin / 2 + math.hypot(width, height) / 2
        # directions tried in order of distance from the node's edges (far first)
        angles = [math.pi / 4 * k for k in range(8)]
        angles.sort(key=lambda a: -_clearance(scene, name, (x + reach * math.cos(a), y + reach * math.sin(a))))
        centers = [(x + reach * math.cos(a), y + reach * math.sin(a)) for a in angles]
        if place_label(scene, text, font_px, 0.0, centers, margin) is None:
            return False
    return True


def _clearance(scene: Scene, name: str, point: Point) -> float:
    gaps = [point_polyline_distance(point, pl) for key, pl in scene.edges.items() if name in key[:2]]
    return min(gaps, default=1e9)


def graph_positions(rng: np.random.Generator, names: list[str], edges: list[tuple[str, str]], kind: str,
                    frame: Box) -> tuple[dict[str, Point], dict]:
    """Node centres (px) inside `frame` and the layout's parameters (for `render`)."""
    graph = nx.Graph()
    graph.add_nodes_from(names)
    graph.add_edges_from(edges)
    params: dict = {"layout": kind}
    if kind == "spring":
        seed = int(rng.integers(2**31))
        params["seed"] = seed
        raw = nx.spring_layout(graph, seed=seed, k=1.6 / math.sqrt(len(names)), iterations=80)
    elif kind == "circular":
        order = [names[int(i)] for i in rng.permutation(len(names))]
        rotation = float(rng.uniform(0, 2 * math.pi))
        params.update(order=order, rotation=round(rotation, 6))
        raw = {n: (math.cos(rotation + 2 * math.pi * i / len(order)), math.sin(rotation + 2 * math.pi * i / len(order)))
               for i, n in enumerate(order)}
    elif kind == "shell":
        order = [names[int(i)] for i in rng.permutation(len(names))]
        inner = 2 if len(names) < 8 else 3
        rotation = float(rng.uniform(0, math.pi))
        params.update(shells=[order[:inner], order[inner:]], rotation=round(rotation, 6))
        raw = nx.shell_layout(graph, nlist=[order[:inner], order[inner:]], rotate=rotation)
    else:
        raise ValueError(f"unknown layout {kind!r}; allowed: {', '.join(LAYOUTS)}")
    xy = np.array([raw[n] for n in names], dtype=float)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    unit = (xy - lo) / span  # each axis stretched to fill the frame: spreads the nodes apart
    left, top, right, bottom = frame
    return ({n: (round(left + u * (right - left), 3), round(top + v * (bottom - top), 3))
             for n, (u, v) in zip(names, unit)}, params)


def crossings(scene: Scene) -> int:
    """Pairs of edges (without a shared node) that cross: fewer reads better."""
    keys = list(scene.edges)
    return sum(1 for i, a in enumerate(keys) for b in keys[i + 1:]
               if not set(a[:2]) & set(b[:2]) and polylines_cross(scene.edges[a], scene.edges[b]))


def graph_scene(rng: np.random.Generator, sizes: Sizes, names: list[str], edges: list[tuple[str, str]], *,
                edge_texts: dict[tuple, str] | None = None, node_texts: dict[str, str] | None = None,
                title: bool = True, tries: int = 12, keep: int = 4) -> tuple[Scene, dict] | None:
    """A scene for the graph that passes the distance check, or None when none of `tries`
    layouts does. Of the first `keep` layouts whose nodes and edges pass, the one with the
    fewest edge crossings that also has room for every label wins."""
    r, m = sizes.radius, sizes.margin
    top = sizes.title_band if title else 0.0
    frame = [r + m, top + r + m, sizes.side - r - m, sizes.side - r - m]
    candidates = []
    for _ in range(tries):
        kind = LAYOUTS[int(rng.integers(len(LAYOUTS)))]
        pos, params = graph_positions(rng, names, edges, kind, frame)
        scene = Scene(sizes.side, r, pos, {e: [pos[e[0]], pos[e[1]]] for e in edges}, top=top)
        if not node_problems(scene, m):
            candidates.append((crossings(scene), len(candidates), scene, params))
            if len(candidates) == keep:
                break
    for _, _, scene, params in sorted(candidates, key=lambda c: c[:2]):
        if edge_texts and not place_edge_labels(scene, edge_texts, sizes.label_font, sizes.pad, m):
            continue
        if node_texts and not place_node_notes(scene, node_texts, sizes.note_font, m):
            continue
        if not scene_problems(scene, m):
            return scene, params
    return None
