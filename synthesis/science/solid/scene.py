"""What a drawing of one solid contains, in world coordinates: the front-facing faces,
the outline edges (visible or hidden, for solid or dashed strokes) and the dimension
segments with their label anchors.

Placement is chosen so that each label anchor depends only on its own dimension (and
on `layout`, the larger solid of an edit pair): when one dimension of a solid changes,
every other label stays where it was. Cuboid and prism grow away from the corner at
the origin, the cylinder hangs from its top face at z = 0, cone and pyramid stand on
z = 0 centred on the z axis, the sphere sits at the origin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

import numpy as np

from synthesis.science.solid.camera import Camera
from synthesis.science.solid.shapes import Solid

ROUND_STEPS = 48  # facets around a round solid
ARC_STEPS = 144  # samples of an outline circle


@dataclass
class Dimension:
    name: str  # "r", "h", ...
    value: int
    segment: np.ndarray  # (k, 3) polyline of the measured length
    anchor: np.ndarray  # (3,) label position
    dashed: bool = False
    ha: str = "center"
    ticks: list[np.ndarray] = field(default_factory=list)  # end ticks of an offset dimension line

    @property
    def text(self) -> str:
        return f"${self.name} = {self.value}$"


@dataclass
class Scene:
    faces: list[np.ndarray]  # polygons (k, 3), those that can be seen
    normals: np.ndarray  # (n, 3) outward, one per face
    edges: list[tuple[np.ndarray, bool]]  # (polyline, visible)
    dimensions: list[Dimension]
    dots: list[np.ndarray] = field(default_factory=list)  # marked points (centres)

    def points(self) -> np.ndarray:
        """Everything that has to fit inside the axis limits."""
        parts = [np.vstack(self.faces)] + [d.anchor[None, :] for d in self.dimensions]
        parts += [d.segment for d in self.dimensions]
        return np.vstack(parts)


def _unit(v) -> np.ndarray:
    v = np.asarray(v, dtype=float)
    return v / np.linalg.norm(v)


def _offsets(camera: Camera) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Screen directions (below-left, below-right, right) for labels beside an edge; they
    depend on the camera only, so they are the same in both images of an edit."""
    return (-0.5 * camera.up - 0.15 * camera.right, -0.45 * camera.up + 0.3 * camera.right,
            0.3 * camera.right)


# ---- polyhedra -------------------------------------------------------------------

def _polyhedron(vertices: np.ndarray, faces: list[list[int]], camera: Camera) -> tuple[list, np.ndarray, list]:
    """Front-facing faces, their normals and the edges (hidden when both faces turn away)."""
    centre = vertices.mean(axis=0)
    normals = []
    for f in faces:
        p = vertices[f]
        n = np.cross(p[1] - p[0], p[2] - p[0])
        if np.dot(n, p.mean(axis=0) - centre) < 0:
            n = -n
        normals.append(_unit(n))
    front = [camera.faces_viewer(n) for n in normals]
    adjacent: dict[tuple[int, int], list[int]] = {}
    for i, f in enumerate(faces):
        for a, b in zip(f, f[1:] + f[:1]):
            adjacent.setdefault((min(a, b), max(a, b)), []).append(i)
    edges = [(vertices[[a, b]], any(front[i] for i in owners)) for (a, b), owners in sorted(adjacent.items())]
    shown = [i for i in range(len(faces)) if front[i]]
    return [vertices[faces[i]] for i in shown], np.array([normals[i] for i in shown]), edges


def _cuboid(solid: Solid, camera: Camera, m: float) -> Scene:
    l, w, h = (solid.dims[k] for k in ("l", "w", "h"))
    vertices = np.array([[x, y, z] for x, y, z in product((-l, 0), (0, w), (0, h))], dtype=float)
    index = {tuple(v): i for i, v in enumerate(vertices.tolist())}

    def quad(*corners):
        return [index[tuple(map(float, c))] for c in corners]

    faces = [quad((-l, 0, 0), (0, 0, 0), (0, 0, h), (-l, 0, h)), quad((-l, w, 0), (0, w, 0), (0, w, h), (-l, w, h)),
             quad((-l, 0, 0), (-l, w, 0), (-l, w, h), (-l, 0, h)), quad((0, 0, 0), (0, w, 0), (0, w, h), (0, 0, h)),
             quad((-l, 0, 0), (0, 0, 0), (0, w, 0), (-l, w, 0)), quad((-l, 0, h), (0, 0, h), (0, w, h), (-l, w, h))]
    shown, normals, edges = _polyhedron(vertices, faces, camera)
    o = np.zeros(3)
    below_left, below_right, right = _offsets(camera)
    dims = [
        Dimension("l", l, np.array([[-l, 0, 0], o]), np.array([-l / 2, 0, 0]) + m * below_left),
        Dimension("w", w, np.array([o, [0, w, 0]]), np.array([0, w / 2, 0]) + m * below_right),
        Dimension("h", h, np.array([o, [0, 0, h]]), np.array([0, 0, h / 2]) + m * right, ha="left"),
    ]
    return Scene(shown, normals, edges, dims)


