"""Helpers every physics template shares: colour picks, number text, label checks."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from synthesis.science.render import Drawing, overlapping_labels
from synthesis.science.template import RenderContext

PLOT_BOX = (0.115, 0.085, 0.855, 0.835)  # axes of a chart, figure fractions: fixed margins render
# faster than the constrained layout, and suit every size since type scales with the canvas
LAYOUT_TRIES = 6  # re-draws (smaller font, other label spots) before a problem is resampled
G = sp.Rational(49, 5)  # 9.8 m/s², exact so that sympy answers stay exact


def pick_colors(rng: np.random.Generator, ctx: RenderContext, roles: tuple[str, ...]) -> tuple[dict, dict]:
    """(role -> hex, role -> English name) from the theme's palette; cycles when the
    palette is shorter than the roles (exam_print has three greys)."""
    palette = ctx.theme.palette
    order = [int(i) for i in rng.permutation(len(palette))]
    picks = [palette[order[i % len(order)]] for i in range(len(roles))]
    return {r: p[0] for r, p in zip(roles, picks)}, {r: p[1] for r, p in zip(roles, picks)}


def approx(value) -> float:
    """A float rounded to 6 places, as answers store computed numbers."""
    return round(float(value), 6)


def num(value, places: int = 2) -> str:
    """Short text of a number: exact when it terminates within `places` decimals
    (12, 1.5, 0.25), else rounded to `places` with a leading ≈."""
    if isinstance(value, (int, Fraction)) or (isinstance(value, sp.Basic) and value.is_Rational):
        r = sp.Rational(value)
        q = Fraction(int(r.p), int(r.q))
        return ("" if (q * 10**places).denominator == 1 else "≈") + _plain(float(q), places)
    x = float(value)
    if abs(x * 10**places - round(x * 10**places)) < 1e-9:
        return _plain(x, places)
    return "≈" + _plain(x, places)


def _plain(x: float, places: int) -> str:
    text = f"{x:.{places}f}".rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    return text.replace("-", "−")


def eq(value, places: int = 2) -> str:
    """"= 1.5" or "≈ 1.71": the relation sign and the number, for labels like "I = 1.5 A"."""
    text = num(value, places)
    return f"≈ {text[1:]}" if text.startswith("≈") else f"= {text}"


def dec(value, places: int = 2) -> str:
    """`num` without the ≈ (for prose where "about" is said in words)."""
    return num(value, places).lstrip("≈")


def layout_ok(drawing: Drawing) -> bool:
    """No two labels overlap and every label lies inside the image."""
    if overlapping_labels(drawing.texts):
        return False
    w, h = drawing.width, drawing.height
    return all(-1 <= t["box"][0] and t["box"][2] <= w + 1 and -1 <= t["box"][1] and t["box"][3] <= h + 1
               for t in drawing.texts)


def font_pt(ctx: RenderContext, unit_px: float, share: float, lo: float = 6.5, hi: float = 14.0) -> float:
    """A font size (points) that is `share` of a layout unit of `unit_px` pixels."""
    return float(np.clip(share * unit_px * 72.0 / ctx.dpi, lo, hi))



CANVAS_INCHES = 7.68


def canvas(ctx: RenderContext) -> RenderContext:
    """The context to draw with: the requested pixel size on a 7.68-inch canvas (dpi =
    size / 7.68), so that type, line widths and offsets given in points take the same share
    of the image at every size. (The requested dpi would otherwise decide how big the text
    is: at 512 px and 300 dpi a 10-point label is a fifth of the image.)"""
    return RenderContext(ctx.theme, ctx.size_px, ctx.size_px / CANVAS_INCHES)
