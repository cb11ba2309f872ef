"""Draw a projectile's trajectory with its launch velocity, apex, landing point and the
dimension lines of the maximum height and the range."""

from __future__ import annotations

import numpy as np

from synthesis.science.physics.common import PLOT_BOX, canvas, dec, eq
from synthesis.science.render import Drawing, figure, finish
from synthesis.science.template import RenderContext

SAMPLES = 300


def _px(ax, x: float, y: float, height: int) -> list[float]:
    u, v = ax.transData.transform((x, y))
    return [round(float(u), 2), round(float(height - v), 2)]


def plot(ctx: RenderContext, tr, colors: dict, grid: bool, attempt: int) -> tuple[Drawing, list[dict]]:
    """`attempt` > 0 re-lays the labels out (smaller type, other spots) after a collision."""
    ctx = canvas(ctx)
    t_end, rng_x, top = float(tr.flight_time), float(tr.range), float(tr.max_height)
    x_apex, t_apex = float(tr.apex_x), float(tr.apex_time)
    ts = np.linspace(0.0, t_end, SAMPLES)
    vx = tr.v0 * np.cos(np.radians(tr.angle))
    ys = tr.h0 + tr.v0 * np.sin(np.radians(tr.angle)) * ts - 4.9 * ts**2  # only for the drawing
    xs = vx * ts
    size = 10.5 * 0.92**attempt
    ink = ctx.theme.ink
    with figure(ctx, layout=None) as fig:
        ax = fig.add_axes(PLOT_BOX)
        left = -0.24 * rng_x if tr.h0 else -0.2 * rng_x  # room for the v0 label left of the arrow
        ax.set_xlim(left, 1.28 * rng_x)
        ax.set_ylim(-0.2 * top, 1.32 * top)
        ax.axhline(0.0, color=ink, lw=1.2)
        if tr.h0:  # the ledge the ball leaves from, labelled on top (left of the launch point)
            ax.fill_between([-0.1 * rng_x, 0.0], 0.0, tr.h0, color=ink, alpha=0.18, lw=0)
            ax.plot([0.0, 0.0], [0.0, tr.h0], color=ink, lw=1.2)
            label = f"$h_0$ = {tr.h0} m"
            ledge_px = tr.h0 / (1.52 * top) * PLOT_BOX[3] * ctx.size_px
            if ledge_px > 1.3 * len(label) * size * ctx.dpi / 72 * 0.45:  # fits upright inside the ledge
                ax.text(-0.05 * rng_x, tr.h0 / 2, label, rotation=90, ha="center", va="center", fontsize=size)
            else:
                ax.annotate(label, xy=(0.0, tr.h0), xytext=(-4, 3), textcoords="offset points",
                            ha="right", va="bottom", fontsize=size)
        ax.plot(xs, ys, color=colors["path"], lw=2.2)
        # launch velocity along the tangent, so it looks tangent whatever the aspect
        # short enough to stay well below the apex (its label sits there)
        vy = tr.v0 * np.sin(np.radians(tr.angle))
        arrow = min(0.16 * rng_x / vx, 0.45 * (top - tr.h0) / vy)
        tip = (vx * arrow, tr.h0 + vy * arrow)
        ax.annotate("", xy=tip, xytext=(0.0, tr.h0),
                    arrowprops={"arrowstyle": "-|>", "color": colors["velocity"], "lw": 2.0, "mutation_scale": 16})
        ax.plot([0.0, 0.12 * rng_x], [tr.h0, tr.h0], color=ink, lw=0.9, ls=":")
        # the parabola lies below its tangent: left of the arrow is free of it
        at_tip = attempt % 2 == 0
        anchor = tip if at_tip else (tip[0] / 2, (tr.h0 + tip[1]) / 2)
        ax.annotate(f"$v_0$ = {tr.v0} m/s", xy=anchor, xytext=(-6, 3) if at_tip else (-9, 0),
                    textcoords="offset points", ha="right", va="bottom" if at_tip else "center", fontsize=size,
                    color=colors["velocity"])
        ax.annotate(f"θ = {tr.angle}°", xy=(0.12 * rng_x, tr.h0), xytext=(4, 2), textcoords="offset points",
                    ha="left", va="bottom", fontsize=size)
        # apex and landing
        ax.scatter([x_apex, rng_x], [top, 0.0], s=46, color=colors["marks"], zorder=4)
        apex = f"apex ({dec(x_apex)}, {dec(top)}) m" + ("\n" if attempt >= 2 else ", ") + f"t {eq(t_apex)} s"
        ax.annotate(apex, xy=(x_apex, top), xytext=(0, 7), textcoords="offset points", ha="center", va="bottom",
                    fontsize=size, color=colors["marks"], linespacing=1.1)
        ax.annotate(f"lands\nT {eq(t_end)} s", xy=(rng_x, 0.0), xytext=(6, 5), textcoords="offset points",
                    ha="left", va="bottom", fontsize=size, color=colors["marks"], linespacing=1.1)
        # dimension lines: H from the ground to the apex, R along the ground
        dim = {"arrowstyle": "<|-|>", "color": ink, "lw": 1.0, "mutation_scale": 9, "shrinkA": 0, "shrinkB": 0}
        ax.annotate("", xy=(x_apex, 0.0), xytext=(x_apex, top), arrowprops={**dim, "ls": "--"})
        ax.annotate(f"H {eq(top)} m", xy=(x_apex, top * 0.45), xytext=(5, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=size)
        ax.annotate("", xy=(0.0, -0.08 * top), xytext=(rng_x, -0.08 * top), arrowprops=dim)
        ax.annotate(f"range R {eq(rng_x)} m", xy=(rng_x / 2, -0.08 * top), xytext=(0, -3),
                    textcoords="offset points", ha="center", va="top", fontsize=size)
        ax.set_xlabel("x (m)")
        ax.set_ylabel("y (m)")
        ax.set_title("Projectile motion (g = 9.8 m/s²)")
        if grid:
            ax.grid(True)
        drawing = finish(fig)
        marks = [
            {"label": "launch", "data": [0.0, float(tr.h0)], "point": _px(ax, 0.0, tr.h0, drawing.height)},
            {"label": "apex", "data": [round(x_apex, 6), round(top, 6)], "point": _px(ax, x_apex, top, drawing.height)},
            {"label": "landing", "data": [round(rng_x, 6), 0.0], "point": _px(ax, rng_x, 0.0, drawing.height)},
        ]
    return drawing, marks

