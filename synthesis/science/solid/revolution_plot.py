"""The region under y = f(x) (2D, top) and its solid of revolution about the x axis
(3D, bottom), with the disk-method volume written underneath."""

from __future__ import annotations

import numpy as np
import sympy as sp
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from synthesis.science.render import Drawing, figure, finish
from synthesis.science.solid.camera import Camera, mix, shaded
from synthesis.science.solid.draw3d import axes3d, label, limits_for, pixel
from synthesis.science.solid.revolution_problem import X, Region
from synthesis.science.solid.text import latex
from synthesis.science.template import RenderContext

REGION_RECT = [0.13, 0.67, 0.80, 0.26]
SOLID_RECT = [0.02, 0.09, 0.96, 0.50]
ALONG, AROUND = 28, 40  # mesh of the surface: samples along x, around the axis


def sample_render(rng: np.random.Generator, ctx: RenderContext) -> dict:
    palette = ctx.theme.palette
    curve, solid = (int(i) for i in rng.permutation(len(palette))[:2])
    return {
        # Nearly side-on (azimuth near -90°) so the x axis runs across the page; a little
        # from the right so the end disk at x = b shows.
        "camera": [float(rng.integers(14, 26)), float(rng.integers(-82, -66))],
        "colors": {"curve": palette[curve][0], "solid": palette[solid][0]},
        "color_names": {"curve": palette[curve][1], "solid": palette[solid][1]},
        "grid": bool(rng.random() < 0.6),
    }


def _surface(xs: np.ndarray, ys: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Quads of the surface (x, f·cos θ, f·sin θ) and their outward normals, then the
    end disks (x = a first) where f is not zero."""
    t = np.linspace(0.0, 2 * np.pi, AROUND + 1)
    faces, normals = [], []
    for i in range(len(xs) - 1):
        for j in range(AROUND):
            quad = np.array([[xs[i], ys[i] * np.cos(t[j]), ys[i] * np.sin(t[j])],
                             [xs[i + 1], ys[i + 1] * np.cos(t[j]), ys[i + 1] * np.sin(t[j])],
                             [xs[i + 1], ys[i + 1] * np.cos(t[j + 1]), ys[i + 1] * np.sin(t[j + 1])],
                             [xs[i], ys[i] * np.cos(t[j + 1]), ys[i] * np.sin(t[j + 1])]])
            # radial direction minus the slope along x: outward for a surface of revolution
            mid = (t[j] + t[j + 1]) / 2
            slope = (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i])
            faces.append(quad)
            normals.append([-slope, np.cos(mid), np.sin(mid)])
    for x, y, sign in ((xs[0], ys[0], -1.0), (xs[-1], ys[-1], 1.0)):  # flat end disks
        if y > 1e-9:
            faces.append(np.column_stack([np.full(AROUND, x), y * np.cos(t[:-1]), y * np.sin(t[:-1])]))
            normals.append([sign, 0.0, 0.0])
    return faces, np.array(normals)


def draw(ctx: RenderContext, region: Region, render: dict, note: str) -> tuple[Drawing, dict]:
    camera = Camera(*render["camera"])
    a, b = region.a, region.b
    f = sp.lambdify(X, region.f, "numpy")
    xs = np.linspace(a, b, ALONG + 1)
    ys = np.broadcast_to(np.asarray(f(xs), dtype=float), xs.shape)
    top = float(ys.max())
    colors, ink, paper = render["colors"], ctx.theme.ink, ctx.theme.paper
    pad = 0.12 * (b - a)
    axis_end = np.array([b + 2 * pad, 0.0, 0.0])
    with figure(ctx, layout=None) as fig:
        ax = fig.add_axes(REGION_RECT)
        wide = np.linspace(a - pad, b + pad, 200)
        with np.errstate(all="ignore"):
            wide_y = np.broadcast_to(np.asarray(f(wide), dtype=float), wide.shape)
        ax.plot(wide, wide_y, color=colors["curve"], lw=2.0)
        ax.fill_between(xs, 0, ys, color=mix(colors["curve"], paper, 0.35), lw=0)
        ax.axhline(0.0, color=ink, lw=0.8)
        ax.set_xlim(a - pad, b + pad)
        ax.set_ylim(0, 1.15 * max(top, 1e-9))
        ax.set_xticks(range(a, b + 1))
        ax.grid(render["grid"])
        ax.set_xlabel("$x$", labelpad=1)
        ax.set_ylabel("$y$")
        ax.set_title(f"$y = {latex(region.f)}$,  ${a} \\leq x \\leq {b}$", fontsize=13)

        faces, normals = _surface(xs, ys)
        rim = top * np.array([[0, np.cos(t), np.sin(t)] for t in np.linspace(0, 2 * np.pi, 73)])
        points = np.vstack([np.vstack(faces), [[a - 2 * pad, 0, 0]], [axis_end]])
        limits = limits_for(points, 0.04)
        ax3 = axes3d(fig, SOLID_RECT, camera, limits, fit=points, fill=0.9)
        ax3.plot([a - 2 * pad, a], [0, 0], [0, 0], color=ink, lw=1.2, zorder=0)  # axis, behind the solid
        rgb = shaded(colors["solid"], paper, normals, camera)
        quads = ALONG * AROUND
        # Three collections of equal-sized polygons, drawn back to front: the disk at x = a
        # (turned away, the camera looks from the +x side), the depth-sorted side, the disk
        # at x = b (f is increasing or zero there, so nothing of the side hides it).
        parts = [(faces[quads:][:1], rgb[quads:][:1]) if ys[0] > 1e-9 else ([], []),
                 (faces[:quads], rgb[:quads]), (faces[quads:][-1:], rgb[quads:][-1:]) if ys[-1] > 1e-9 else ([], [])]
        for polys, colours in parts:
            if len(polys):
                collection = Poly3DCollection(polys, facecolors=colours, edgecolors="none", linewidths=0, zorder=1)
                collection.set_sketch_params(None)
                ax3.add_collection3d(collection)
        for x, y in ((a, ys[0]), (b, ys[-1])):  # end rims
            if y > 1e-9:
                ax3.plot(np.full(73, x), *(rim[:, 1:] * y / top).T, color=ink, lw=1.0, zorder=2)
        ax3.plot(xs, np.zeros_like(xs), ys, color=colors["curve"], lw=2.4, zorder=3)  # the revolved curve
        ax3.plot([b, axis_end[0]], [0, 0], [0, 0], color=ink, lw=1.2, zorder=3)
        label(ax3, axis_end + [0.3 * pad, 0, 0], "$x$", ha="left", va="center", fontsize=13, zorder=5)
        fig.text(0.5, 0.04, note, ha="center", va="center", fontsize=13)
        drawing = finish(fig)
        objects = {"axis_start": pixel(ax3, np.array([a, 0.0, 0.0]), drawing.height),
                   "axis_end": pixel(ax3, np.array([b, 0.0, 0.0]), drawing.height)}
    return drawing, objects
