"""Plot f, f′ and the points where f′ = 0."""

from __future__ import annotations

import numpy as np
import sympy as sp
from matplotlib.ticker import FixedLocator

from synthesis.science.functions.problems import X
from synthesis.science.render import Drawing, figure, finish, mathtext
from synthesis.science.template import RenderContext

SAMPLES = 800


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


def plot(ctx: RenderContext, render: dict, f: sp.Expr, df: sp.Expr, lo: sp.Expr, hi: sp.Expr,
         points: list[list[float]]) -> tuple[Drawing, list[list[float]]]:
    """The drawing and each marked point's pixel position (x right, y down)."""
    xs = np.linspace(float(lo), float(hi), SAMPLES)
    with np.errstate(all="ignore"):
        ys = np.broadcast_to(sp.lambdify(X, f, "numpy")(xs), xs.shape)
        dys = np.broadcast_to(sp.lambdify(X, df, "numpy")(xs), xs.shape)
    colors = render["colors"]
    with figure(ctx) as fig:
        ax = fig.add_subplot()
        ax.axhline(0.0, color=ctx.theme.ink, lw=0.8, alpha=0.5, zorder=1)
        ax.plot(xs, ys, color=colors["f"], lw=2.2, label="$f(x)$", zorder=2)
        ax.plot(xs, dys, color=colors["df"], lw=1.8, ls="--", label="$f'(x)$", zorder=2)
        if points:
            px, py = np.array(points, dtype=float).T
            ax.vlines(px, np.minimum(py, 0.0), np.maximum(py, 0.0), colors=colors["points"], lw=0.9, ls=":")
            ax.scatter(px, np.zeros_like(px), s=28, facecolors=ctx.theme.paper, edgecolors=colors["points"], zorder=3)
            ax.scatter(px, py, s=48, color=colors["points"], zorder=4, label="$f'(x) = 0$")
        if render["pi_ticks"]:
            _pi_ticks(ax, lo, hi)
        ax.set_xlim(float(lo), float(hi))
        if render["grid"]:
            ax.grid(True)
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        ax.set_title(f"$f(x) = {mathtext(f)}$")
        # Outside the axes, the legend can never hide a marked point.
        fig.legend(loc="outside lower center", ncols=3)
        drawing = finish(fig)
        marks = [[round(float(u), 2), round(float(drawing.height - v), 2)]
                 for u, v in (ax.transData.transform(points) if points else [])]
    return drawing, marks
