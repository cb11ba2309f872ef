"""Draw a block on an incline with its weight, normal-force and friction arrows.

Arrow lengths are proportional to the forces (one scale for all three), all drawn from
the block's centre; the figure uses equal aspect so the normal force looks normal.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Arc, Polygon

from synthesis.science.physics.common import canvas, eq, num
from synthesis.science.render import Drawing, figure, finish
from synthesis.science.template import RenderContext

BASE = 10.0  # the incline's horizontal length
BLOCK = 1.7  # the block's side
AXES_BOX = (0.03, 0.03, 0.94, 0.86)  # left, bottom, width, height (figure fractions)


def _window(points: np.ndarray, pad: float, aspect: float) -> tuple[float, float, float, float]:
    """Limits around `points` with the axes' width/height `aspect`, so equal scaling fills it."""
    (x0, y0), (x1, y1) = points.min(axis=0) - pad, points.max(axis=0) + pad
    w, h = x1 - x0, y1 - y0
    if w / h < aspect:
        grow = (h * aspect - w) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = (w / aspect - h) / 2
        y0, y1 = y0 - grow, y1 + grow
    return x0, x1, y0, y1


def draw(ctx: RenderContext, f, colors: dict, mirror: bool, attempt: int) -> tuple[Drawing, list[dict]]:
    ctx = canvas(ctx)
    theta = np.radians(f.angle)
    side = -1.0 if mirror else 1.0  # mirror: the slope rises to the left
    up_slope = np.array([side * np.cos(theta), np.sin(theta)])
    out_of_slope = np.array([-side * np.sin(theta), np.cos(theta)])
    foot, corner = np.array([0.0, 0.0]), np.array([side * BASE, 0.0])
    top = np.array([side * BASE, BASE * np.tan(theta)])
    along = 0.55 * BASE / np.cos(theta)
    contact = foot + along * up_slope
    centre = contact + BLOCK / 2 * out_of_slope
    block = np.array([contact - BLOCK / 2 * up_slope, contact + BLOCK / 2 * up_slope,
                      contact + BLOCK / 2 * up_slope + BLOCK * out_of_slope,
                      contact - BLOCK / 2 * up_slope + BLOCK * out_of_slope])
    per_newton = 0.32 * BASE / float(f.weight)  # one length scale for every force
    arrows = [("weight", np.array([0.0, -1.0]), f"W = mg {eq(f.weight)} N"),
              ("normal", out_of_slope, f"N {eq(f.normal)} N")]
    if f.mu:
        arrows.append(("friction", up_slope, f"f {eq(f.friction)} N"))
    # weight and normal force act at the centre; friction along the contact face, drawn from
    # the block's uphill edge so that a short arrow is not hidden under the block
    starts = {"weight": centre, "normal": centre, "friction": contact + BLOCK / 2 * up_slope}
    tips = {role: starts[role] + direction * float(getattr(f, role)) * per_newton for role, direction, _ in arrows}
    size = 11.0 * 0.92**attempt
    ink = ctx.theme.ink
    aspect = (AXES_BOX[2] * ctx.size_px) / (AXES_BOX[3] * ctx.size_px)
    x0, x1, y0, y1 = _window(np.vstack([foot, corner, top, *tips.values()]), 0.16 * BASE, aspect)
    with figure(ctx, layout=None) as fig:
        ax = fig.add_axes(AXES_BOX)
        ax.set_axis_off()
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.add_patch(Polygon([foot, corner, top], closed=True, facecolor=ink, alpha=0.1, edgecolor="none"))
        ax.add_patch(Polygon([foot, corner, top], closed=True, fill=False, edgecolor=ink, lw=1.6))
        ax.plot([foot[0] - side * 0.1 * BASE, corner[0] + side * 0.1 * BASE], [0.0, 0.0], color=ink, lw=1.2)
        ax.add_patch(Polygon(block, closed=True, facecolor=colors["block"], alpha=0.35, edgecolor=ink, lw=1.4))
        arc_r = 0.22 * BASE
        start = 180.0 - f.angle if mirror else 0.0
        ax.add_patch(Arc(foot, 2 * arc_r, 2 * arc_r, theta1=start, theta2=start + f.angle, color=ink, lw=1.2))
        mid = np.radians(start + f.angle / 2)
        ax.text(foot[0] + 1.3 * arc_r * np.cos(mid), 1.3 * arc_r * np.sin(mid), f"θ = {f.angle}°",
                ha="center", va="center", fontsize=size)
        for role, direction, label in arrows:
            tip = tips[role]
            ax.annotate("", xy=tip, xytext=starts[role],
                        arrowprops={"arrowstyle": "-|>", "color": colors[role], "lw": 2.4, "mutation_scale": 18,
                                    "shrinkA": 0, "shrinkB": 0}, zorder=5)
            if role == "friction":  # written along the slope, just above it, from the block's edge
                offset = out_of_slope * 4 + up_slope * 2
                ax.annotate(label, xy=starts[role], xytext=tuple(offset), textcoords="offset points",
                            ha="right" if mirror else "left", va="bottom", rotation=side * f.angle,
                            rotation_mode="anchor", fontsize=size, color=colors[role])
                continue
            ha = "center" if abs(direction[0]) < 0.3 else "left" if direction[0] > 0 else "right"
            va = "bottom" if direction[1] > 0.3 else "top" if direction[1] < -0.3 else "center"
            ax.annotate(label, xy=tip, xytext=tuple(direction * 5), textcoords="offset points", ha=ha, va=va,
                        fontsize=size, color=colors[role])
        ax.scatter([centre[0]], [centre[1]], s=18, color=ink, zorder=6)
        motion = (f"$F_{{\\mathrm{{net}}}}$ {eq(f.net)} N down the slope\n$a$ {eq(f.acceleration)} m/s²" if f.slides
                  else "$F_{\\mathrm{net}}$ = 0 (static friction holds it)\n$a$ = 0")
        info = f"m = {f.mass} kg,  μ = {num(f.mu)}\n" + motion
        left_side = not mirror if attempt < 3 else mirror
        ax.text(0.01 if left_side else 0.99, 0.99, info, transform=ax.transAxes, ha="left" if left_side else "right",
                va="top", fontsize=size, linespacing=1.4)
        ax.set_title("Block on an incline (g = 9.8 m/s²)")
        drawing = finish(fig)
        objects = []
        for role, direction, _ in arrows:
            u0, v0 = ax.transData.transform(starts[role])
            u1, v1 = ax.transData.transform(tips[role])
            objects.append({"label": role, "from": [round(float(u0), 2), round(float(drawing.height - v0), 2)],
                            "to": [round(float(u1), 2), round(float(drawing.height - v1), 2)],
                            "magnitude": round(float(getattr(f, role)), 6)})
    return drawing, objects
