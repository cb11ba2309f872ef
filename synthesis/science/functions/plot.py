"""Plotting for the functions family: sampling curves, π ticks, notes placed where they
hide the least, and `plot` (f, f′ and the points where f′ = 0) for functions.derivative."""

from __future__ import annotations

import numpy as np
import sympy as sp
from matplotlib.ticker import FixedLocator

from synthesis.science.functions.problems import X
from synthesis.science.render import Drawing, figure, finish, mathtext
from synthesis.science.template import RenderContext

SAMPLES = 800


def pi_ticks(ax, lo: sp.Expr, hi: sp.Expr) -> None:
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
            pi_ticks(ax, lo, hi)
        ax.set_xlim(float(lo), float(hi))
        if render["grid"]:
            ax.grid(True)
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        title = ax.set_title(f"$f(x) = {mathtext(f)}$")
        # Outside the axes, the legend can never hide a marked point.
        fit_legend(fig, 3)
        fit_width(fig, [title])
        drawing = finish(fig)
        marks = [[round(float(u), 2), round(float(drawing.height - v), 2)]
                 for u, v in (ax.transData.transform(points) if points else [])]
    return drawing, marks


# ---------------------------------------------------------------- shared helpers

def curve(f: sp.Expr, lo: float, hi: float, n: int = SAMPLES) -> tuple[np.ndarray, np.ndarray]:
    """n samples of f on [lo, hi]; NaN where f is undefined or not finite."""
    xs = np.linspace(float(lo), float(hi), n)
    with np.errstate(all="ignore"):
        ys = np.array(np.broadcast_to(sp.lambdify(X, f, "numpy")(xs), xs.shape), dtype=float)
    ys[~np.isfinite(ys)] = np.nan
    return xs, ys


def y_limits(*ys: np.ndarray, pad: float = 0.12, min_span: float = 1.0) -> tuple[float, float]:
    """Limits that show every finite value in `ys`, padded by `pad` of the span."""
    values = np.concatenate([np.asarray(y, dtype=float).ravel() for y in ys])
    values = values[np.isfinite(values)]
    lo, hi = float(values.min()), float(values.max())
    if hi - lo < min_span:
        mid = (lo + hi) / 2
        lo, hi = mid - min_span / 2, mid + min_span / 2
    span = hi - lo
    return lo - pad * span, hi + pad * span


def frame(ctx: RenderContext, ax, render: dict, lo: sp.Expr, hi: sp.Expr, *, xlabel: bool = True) -> None:
    """The x axis line, limits, π ticks, grid and axis labels every plot here shares."""
    ax.axhline(0.0, color=ctx.theme.ink, lw=0.8, alpha=0.5, zorder=1)
    if render.get("pi_ticks"):
        pi_ticks(ax, lo, hi)
    ax.set_xlim(float(lo), float(hi))
    if render.get("grid"):
        ax.grid(True)
    if xlabel:
        ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")


def fit_width(fig, texts, margin_px: float = 6.0, min_size: float = 7.0) -> None:
    """Shrink each text's font until it lies inside the figure's width (a title of a long
    formula, centred over axes that sit right of the y tick labels). Lays the figure out
    to measure."""
    renderer = fig.canvas.get_renderer()
    while True:
        fig.draw_without_rendering()
        too_wide = []
        for text in texts:
            extent = text.get_window_extent(renderer)
            if (extent.x0 < margin_px or extent.x1 > fig.bbox.width - margin_px) and text.get_fontsize() > min_size:
                too_wide.append(text)
        if not too_wide:
            return
        for text in too_wide:
            text.set_fontsize(text.get_fontsize() - 1)


NOTE_SPOTS = (  # (x, y, ha, va) in axes fractions, in order of preference on ties
    (0.02, 0.98, "left", "top"), (0.98, 0.98, "right", "top"), (0.02, 0.02, "left", "bottom"),
    (0.98, 0.02, "right", "bottom"), (0.5, 0.98, "center", "top"), (0.5, 0.02, "center", "bottom"),
    (0.02, 0.5, "left", "center"), (0.98, 0.5, "right", "center"),
)