def _square_pyramid(solid: Solid, camera: Camera, m: float) -> Scene:
    a, h = solid.dims["a"], solid.dims["h"]
    s = a / 2
    vertices = np.array([[-s, -s, 0], [s, -s, 0], [s, s, 0], [-s, s, 0], [0, 0, h]], dtype=float)
    faces = [[0, 1, 2, 3], [0, 1, 4], [1, 2, 4], [2, 3, 4], [3, 0, 4]]
    shown, normals, edges = _polyhedron(vertices, faces, camera)
    dims = [
        Dimension("a", a, vertices[[0, 1]], np.array([0, -s, 0]) + m * _offsets(camera)[0]),
        Dimension("h", h, np.array([[0, 0, 0], [0, 0, h]]), np.array([0, 0, h / 2]) + 0.55 * m * camera.right,
                  dashed=True, ha="left"),
    ]
    return Scene(shown, normals, edges, dims, dots=[np.zeros(3)])


def _triangular_prism(solid: Solid, camera: Camera, m: float) -> Scene:
    a, b, l = (solid.dims[k] for k in ("a", "b", "l"))
    front = [[0, 0, 0], [-a, 0, 0], [0, 0, b]]
    vertices = np.array(front + [[x, l, z] for x, _, z in front], dtype=float)
    faces = [[0, 1, 2], [3, 4, 5], [0, 1, 4, 3], [1, 2, 5, 4], [2, 0, 3, 5]]
    shown, normals, edges = _polyhedron(vertices, faces, camera)
    o = np.zeros(3)
    below_left, below_right, right = _offsets(camera)
    dims = [
        Dimension("a", a, np.array([[-a, 0, 0], o]), np.array([-a / 2, 0, 0]) + m * below_left),
        Dimension("b", b, np.array([o, [0, 0, b]]), np.array([0, 0, b / 2]) + m * right, ha="left"),
        Dimension("l", l, np.array([o, [0, l, 0]]), np.array([0, l / 2, 0]) + m * below_right),
    ]
    return Scene(shown, normals, edges, dims)


# ---- round solids ----------------------------------------------------------------

def _circle(radius: float, z: float, steps: int = ARC_STEPS) -> tuple[np.ndarray, np.ndarray]:
    t = np.linspace(0.0, 2 * np.pi, steps + 1)
    return t, np.column_stack([radius * np.cos(t), radius * np.sin(t), np.full_like(t, z)])


def _arcs(points: np.ndarray, visible: np.ndarray) -> list[tuple[np.ndarray, bool]]:
    """Split a closed polyline into runs of equal visibility (each run keeps its end
    points, so solid and dashed arcs meet)."""
    if visible.all() or not visible.any():
        return [(points, bool(visible[0]))]
    start = int(np.argmax(visible != visible[0]))  # rotate so that a run starts at 0
    pts, vis = np.roll(points[:-1], -start, axis=0), np.roll(visible[:-1], -start)
    pts, vis = np.vstack([pts, pts[:1]]), np.append(vis, vis[0])
    out, begin = [], 0
    for i in range(1, len(vis)):
        if vis[i] != vis[begin] or i == len(vis) - 1:
            out.append((pts[begin:i + 1], bool(vis[begin])))
            begin = i
    return out


def _side_faces(ring_top: np.ndarray, ring_bottom: np.ndarray) -> list[np.ndarray]:
    return [np.array([ring_top[k], ring_top[k + 1], ring_bottom[k + 1], ring_bottom[k]])
            for k in range(len(ring_top) - 1)]


def _keep_front(faces: list[np.ndarray], normals: list[np.ndarray], camera: Camera) -> tuple[list, np.ndarray]:
    """Faces turned toward the viewer, plus a thin band past the silhouette so that the
    shaded surface reaches the outline stroke."""
    v = camera.toward_viewer
    keep = [i for i, n in enumerate(normals) if np.dot(n, v) > -0.12 * np.linalg.norm(n)]
    return [faces[i] for i in keep], np.array([normals[i] for i in keep])


def _cylinder(solid: Solid, camera: Camera, m: float, layout: Solid) -> Scene:
    r, h = solid.dims["r"], solid.dims["h"]
    t, top = _circle(r, 0.0, ROUND_STEPS)
    _, bottom = _circle(r, -h, ROUND_STEPS)
    mids = (t[:-1] + t[1:]) / 2
    faces = _side_faces(top, bottom) + [top[:-1], bottom[:-1]]
    normals = [np.array([np.cos(a), np.sin(a), 0.0]) for a in mids] + [np.array([0, 0, 1.0]), np.array([0, 0, -1.0])]
    faces, normals = _keep_front(faces, normals, camera)
    az = np.radians(camera.azim)
    t, rim_top = _circle(r, 0.0)
    _, rim_bottom = _circle(r, -h)
    sees_top = camera.elev > 0
    edges = [(rim_top, sees_top)] + _arcs(rim_bottom, np.cos(t - az) > 0 if sees_top else np.ones_like(t, bool))
    for side in (1, -1):
        p = side * r * camera.right
        edges.append((np.array([p, p - [0, 0, h]]), True))
    phi = az - np.radians(55)
    rim = np.array([r * np.cos(phi), r * np.sin(phi), 0.0])
    offset = (layout.dims["r"] + m) * camera.right  # beyond the larger of an edit pair
    tick = 0.25 * m * camera.right
    dims = [
        Dimension("r", r, np.array([np.zeros(3), rim]), rim / 2 + 0.35 * m * camera.up),
        Dimension("h", h, np.array([offset, offset - [0, 0, h]]), offset + 0.35 * m * camera.right - [0, 0, h / 2],
                  ha="left", ticks=[np.array([offset - tick, offset + tick]),
                                    np.array([offset - tick, offset + tick]) - [0, 0, h]]),
    ]
    return Scene(faces, normals, edges, dims, dots=[np.zeros(3)])


