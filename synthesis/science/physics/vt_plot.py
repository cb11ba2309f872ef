"""Draw a velocity–time polyline with each segment's signed area shaded and labelled."""

from __future__ import annotations

import numpy as np

from synthesis.science.physics.common import PLOT_BOX, canvas, eq
from synthesis.science.render import Drawing, figure, finish
from synthesis.science.template import RenderContext


def _signed(value) -> str:
    text = eq(value)  # "= 12" or "≈ 1.33"
    sign = "+" if float(value) > 0 else ""
    return f"{text[:2]}{sign}{text[2:]}"


def _inside(t0: float, t1: float, v0: float, v1: float) -> tuple[float, float]:
    """A spot inside the segment's shaded area: half-way up its middle, or, where v crosses
    zero, the centroid of the larger of its two triangles (the line runs through the middle)."""
    if v0 * v1 >= 0:
        return (t0 + t1) / 2, (v0 + v1) / 4
    cross = t0 + (t1 - t0) * v0 / (v0 - v1)
    if abs(v0) * (cross - t0) >= abs(v1) * (t1 - cross):
        return (2 * t0 + cross) / 3, v0 / 3
    return (cross + 2 * t1) / 3, v1 / 3


def plot(ctx: RenderContext, motion, colors: dict, grid: bool, attempt: int) -> tuple[Drawing, list[dict]]:
    """`attempt` > 0: smaller type, and on odd attempts the segment labels move to staggered
    rows along the top of the plot instead of sitting on their areas."""
    ctx = canvas(ctx)
    ts = np.array(motion.times, dtype=float)
    vs = np.array(motion.velocities, dtype=float)
    lo, hi = min(0.0, vs.min()), max(0.0, vs.max())
    pad = 0.3 * max(hi - lo, 1.0)
    size = 10.0 * 0.92**attempt
    ink = ctx.theme.ink
    with figure(ctx, layout=None) as fig:
        ax = fig.add_axes(PLOT_BOX)
        ax.set_xlim(ts[0] - 0.03 * ts[-1], ts[-1] * 1.03)
        ax.set_ylim(lo - pad, hi + pad)
        ax.axhline(0.0, color=ink, lw=1.0)
        fine = np.linspace(ts[0], ts[-1], 600)
        v_fine = np.interp(fine, ts, vs)
        ax.fill_between(fine, 0.0, v_fine, where=v_fine >= 0, interpolate=True, color=colors["positive"],
                        alpha=0.3, lw=0)
        ax.fill_between(fine, 0.0, v_fine, where=v_fine <= 0, interpolate=True, color=colors["negative"],
                        alpha=0.3, lw=0, hatch="//")  # hatched too: tells the signs apart in grey themes
        for t in ts[1:-1]:  # segment borders
            ax.axvline(t, color=ink, lw=0.6, ls=":", alpha=0.7)
        ax.plot(ts, vs, color=colors["line"], lw=2.2, marker="o", ms=5)
        staggered = attempt % 2 == 1
        for i, (t0, t1, v0, v1, area) in enumerate(zip(ts, ts[1:], vs, vs[1:], motion.segments), 1):
            if staggered:
                x, y = (t0 + t1) / 2, hi + pad * (0.55 if i % 2 else 0.2)
            else:
                x, y = _inside(t0, t1, v0, v1)
            ax.text(x, y, f"$\\Delta x_{{{i}}}$\n{_signed(area)} m", ha="center", va="center",
                    fontsize=size, linespacing=1.15)
        ax.set_xlabel("t (s)")
        ax.set_ylabel("v (m/s)")
        ax.set_title(f"net displacement {eq(motion.displacement)} m,  distance {eq(motion.distance)} m")
        if grid:
            ax.grid(True)
        drawing = finish(fig)
        objects = []
        for t, v in zip(ts, vs):
            u, w = ax.transData.transform((t, v))
            objects.append({"label": "knot", "data": [float(t), float(v)],
                            "point": [round(float(u), 2), round(float(drawing.height - w), 2)]})
    return drawing, objects
