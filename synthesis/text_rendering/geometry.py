"""Placement of a text block on the canvas: a homography (shift, rotation, perspective)
optionally after an arc warp (curved text).

Both map block-local points (x right, y down, origin at the block's top-left) to
canvas points, so labels are the local ink boxes pushed through the same maps the
pixels go through. Everything is plain data in the spec: a 3×3 matrix, an arc radius.
"""

from __future__ import annotations

import numpy as np

Matrix = list[list[float]]


def translation(dx: float, dy: float) -> np.ndarray:
    return np.array([[1.0, 0.0, dx], [0.0, 1.0, dy], [0.0, 0.0, 1.0]])


def rotation(degrees: float) -> np.ndarray:
    """Counter-clockwise on screen (y points down, so the sign of sin flips)."""
    t = np.deg2rad(degrees)
    c, s = np.cos(t), np.sin(t)
    return np.array([[c, s, 0.0], [-s, c, 0.0], [0.0, 0.0, 1.0]])


def homography_from_points(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The 3×3 matrix mapping 4 points `src` onto `dst` (direct linear solve)."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(src, dst):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    h = np.linalg.solve(np.asarray(rows, dtype=np.float64), np.asarray(rhs, dtype=np.float64))
    return np.append(h, 1.0).reshape(3, 3)


def placement(box_w: float, box_h: float, center: tuple[float, float], angle_deg: float = 0.0,
              tilt: tuple[float, float] = (0.0, 0.0)) -> np.ndarray:
    """Local box → canvas: centred on `center`, rotated, with a perspective tilt.

    `tilt` = (horizontal, vertical) in [-0.3, 0.3]: the share by which the right (bottom)
    edge shrinks relative to the left (top) one, as if the plane were turned away.
    """
    w, h = float(box_w), float(box_h)
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float64)
    th, tv = tilt
    dst = src.copy()
    # Horizontal tilt: the right edge gets shorter (th > 0) or the left (th < 0).
    dst[1, 1] += h * max(th, 0) / 2
    dst[2, 1] -= h * max(th, 0) / 2
    dst[0, 1] += h * max(-th, 0) / 2
    dst[3, 1] -= h * max(-th, 0) / 2
    dst[3, 0] += w * max(tv, 0) / 2
    dst[2, 0] -= w * max(tv, 0) / 2
    dst[0, 0] += w * max(-tv, 0) / 2
    dst[1, 0] -= w * max(-tv, 0) / 2
    tilt_h = homography_from_points(src, dst) if (th or tv) else np.eye(3)
    return translation(*center) @ rotation(angle_deg) @ translation(-w / 2, -h / 2) @ tilt_h


def apply(matrix, points) -> np.ndarray:
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    homogeneous = np.hstack([pts, np.ones((len(pts), 1))]) @ np.asarray(matrix, dtype=np.float64).T
    return homogeneous[:, :2] / homogeneous[:, 2:3]


def is_translation(matrix) -> bool:
    m = np.asarray(matrix, dtype=np.float64)
    return bool(np.allclose(m[:2, :2], np.eye(2)) and np.allclose(m[2], [0, 0, 1]))


# --- arc warp (curved text) -------------------------------------------------------------
# A block of width w and height h bends around a circle: local x runs along the arc (arc
# length, centred on the block's middle), local y runs along the radius. radius > 0 bends
# the text like a smile's top (centre below the text), radius < 0 like a frown.

def arc_forward(points, box_w: float, box_h: float, radius: float) -> np.ndarray:
    """Local points → points in the arc's own frame (same box size, text bent)."""
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    r0 = abs(radius)
    sign = 1.0 if radius > 0 else -1.0
    theta = (pts[:, 0] - box_w / 2) / r0
    r = r0 - sign * (pts[:, 1] - box_h / 2)
    cx, cy = box_w / 2, box_h / 2 + sign * r0
    return np.stack([cx + r * np.sin(theta), cy - sign * r * np.cos(theta)], axis=1)


def arc_inverse(points, box_w: float, box_h: float, radius: float) -> np.ndarray:
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    r0 = abs(radius)
    sign = 1.0 if radius > 0 else -1.0
    cx, cy = box_w / 2, box_h / 2 + sign * r0
    dx, dy = pts[:, 0] - cx, (cy - pts[:, 1]) * sign
    theta = np.arctan2(dx, dy)
    r = np.hypot(dx, dy)
    return np.stack([box_w / 2 + theta * r0, box_h / 2 + sign * (r0 - r)], axis=1)


def arc_bounds(box_w: float, box_h: float, radius: float, pad: float) -> tuple[float, float, float, float]:
    """Bounding box of the bent (padded) block in the arc frame."""
    xs = np.linspace(-pad, box_w + pad, 33)
    edge = np.concatenate([np.stack([xs, np.full_like(xs, y)], 1) for y in (-pad, box_h + pad)])
    out = arc_forward(edge, box_w, box_h, radius)
    return float(out[:, 0].min()), float(out[:, 1].min()), float(out[:, 0].max()), float(out[:, 1].max())


def box_outline(left: float, top: float, right: float, bottom: float, samples: int = 1) -> np.ndarray:
    """A box's outline clockwise from top-left; `samples` points per horizontal edge
    (>1 for curved text: the upper edge in reading order, then the lower edge reversed)."""
    if samples <= 1:
        return np.array([[left, top], [right, top], [right, bottom], [left, bottom]], dtype=np.float64)
    xs = np.linspace(left, right, samples)
    upper = np.stack([xs, np.full_like(xs, top)], 1)
    lower = np.stack([xs[::-1], np.full_like(xs, bottom)], 1)
    return np.concatenate([upper, lower])