def place_note(fig, ax, text: str, avoid: list[np.ndarray], *, color: str, ink: str, paper: str,
               marks=(), fontsize: float = 12.0, min_size: float = 7.0):
    """Put a boxed note (ink text, a `color` frame) inside the axes where it covers no
    other text of the axes, none of the `marks` (data (x, y): marked points) and the
    fewest of the `avoid` points (arrays of data (x, y), shape (n, 2)).

    Call it once the axes' limits are final: the layout is drawn first, so the note's
    size and the candidate spots are measured in display pixels."""
    fig.draw_without_rendering()  # the layout, without rasterising
    renderer = fig.canvas.get_renderer()
    axes_box = ax.get_window_extent(renderer)
    points = np.concatenate([np.asarray(a, dtype=float).reshape(-1, 2) for a in avoid] or [np.empty((0, 2))])
    points = points[np.all(np.isfinite(points), axis=1)]
    pixels = ax.transData.transform(points) if len(points) else np.empty((0, 2))
    marked = np.asarray(marks, dtype=float).reshape(-1, 2)
    marked = ax.transData.transform(marked) if len(marked) else np.empty((0, 2))
    others = [t.get_window_extent(renderer) for t in ax.texts]
    note = ax.text(0.0, 0.0, text, transform=ax.transAxes, fontsize=fontsize, color=ink, zorder=6,
                   multialignment="left",
                   bbox={"boxstyle": "round,pad=0.35", "facecolor": paper, "edgecolor": color, "linewidth": 1.5,
                         "alpha": 0.9})
    while True:
        extent = note.get_window_extent(renderer)
        if extent.width <= 0.94 * axes_box.width or note.get_fontsize() <= min_size:
            break
        note.set_fontsize(note.get_fontsize() - 1)
    # The text's extent leaves out its box: pad by the box's padding (0.35 em) and a bit.
    pad = 0.35 * note.get_fontsize() * fig.dpi / 72 + 3
    w, h = extent.width + 2 * pad, extent.height + 2 * pad
    best = None
    for i, (fx, fy, ha, va) in enumerate(NOTE_SPOTS):
        ax_x = axes_box.x0 + fx * axes_box.width
        ax_y = axes_box.y0 + fy * axes_box.height
        x0 = {"left": ax_x, "center": ax_x - w / 2, "right": ax_x - w}[ha]
        y0 = {"bottom": ax_y, "center": ax_y - h / 2, "top": ax_y - h}[va]
        def inside(p, grow=0.0):
            return int(np.sum((p[:, 0] >= x0 - grow) & (p[:, 0] <= x0 + w + grow)
                              & (p[:, 1] >= y0 - grow) & (p[:, 1] <= y0 + h + grow)))

        clash = sum(1 for o in others if o.x0 < x0 + w and x0 < o.x1 and o.y0 < y0 + h and y0 < o.y1)
        score = (clash + inside(marked, grow=8.0), inside(pixels), i)
        if best is None or score < best[0]:
            best = (score, fx, fy, ha, va, pad)
    _, fx, fy, ha, va, pad = best
    # Inset by the box's padding so the box, not only the text, stays inside the axes.
    dx = {"left": pad, "center": 0.0, "right": -pad}[ha] / axes_box.width
    dy = {"bottom": pad, "center": 0.0, "top": -pad}[va] / axes_box.height
    note.set_position((fx + dx, fy + dy))
    note.set_horizontalalignment(ha)
    note.set_verticalalignment(va)
    return note


def pixels(ax, height: float, points) -> list[list[float]]:
    """Data points as image pixels (x right, y down), after the figure was drawn."""
    if not len(points):
        return []
    return [[round(float(u), 2), round(float(height - v), 2)]
            for u, v in ax.transData.transform(np.asarray(points, dtype=float).reshape(-1, 2))]


def pick_colors(rng: np.random.Generator, palette, roles: tuple[str, ...]) -> tuple[dict, dict]:
    """A random palette colour per role, distinct while the palette lasts:
    ({role: hex}, {role: English name})."""
    order = rng.permutation(len(palette))
    picks = {role: palette[int(order[i % len(order)])] for i, role in enumerate(roles)}
    return {r: c[0] for r, c in picks.items()}, {r: c[1] for r, c in picks.items()}


def place_text(fig, ax, text: str, spots: list[dict], avoid: np.ndarray, taken: list, *, pad_px: float = 4.0,
               **kwargs):
    """Add `text` at the first best of `spots` (dicts of x, y in data coordinates and any
    of ha, va, rotation): inside the axes, clear of the boxes in `taken` (display
    extents, which the chosen box joins), then covering the fewest `avoid` points
    (data (x, y), shape (n, 2)). Draw the figure (final limits) before the first call."""
    renderer = fig.canvas.get_renderer()
    axes_box = ax.get_window_extent(renderer)
    pts = np.asarray(avoid, dtype=float).reshape(-1, 2)
    pts = ax.transData.transform(pts[np.all(np.isfinite(pts), axis=1)]) if len(pts) else np.empty((0, 2))
    label = ax.text(0, 0, text, **kwargs)
    best = None
    for i, spot in enumerate(spots):
        label.set_position((spot["x"], spot["y"]))
        label.set_horizontalalignment(spot.get("ha", "center"))
        label.set_verticalalignment(spot.get("va", "center"))
        label.set_rotation(spot.get("rotation", 0))
        e = label.get_window_extent(renderer)
        x0, y0, x1, y1 = e.x0 - pad_px, e.y0 - pad_px, e.x1 + pad_px, e.y1 + pad_px
        outside = int(x0 < axes_box.x0 or y0 < axes_box.y0 or x1 > axes_box.x1 or y1 > axes_box.y1)
        clash = sum(1 for t in taken if t[0] < x1 and x0 < t[2] and t[1] < y1 and y0 < t[3])
        covered = int(np.sum((pts[:, 0] >= x0) & (pts[:, 0] <= x1) & (pts[:, 1] >= y0) & (pts[:, 1] <= y1)))
        score = (outside + clash, covered, i)
        if best is None or score < best[0]:
            best = (score, spot, (x0, y0, x1, y1))
    _, spot, extent = best
    label.set_position((spot["x"], spot["y"]))
    label.set_horizontalalignment(spot.get("ha", "center"))
    label.set_verticalalignment(spot.get("va", "center"))
    label.set_rotation(spot.get("rotation", 0))
    taken.append(extent)
    return label


def fit_legend(fig, ncols: int, margin_px: float = 6.0, min_size: float = 7.0):
    """A legend below the axes, outside them (it can never hide the data), in as many of
    `ncols` columns as fit the figure's width; smaller type if one column does not."""
    renderer = fig.canvas.get_renderer()
    limit = fig.bbox.width - 2 * margin_px
    for n in range(ncols, 0, -1):
        legend = fig.legend(loc="outside lower center", ncols=n)
        if legend.get_window_extent(renderer).width <= limit or n == 1:
            break
        legend.remove()
    size = legend.get_texts()[0].get_fontsize() if legend.get_texts() else min_size
    while legend.get_window_extent(renderer).width > limit and size > min_size:
        size -= 1
        for text in legend.get_texts():
            text.set_fontsize(size)
    return legend
