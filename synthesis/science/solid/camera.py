"""The fixed orthographic camera of a 3D drawing and the shading of faces under it.

All 3D drawings here use matplotlib's orthographic projection, so "front-facing" is the
sign of a normal against the view direction and hidden edges can be found exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.colors import to_rgb


@dataclass(frozen=True)
class Camera:
    elev: float  # degrees
    azim: float  # degrees

    @property
    def toward_viewer(self) -> np.ndarray:
        """Unit vector from the scene to the eye (matplotlib's elev/azim convention)."""
        e, a = np.radians(self.elev), np.radians(self.azim)
        return np.array([np.cos(e) * np.cos(a), np.cos(e) * np.sin(a), np.sin(e)])

    @property
    def right(self) -> np.ndarray:
        """Unit vector pointing to the right of the screen."""
        a = np.radians(self.azim)
        return np.array([-np.sin(a), np.cos(a), 0.0])

    @property
    def up(self) -> np.ndarray:
        """Unit vector pointing up the screen."""
        return np.cross(self.toward_viewer, self.right)

    def faces_viewer(self, normal: np.ndarray) -> bool:
        return float(np.dot(normal, self.toward_viewer)) > 1e-9

    def apply(self, ax) -> None:
        ax.set_proj_type("ortho")
        ax.view_init(elev=self.elev, azim=self.azim)


def shaded(base: str, paper: str, normals: np.ndarray, camera: Camera) -> np.ndarray:
    """RGB per face: Lambert light from the viewer's upper left, mixed toward the paper
    colour so that faces stay light enough for labels and edges to read on every theme."""
    light = camera.toward_viewer + 0.7 * camera.up - 0.5 * camera.right
    light /= np.linalg.norm(light)
    normals = np.asarray(normals, dtype=float).reshape(-1, 3)
    lit = np.clip(normals @ light / np.linalg.norm(normals, axis=1), 0.0, 1.0)
    t = (0.30 + 0.45 * lit)[:, None]
    return np.asarray(to_rgb(paper))[None, :] * (1 - t) + np.asarray(to_rgb(base))[None, :] * t


def mix(color: str, paper: str, t: float) -> tuple[float, float, float]:
    """`t` of `color` over the paper: fills that ink strokes stay visible on, on every theme."""
    c, p = np.asarray(to_rgb(color)), np.asarray(to_rgb(paper))
    return tuple(float(v) for v in p * (1 - t) + c * t)
