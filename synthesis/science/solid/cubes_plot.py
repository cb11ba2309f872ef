"""Draw a unit-cube solid in 3D beside its front, left and top views.

Page layout: front view top left, left view top right, top view bottom left (aligned in
columns with the front view and in depth with the left view, on one cell scale), the
3D solid bottom right.

The 3D cubes are painted back to front by hand: one collection per cube, all with the
same zorder (matplotlib keeps insertion order for ties) and `computed_zorder=False`.
For unit cubes on a grid seen in parallel projection, sorting cubes by s·(x, y, z),
s the sign pattern of the view direction, is an exact painter's order: a ray meets the
cubes it crosses in decreasing order of that key.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Rectangle
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from synthesis.science.render import Drawing, figure, finish
from synthesis.science.solid.camera import Camera, mix, shaded
from synthesis.science.solid.draw3d import axes3d, label, limits_for, pixel
from synthesis.science.template import RenderContext

VIEW_RECTS = {"front": [0.05, 0.50, 0.40, 0.38], "left": [0.55, 0.50, 0.40, 0.38], "top": [0.05, 0.04, 0.40, 0.38]}
SOLID_RECT = [0.50, 0.02, 0.48, 0.44]
TITLES = {"front": "Front view", "left": "Left view", "top": "Top view"}

# outward normal of each cube face, and its corners as offsets from the cube's min corner
FACES = {
    (-1, 0, 0): [(0, 0, 0), (0, 1, 0), (0, 1, 1), (0, 0, 1)],
    (1, 0, 0): [(1, 0, 0), (1, 1, 0), (1, 1, 1), (1, 0, 1)],
    (0, -1, 0): [(0, 0, 0), (1, 0, 0), (1, 0, 1), (0, 0, 1)],
    (0, 1, 0): [(0, 1, 0), (1, 1, 0), (1, 1, 1), (0, 1, 1)],
    (0, 0, -1): [(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0)],
    (0, 0, 1): [(0, 0, 1), (1, 0, 1), (1, 1, 1), (0, 1, 1)],
}


def cube_cells(heights: np.ndarray) -> set[tuple[int, int, int]]:
    """World cells (x, y, z) of the cubes: column c → x, row r → y = rows - 1 - r (row 0
    at the back), stack level → z."""
    rows = heights.shape[0]
    return {(c, rows - 1 - r, k) for r in range(rows) for c in range(heights.shape[1]) for k in range(heights[r, c])}


def _draw_solid(ax, heights: np.ndarray, camera: Camera, color: str, ink: str, paper: str) -> None:
    rows, cols = heights.shape
    for x in range(cols + 1):  # floor grid under the solid
        ax.plot([x, x], [0, rows], [0, 0], color=ink, lw=0.6, alpha=0.35, zorder=0)
    for y in range(rows + 1):
        ax.plot([0, cols], [y, y], [0, 0], color=ink, lw=0.6, alpha=0.35, zorder=0)
    cells = cube_cells(heights)
    view = camera.toward_viewer
    sign = np.sign(view)
    visible = [n for n in FACES if np.dot(n, view) > 1e-9]
    for cell in sorted(cells, key=lambda p: (float(np.dot(sign, p)), p)):
        faces = [n for n in visible if (cell[0] + n[0], cell[1] + n[1], cell[2] + n[2]) not in cells]
        if not faces:
            continue
        polys = [np.array(cell, dtype=float) + np.array(FACES[n], dtype=float) for n in faces]
        collection = Poly3DCollection(polys, facecolors=shaded(color, paper, np.array(faces), camera),
                                      edgecolors=ink, linewidths=1.0, zorder=1)
        collection.set_sketch_params(None)  # a wobbly fill would open gaps between faces
        ax.add_collection3d(collection)


def _draw_view(ax, matrix: np.ndarray, side: int, color: str, ink: str, paper: str) -> None:
    """0/1 matrix as grid squares, centred in a side × side cell frame shared by all views."""
    n_rows, n_cols = matrix.shape
    ox, oy = (side - n_cols) / 2, (side - n_rows) / 2
    for i in range(n_rows):
        for j in range(n_cols):
            filled = bool(matrix[i, j])
            ax.add_patch(Rectangle((ox + j, oy + n_rows - 1 - i), 1, 1, facecolor=mix(color, paper, 0.6) if filled else "none",
                                   edgecolor=ink, lw=1.4 if filled else 0.6, alpha=1.0 if filled else 0.35))
    ax.set_xlim(0, side)
    ax.set_ylim(0, side)
    ax.set_aspect("equal")
    ax.set_axis_off()


def sample_render(rng: np.random.Generator, ctx: RenderContext) -> dict:
    palette = ctx.theme.palette
    solid, view = (int(i) for i in rng.permutation(len(palette))[:2])
    # The viewer stands front-left (x and y negative), where the left view is taken from.
    return {
        "camera": [float(rng.integers(22, 36)), float(rng.integers(-142, -110))],
        "colors": {"solid": palette[solid][0], "view": palette[view][0]},
        "color_names": {"solid": palette[solid][1], "view": palette[view][1]},
    }


def draw(ctx: RenderContext, heights: np.ndarray, matrices: dict[str, np.ndarray], render: dict,
         title: str) -> tuple[Drawing, dict]:
    camera = Camera(*render["camera"])
    rows, cols = heights.shape
    ink, paper = ctx.theme.ink, ctx.theme.paper
    side = max(rows, cols, int(heights.max())) + 1
    front_label = np.array([cols / 2, -0.9, 0.0])
    corners = np.array([[x, y, z] for x in (0, cols) for y in (0, rows) for z in (0, int(heights.max()))])
    points = np.vstack([corners, front_label])
    limits = limits_for(points, 0.04)
    with figure(ctx, layout=None) as fig:
        for name, rect in VIEW_RECTS.items():
            ax = fig.add_axes(rect)
            _draw_view(ax, matrices[name], side, render["colors"]["view"], ink, paper)
            ax.set_title(TITLES[name], fontsize=12)
        ax3 = axes3d(fig, SOLID_RECT, camera, limits, fit=points, fill=0.92)
        _draw_solid(ax3, heights, camera, render["colors"]["solid"], ink, paper)
        label(ax3, front_label, "front", ha="center", va="center", fontsize=11, zorder=5)
        fig.text(0.5, 0.965, title, ha="center", va="center", fontsize=14)
        drawing = finish(fig)
        objects = {"solid_origin": pixel(ax3, np.zeros(3), drawing.height),
                   "front_label": pixel(ax3, front_label, drawing.height)}
    return drawing, objects
