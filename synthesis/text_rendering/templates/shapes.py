"""Boards, plates and frames that lean with their text, and the walls behind them.

A board is drawn in its own local frame (top-left at (0, 0)) and pushed through the
same rotation/perspective matrix as the text it carries (`board_polygon`), so board and
letters lean together however the scene is turned. Used by the scene templates (sign,
label, card, poster).
"""

from __future__ import annotations

import numpy as np

from synthesis.text_rendering import geometry
from synthesis.text_rendering.backgrounds import sample_background
from synthesis.text_rendering.scene import SceneBuilder

WALLS = ((206, 200, 188), (176, 168, 156), (128, 128, 124), (222, 214, 196), (92, 96, 102), (184, 146, 116),
         (150, 160, 150), (200, 186, 160), (60, 62, 66), (232, 228, 220))


def rounded_outline(left: float, top: float, right: float, bottom: float, radius: float = 0.0,
                    steps: int = 6) -> np.ndarray:
    """Points around a (rounded) rectangle, clockwise from the top-left corner."""
    r = max(0.0, min(radius, (right - left) / 2, (bottom - top) / 2))
    if r < 0.5:
        return np.array([[left, top], [right, top], [right, bottom], [left, bottom]], dtype=float)
    corners = ((right - r, top + r, -90), (right - r, bottom - r, 0), (left + r, bottom - r, 90),
               (left + r, top + r, 180))
    pts = []
    for cx, cy, start in corners:
        for a in np.deg2rad(np.linspace(start, start + 90, steps)):
            pts.append((cx + r * np.cos(a), cy + r * np.sin(a)))
    return np.array(pts)




def board_polygon(matrix, points: np.ndarray) -> list[float]:
    """Local points (in the frame `matrix` maps from) → a flat canvas polygon."""
    return [round(float(v), 1) for v in geometry.apply(matrix, points).ravel()]


def frame_matrix(center: tuple[float, float], angle: float, w: float, h: float) -> np.ndarray:
    """A rigid board frame: local (0, 0) is the board's top-left, turned by `angle` about its centre."""
    return geometry.translation(*center) @ geometry.rotation(angle) @ geometry.translation(-w / 2, -h / 2)


def point_in(matrix, x: float, y: float) -> tuple[float, float]:
    px, py = geometry.apply(matrix, [[x, y]])[0]
    return float(px), float(py)


def pose(scene: SceneBuilder, max_angle: float = 6.0, max_tilt: float = 0.18) -> tuple[float, tuple[float, float]]:
    """A camera's view of a flat board: a small turn, sometimes a perspective tilt."""
    s = scene.effect_strength
    angle = scene.uniform(-max_angle, max_angle) if scene.chance(0.6 * s) else 0.0
    tilt = (0.0, 0.0)
    if scene.chance(0.5 * s):
        tilt = (round(scene.uniform(-max_tilt, max_tilt), 3), round(scene.uniform(-0.5, 0.5) * max_tilt, 3))
    return round(angle, 2), tilt


def wall(scene: SceneBuilder, wood: float = 0.2) -> dict:
    """A wall or door behind a sign: muted plaster, concrete or paint, sometimes wood."""
    if scene.chance(wood):
        return sample_background(scene.rng, ("wood",))
    base = scene.choice(WALLS)
    color = [int(np.clip(c + scene.rng.integers(-18, 19), 0, 255)) for c in base]
    return {"kind": "noise", "color": color, "amplitude": int(scene.rng.integers(5, 16)),
            "cell_px": int(scene.rng.integers(6, 60)), "noise_seed": int(scene.rng.integers(2**31))}
