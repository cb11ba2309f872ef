"""Draw a thin-lens ray diagram: optical axis, lens, focal points, object, the three
principal rays and the image (dashed backward extensions when it is virtual).

Heights are stretched against distances (objects are cm tall, distances tens of cm);
straight rays stay straight and meet where they meet under any axis scaling.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Polygon

from synthesis.science.physics.common import PLOT_BOX, canvas, eq, num
from synthesis.science.render import Drawing, figure, finish
from synthesis.science.template import RenderContext


def _rays(img) -> list[dict]:
    """Each principal ray: where it meets the lens and its height y(x) after the lens."""
    f, d_o, h = (float(v) for v in (img.f, img.d_o, img.h_o))
    y3 = h * f / (f - d_o)
    return [
        {"name": "parallel ray", "lens_y": h, "after": lambda x: h * (1 - x / f)},
        {"name": "central ray", "lens_y": 0.0, "after": lambda x: -h * x / d_o},
        {"name": "focal ray", "lens_y": y3, "after": lambda x: y3 + 0.0 * x},
    ]


def _lens_shape(f: float, half: float, width: float) -> np.ndarray:
    """Outline of a biconvex (f > 0) or biconcave (f < 0) lens, `half` tall, `width` wide."""
    ys = np.linspace(-half, half, 41)
    bulge = width * (1 - (ys / half) ** 2)
    if f > 0:
        right, left = bulge, -bulge
    else:
        right, left = width * 1.2 - bulge, -(width * 1.2 - bulge)
    return np.vstack([np.column_stack([right, ys]), np.column_stack([left[::-1], ys[::-1]])])


def draw(ctx: RenderContext, img, colors: dict, attempt: int) -> tuple[Drawing, list[dict]]:
    ctx = canvas(ctx)
    f, d_o, h, d_i, h_i = (float(v) for v in (img.f, img.d_o, img.h_o, img.d_i, img.h_i))
    rays = _rays(img)
    tall = max(h, abs(h_i), max(abs(r["lens_y"]) for r in rays))
    left = min(-d_o, d_i, -abs(f))
    right = max(d_i, abs(f), 0.35 * d_o)
    span = right - left
    x0, x1 = left - 0.12 * span, right + 0.18 * span
    y_max = 1.5 * tall
    size = 10.5 * 0.92**attempt
    ink = ctx.theme.ink
    with figure(ctx, layout=None) as fig:
        ax = fig.add_axes(PLOT_BOX)
        ax.set_xlim(x0, x1)
        ax.set_ylim(-y_max, y_max)
        for spine in ("left", "right", "top"):
            ax.spines[spine].set_visible(False)
        ax.set_yticks([])
        ax.set_xlabel("position along the axis (cm), lens at 0")
        ax.axhline(0.0, color=ink, lw=1.0)
        lens_half = 1.12 * tall
        outline = _lens_shape(f, lens_half, 0.012 * (x1 - x0))
        ax.add_patch(Polygon(outline, closed=True, facecolor=colors["rays"], alpha=0.15, edgecolor=ink, lw=1.0))
        ax.plot([0.0, 0.0], [-lens_half, lens_half], color=ink, lw=1.0, ls=(0, (2, 2)))
        below = attempt % 2 == 0  # focal-point labels under the axis, else above
        for x in (-abs(f), abs(f)):
            ax.scatter([x], [0.0], s=24, color=ink, zorder=5)
            ax.annotate("F", xy=(x, 0.0), xytext=(0, -5 if below else 5), textcoords="offset points",
                        ha="center", va="top" if below else "bottom", fontsize=size)
        arrow = {"arrowstyle": "-|>", "lw": 2.4, "mutation_scale": 16, "shrinkA": 0, "shrinkB": 0}
        ax.annotate("", xy=(-d_o, h), xytext=(-d_o, 0.0), arrowprops={**arrow, "color": colors["object"]})
        ax.annotate("object", xy=(-d_o, 0.0), xytext=(0, -5), textcoords="offset points", ha="center", va="top",
                    fontsize=size, color=colors["object"])
        dashed = {"ls": (0, (4, 3)), "lw": 1.2}
        ax.annotate("", xy=(d_i, h_i), xytext=(d_i, 0.0),
                    arrowprops={**arrow, "color": colors["image"], **({} if img.real else {"ls": "--"})})
        # beyond the image's tip, away from the axis: clear of the object and F labels under the axis
        ax.annotate("image", xy=(d_i, h_i), xytext=(0, 5 if h_i > 0 else -5), textcoords="offset points",
                    ha="center", va="bottom" if h_i > 0 else "top", fontsize=size, color=colors["image"])
        for ray in rays:
            y_lens = ray["lens_y"]
            ax.plot([-d_o, 0.0], [h, y_lens], color=colors["rays"], lw=1.5)
            ax.plot([0.0, x1], [y_lens, ray["after"](x1)], color=colors["rays"], lw=1.5)
            if not img.real:  # the outgoing ray only seems to come from the image
                ax.plot([d_i, 0.0], [ray["after"](d_i), y_lens], color=colors["rays"], **dashed, alpha=0.8)
        if f > 0 and d_o < f:  # the focal ray seems to come from F behind the object
            ax.plot([-f, -d_o], [0.0, h], color=colors["rays"], **dashed, alpha=0.8)
        # distances as dimension lines: d_o above the diagram, d_i below
        dim = {"arrowstyle": "<|-|>", "color": ink, "lw": 0.9, "mutation_scale": 9, "shrinkA": 0, "shrinkB": 0}
        top, bottom = 1.32 * tall, -1.32 * tall
        ax.annotate("", xy=(-d_o, top), xytext=(0.0, top), arrowprops=dim)
        ax.annotate(f"$d_o$ = {num(img.d_o)} cm", xy=(-d_o / 2, top), xytext=(0, 3), textcoords="offset points",
                    ha="center", va="bottom", fontsize=size)
        ax.annotate("", xy=(0.0, bottom), xytext=(d_i, bottom), arrowprops=dim)
        ax.annotate(f"$d_i$ {eq(img.d_i)} cm", xy=(d_i / 2, bottom), xytext=(0, -3), textcoords="offset points",
                    ha="center", va="top", fontsize=size)
        nature = f"{'real' if img.real else 'virtual'}, {'upright' if img.upright else 'inverted'}"
        kind = "Converging" if f > 0 else "Diverging"
        ax.set_title(f"{kind} lens, f = {num(img.f)} cm\nimage: {nature}, m {eq(img.m)}", linespacing=1.3)
        drawing = finish(fig)
        objects = []
        for label, (x, y) in (("object tip", (-d_o, h)), ("image tip", (d_i, h_i)), ("F", (-abs(f), 0.0)),
                              ("F", (abs(f), 0.0)), ("lens centre", (0.0, 0.0))):
            u, v = ax.transData.transform((x, y))
            objects.append({"label": label, "data": [round(x, 6), round(y, 6)],
                            "point": [round(float(u), 2), round(float(drawing.height - v), 2)]})
    return drawing, objects
