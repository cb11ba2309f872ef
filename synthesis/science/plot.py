"""Plot f, f′ and the points where f′ = 0 with matplotlib (Agg, no TeX), as PNG bytes.

Uses the object API (no pyplot state) inside matplotlib's "default" style, so rcParams
set elsewhere in the process or in a matplotlibrc cannot change the bytes.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.style  # noqa: E402
import numpy as np  # noqa: E402
import sympy as sp  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FixedLocator  # noqa: E402

from synthesis.science.functions import X  # noqa: E402

SAMPLES = 800


def mathtext(expr: sp.Expr) -> str:
    """sympy LaTeX that matplotlib's mathtext parses (it lacks \\limits and \\operatorname)."""
    return sp.latex(expr).replace("\\limits", "").replace("\\operatorname", "\\mathrm")


def _pi_ticks(ax, lo: sp.Expr, hi: sp.Expr) -> None:
    """x ticks at multiples of π/2 (at most 9), labelled in π."""
    step = sp.pi / 2
    ks = range(int(sp.ceiling(lo / step)), int(sp.floor(hi / step)) + 1)
    if len(ks) > 9:
        step = sp.pi
        ks = range(int(sp.ceiling(lo / step)), int(sp.floor(hi / step)) + 1)
    values = [k * step for k in ks]
    ax.xaxis.set_major_locator(FixedLocator([float(v) for v in values]))
    ax.set_xticklabels([f"${sp.latex(v)}$" for v in values])


def _box(bbox, height: float) -> list[float]:
    """A display bbox as [left, top, right, bottom] image px (y down)."""
    return [round(v, 2) for v in (bbox.x0, height - bbox.y1, bbox.x1, height - bbox.y0)]


def plot(spec: dict, f: sp.Expr, df: sp.Expr, points: list[list[float]]) -> tuple[bytes, dict]:
    """PNG bytes and pixel geometry: each point (x right, y down), axes and legend boxes."""
    lo, hi = sp.sympify(spec["interval"][0]), sp.sympify(spec["interval"][1])
    xs = np.linspace(float(lo), float(hi), SAMPLES)
    with np.errstate(all="ignore"):
        ys = np.broadcast_to(sp.lambdify(X, f, "numpy")(xs), xs.shape)
        dys = np.broadcast_to(sp.lambdify(X, df, "numpy")(xs), xs.shape)
    colors = spec["colors"]
    size, dpi = spec["size_px"], spec["dpi"]
    with matplotlib.style.context("default"):
        # Constrained layout: room for the title, labels and a legend outside the axes,
        # where it can never hide a marked point.
        fig = Figure(figsize=(size / dpi, size / dpi), dpi=dpi, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.axhline(0.0, color="0.55", lw=0.8, zorder=1)
        ax.plot(xs, ys, color=colors["f"], lw=2.2, label="$f(x)$", zorder=2)
        ax.plot(xs, dys, color=colors["df"], lw=1.8, ls="--", label="$f'(x)$", zorder=2)
        if points:
            px, py = np.array(points, dtype=float).T
            ax.vlines(px, np.minimum(py, 0.0), np.maximum(py, 0.0), colors=colors["points"], lw=0.9, ls=":")
            ax.scatter(px, np.zeros_like(px), s=28, facecolors="white", edgecolors=colors["points"], zorder=3)
            ax.scatter(px, py, s=48, color=colors["points"], zorder=4, label="$f'(x) = 0$")
        if spec["pi_ticks"]:
            _pi_ticks(ax, lo, hi)
        ax.set_xlim(float(lo), float(hi))
        if spec["grid"]:
            ax.grid(True, alpha=0.35)
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        ax.set_title(f"$f(x) = {mathtext(f)}$", fontsize=13)
        legend = fig.legend(loc=spec["legend_loc"], ncols=3, frameon=False)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        height = fig.bbox.height
        geometry = {
            "points": [
                [round(float(u), 2), round(float(height - v), 2)]
                for u, v in (ax.transData.transform(points) if points else [])
            ],
            "axes": _box(ax.bbox, height),
            "legend": _box(legend.get_window_extent(), height),
        }
    return buffer.getvalue(), geometry