def _cone(solid: Solid, camera: Camera, m: float) -> Scene:
    r, h = solid.dims["r"], solid.dims["h"]
    t, base = _circle(r, 0.0, ROUND_STEPS)
    apex = np.array([0.0, 0.0, h])
    mids = (t[:-1] + t[1:]) / 2
    faces = [np.array([base[k], base[k + 1], apex]) for k in range(ROUND_STEPS)] + [base[:-1]]
    normals = [np.array([h * np.cos(a), h * np.sin(a), r]) for a in mids] + [np.array([0, 0, -1.0])]
    faces, normals = _keep_front(faces, normals, camera)
    az, el = np.radians(camera.azim), np.radians(camera.elev)
    # A rim point is seen when the lateral surface there faces the viewer:
    # h·cos(θ − azim)·cos(elev) + r·sin(elev) > 0.
    c = -r * np.tan(el) / h
    t, rim = _circle(r, 0.0)
    edges = _arcs(rim, np.cos(t - az) > c)
    if abs(c) < 1:
        for side in (1, -1):
            a = az + side * np.arccos(c)
            edges.append((np.array([[r * np.cos(a), r * np.sin(a), 0.0], apex]), True))
    phi = az - np.radians(55)
    rim_point = np.array([r * np.cos(phi), r * np.sin(phi), 0.0])
    dims = [
        Dimension("r", r, np.array([np.zeros(3), rim_point]), rim_point / 2 - 0.35 * m * camera.up),
        Dimension("h", h, np.array([np.zeros(3), apex]), apex / 2 - 0.45 * m * camera.right, dashed=True, ha="right"),
    ]
    return Scene(faces, normals, edges, dims, dots=[np.zeros(3)])


def _sphere(solid: Solid, camera: Camera, m: float) -> Scene:
    r = solid.dims["r"]
    lon = np.linspace(0.0, 2 * np.pi, ROUND_STEPS + 1)
    lat = np.linspace(-np.pi / 2, np.pi / 2, ROUND_STEPS // 2 + 1)

    def point(a, b):
        return r * np.array([np.cos(b) * np.cos(a), np.cos(b) * np.sin(a), np.sin(b)])

    faces, normals = [], []
    for i in range(len(lon) - 1):
        for j in range(len(lat) - 1):
            faces.append(np.array([point(lon[i], lat[j]), point(lon[i + 1], lat[j]),
                                   point(lon[i + 1], lat[j + 1]), point(lon[i], lat[j + 1])]))
            normals.append(point((lon[i] + lon[i + 1]) / 2, (lat[j] + lat[j + 1]) / 2) / r)
    faces, normals = _keep_front(faces, normals, camera)
    s = np.linspace(0.0, 2 * np.pi, ARC_STEPS + 1)
    outline = r * (np.outer(np.cos(s), camera.right) + np.outer(np.sin(s), camera.up))
    t, equator = _circle(r, 0.0)
    edges = [(outline, True)] + _arcs(equator, np.cos(t - np.radians(camera.azim)) > 0)
    end = r * camera.right
    dims = [Dimension("r", r, np.array([np.zeros(3), end]), end / 2 + 0.35 * m * camera.up)]
    return Scene(faces, normals, edges, dims, dots=[np.zeros(3)])


def margin(layout: Solid) -> float:
    """Label offset from the solid, in world units, from the larger solid of a pair."""
    return 0.16 * max(layout.extents())


def build_scene(solid: Solid, camera: Camera, layout: Solid | None = None) -> Scene:
    layout = layout or solid
    m = margin(layout)
    if solid.kind == "cuboid":
        return _cuboid(solid, camera, m)
    if solid.kind == "square_pyramid":
        return _square_pyramid(solid, camera, m)
    if solid.kind == "triangular_prism":
        return _triangular_prism(solid, camera, m)
    if solid.kind == "cylinder":
        return _cylinder(solid, camera, m, layout)
    if solid.kind == "cone":
        return _cone(solid, camera, m)
    if solid.kind == "sphere":
        return _sphere(solid, camera, m)
    raise ValueError(f"unknown solid {solid.kind!r}")
