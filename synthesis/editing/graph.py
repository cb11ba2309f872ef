"""The scene graph: what a picture contains, as data. Both images of an edit pair are
rendered from graphs, and an edit is a function from one graph to another, so the
target is exactly what the instruction asks and the diff between the two graphs says
what the edit did (the verifier checks it against the edit type).

Coordinates are output pixels. A node's box is (x - w/2, y - h, x + w/2, y): `y` is the
baseline it stands on, because objects stand on tables, shelves and floors.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

PATTERNS = ("plain", "stripes", "dots", "checks")
MATERIALS = ("matte", "glossy", "metal", "wood")


@dataclass
class Node:
    id: str
    kind: str            # a library kind ("apple") or a widget ("clock", "counter", "tile", ...)
    category: str
    x: float             # centre
    y: float             # baseline (bottom of the box)
    w: float
    h: float
    color: str           # palette.COLORS name
    pattern: str = "plain"
    material: str = "matte"
    state: str = "default"
    angle: float = 0.0   # degrees, counter-clockwise, about the box centre
    mirror: bool = False
    z: int = 0           # drawing order: higher is in front
    surface: str = ""    # the surface it stands on ("table", "top shelf", "floor", "wall")
    attrs: dict[str, Any] = field(default_factory=dict)  # widget data: time, value, text, tile content

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x - self.w / 2, self.y - self.h, self.x + self.w / 2, self.y)

    @property
    def area(self) -> float:
        return self.w * self.h

    def moved(self, **changes: Any) -> Node:
        return replace(self, **changes, attrs=copy.deepcopy(changes.get("attrs", self.attrs)))


@dataclass
class Scene:
    layout: str          # "tabletop", "room", "yard", "shelf", "clock", ...
    width: int
    height: int
    background: dict[str, Any]          # layout-specific: wall/surface colours, patterns, surfaces
    nodes: list[Node]
    lighting: str = "day"               # day | dusk | night
    season: str = "summer"              # summer | autumn | winter | spring (outdoor layouts)
    hue: float = 0.0                    # global palette rotation, degrees
    mirrored: bool = False              # the whole picture flipped left-right
    camera: dict[str, Any] = field(default_factory=dict)  # blocks3d: azimuth, elevation
    grain_seed: int = 0                 # film grain: the same in source and target

    def node(self, node_id: str) -> Node:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(f"no node {node_id!r} in the scene")

    def copy(self) -> Scene:
        return copy.deepcopy(self)

    def next_id(self) -> str:
        used = {int(n.id[1:]) for n in self.nodes if n.id[1:].isdigit()}
        return f"n{max(used, default=-1) + 1}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scene:
        data = copy.deepcopy(data)
        data["nodes"] = [Node(**n) for n in data["nodes"]]
        return cls(**data)


SCENE_FIELDS = ("layout", "width", "height", "background", "lighting", "season", "hue", "mirrored", "camera")
NODE_FIELDS = tuple(f.name for f in fields(Node) if f.name != "id")


def diff(source: Scene, target: Scene) -> dict[str, Any]:
    """What changed from `source` to `target`: nodes added and removed (by id), node
    fields changed ({id: {field: [old, new]}}) and scene fields changed."""
    before = {n.id: n for n in source.nodes}
    after = {n.id: n for n in target.nodes}
    changed: dict[str, dict[str, list]] = {}
    for node_id in sorted(before.keys() & after.keys()):
        a, b = asdict(before[node_id]), asdict(after[node_id])
        fields_changed = {k: [a[k], b[k]] for k in NODE_FIELDS if a[k] != b[k]}
        if fields_changed:
            changed[node_id] = fields_changed
    scene = {k: [getattr(source, k), getattr(target, k)] for k in SCENE_FIELDS
             if getattr(source, k) != getattr(target, k)}
    return {"added": sorted(after.keys() - before.keys()), "removed": sorted(before.keys() - after.keys()),
            "changed": changed, "scene": scene}
