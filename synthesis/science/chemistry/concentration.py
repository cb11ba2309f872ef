"""chemistry.dilution_or_titration: a strong acid–strong base titration curve with its
equivalence point, or a serial dilution chart with a target concentration."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.ticker import NullLocator

from synthesis.science.chemistry.solutions import (STRONG_ACIDS, STRONG_BASES, Dilution, Titration,
                                                   first_below)
from synthesis.science.chemistry.text import subscripted
from synthesis.science.render import Drawing, figure, finish, overlapping_labels
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

FLASK_CONCS = (0.05, 0.1, 0.15, 0.2, 0.25)
FLASK_VOLUMES = (10.0, 20.0, 25.0, 40.0, 50.0)
TITRANT_CONCS = (0.05, 0.1, 0.2, 0.25, 0.5)
DILUTION_SOLUTES = ("NaCl", "CuSO4", "KMnO4", "C6H12O6")
STOCKS = (0.5, 1.0, 2.0)
STEPS = ((1.0, 10.0), (2.0, 10.0), (5.0, 10.0), (2.5, 25.0), (5.0, 25.0), (5.0, 20.0), (10.0, 50.0), (1.0, 5.0))
CURVE_POINTS = 600
AXES_RECT = (0.12, 0.1, 0.84, 0.82)
MAX_TRIES = 6


def _sig(x: float, digits: int = 3) -> str:
    """x to `digits` significant figures, without exponent notation for our ranges."""
    if x == 0:
        return "0"
    decimals = max(0, digits - 1 - int(math.floor(math.log10(abs(x)))))
    return f"{x:.{decimals}f}"


# ---- titration -------------------------------------------------------------------


def _sample_titration(rng: np.random.Generator) -> Titration:
    for _ in range(100):  # about half the draws qualify
        t = Titration(
            titrand="acid" if rng.random() < 0.6 else "base",
            acid=STRONG_ACIDS[int(rng.integers(len(STRONG_ACIDS)))],
            base=STRONG_BASES[int(rng.integers(len(STRONG_BASES)))],
            flask_conc=float(rng.choice(FLASK_CONCS)),
            flask_volume=float(rng.choice(FLASK_VOLUMES)),
            titrant_conc=float(rng.choice(TITRANT_CONCS)),
        )
        if 5.0 <= t.equivalence_volume <= 50.0:
            return t
    raise RuntimeError("no titration with 5 mL <= V_eq <= 50 mL was drawn")


def _titration_points(rng: np.random.Generator, t: Titration) -> list[float]:
    """0 mL, one volume before and one after the equivalence point (multiples of 0.5 mL), and V_eq."""
    veq = t.equivalence_volume
    before = np.arange(0.5, veq * 0.9, 0.5)
    before = before[before >= 0.4 * veq]  # far enough from 0 mL that the two labels cannot collide
    after = np.arange(math.ceil(veq * 1.1 * 2) / 2, veq * 1.8, 0.5)
    picks = [float(rng.choice(before)) if len(before) else round(veq / 2, 2),
             float(rng.choice(after)) if len(after) else round(veq * 1.5, 2)]
    return sorted({0.0, round(veq, 6), *picks})


def _titration_plot(ctx: RenderContext, t: Titration, points: list[float], colors: dict[str, str],
                    scale: float) -> Drawing:
    veq = t.equivalence_volume
    vmax = math.ceil(2 * veq / 5) * 5
    vs = np.linspace(0.0, vmax, CURVE_POINTS)
    vs = np.union1d(vs, [veq])  # the steep part passes exactly through the marked point
    phs = [t.ph(v) for v in vs]
    titrant = t.base if t.titrand == "acid" else t.acid
    flask = t.acid if t.titrand == "acid" else t.base
    to_pt = 72.0 / ctx.dpi
    small = 0.022 * ctx.size_px * to_pt * scale
    with figure(ctx, layout=None) as fig:  # fixed axes: constrained layout would double the time
        ax = fig.add_axes(AXES_RECT)
        ax.plot(vs, phs, color=colors["curve"], lw=2.0, zorder=2)
        ax.plot([veq, veq], [0, 7], ls="--", lw=0.9, color=colors["equivalence"], zorder=1)
        ax.plot([0, veq], [7, 7], ls="--", lw=0.9, color=colors["equivalence"], zorder=1)
        ax.scatter([veq], [t.ph(veq)], s=70, color=colors["equivalence"], zorder=4)
        rising = t.titrand == "acid"
        ax.text(veq - 0.03 * vmax, 10.6 if rising else 3.4,
                f"equivalence point\nV = {veq:.2f} mL, pH = {t.ph(veq):.2f}",
                ha="right", va="center", fontsize=small, color=colors["equivalence"])
        for v in points:
            if abs(v - veq) < 1e-9:
                continue
            p = t.ph(v)
            ax.scatter([v], [p], s=36, color=colors["points"], zorder=3)
            # The curve runs lower-left to upper-right (acid in the flask) or upper-left to
            # lower-right: put each label in the empty corner beside its point.
            before = v < veq
            up, right = before, v == 0 or rising != before
            ax.annotate(f"pH {p:.2f}", (v, p), xytext=(6 if right else -6, 9 if up else -9),
                        textcoords="offset points", ha="left" if right else "right",
                        va="bottom" if up else "top", fontsize=small, color=colors["points"])
        ax.set_xlim(0, vmax)
        ax.set_ylim(0, 14)
        ax.set_yticks(range(0, 15, 2))
        ax.grid(True, alpha=0.25)
        ax.set_xlabel(f"volume of {subscripted(titrant)} added (mL)")
        ax.set_ylabel("pH")
        ax.set_title(f"{t.flask_volume:.1f} mL of {t.flask_conc:.3f} M {subscripted(flask)} titrated with "
                     f"{t.titrant_conc:.3f} M {subscripted(titrant)}", fontsize=0.024 * ctx.size_px * to_pt * scale)
        return finish(fig)


def _titration(rng: np.random.Generator, ctx: RenderContext, colors, names) -> dict:
    t = _sample_titration(rng)
    points = _titration_points(rng, t)
    veq = t.equivalence_volume
    for attempt in range(MAX_TRIES):
        scale = 1.0 - 0.1 * attempt
        drawing = _titration_plot(ctx, t, points, colors, scale)
        if not overlapping_labels(drawing.texts):
            break
    titrant = t.base if t.titrand == "acid" else t.acid
    flask = t.acid if t.titrand == "acid" else t.base
    shown = [v for v in points if abs(v - veq) > 1e-9]
    phs = [round(t.ph(v), 6) for v in points]
    n_flask = t.flask_conc * t.flask_volume
    what = (f"{t.flask_volume:.1f} mL of {t.flask_conc:.3f} M {subscripted(flask)} titrated with "
            f"{t.titrant_conc:.3f} M {subscripted(titrant)}")
    steps = [
        f"{subscripted(flask)} and {subscripted(titrant)} react 1:1; the flask holds {t.flask_conc:.3f} × "
        f"{t.flask_volume:.1f} = {n_flask:.3f} mmol, so V_eq = {n_flask:.3f} / {t.titrant_conc:.3f} = {veq:.2f} mL.",
        "Before V_eq the excess " + ("H⁺" if t.titrand == "acid" else "OH⁻")
        + " is (n_flask − C_titrant·V)/(V_flask + V);"
        " after it the excess titrant sets the pH; at V_eq only water's 1.0×10⁻¹⁴ remains, pH 7.00.",
        "pH at the selected volumes: " + "; ".join(f"V = {v:g} mL → pH {p:.2f}" for v, p in zip(points, phs)) + ".",
        f"Draw the {'rising' if t.titrand == 'acid' else 'falling'} S-shaped curve in {names['curve']} over "
        f"0–{math.ceil(2 * veq / 5) * 5} mL, mark the equivalence point ({veq:.2f} mL, 7.00) in "
        f"{names['equivalence']} with dashed guides, and the points at "
        + ", ".join(f"{v:g}" for v in shown) + f" mL in {names['points']}, labelled with their pH.",
    ]
    sel = ", ".join(f"{v:g}" for v in shown)
    return {
        "drawing": drawing, "scale": scale,
        "instruction": (f"Plot the titration curve for {what}, mark the equivalence point, and label the pH "
                        f"after {sel} mL of titrant."),
        "explicit": (f"Plot pH (0–14) against added {subscripted(titrant)} volume (0–{math.ceil(2 * veq / 5) * 5} mL) "
                     f"for {what}. Mark the equivalence point at V = {veq:.2f} mL, pH 7.00 with dashed guides, "
                     "and mark " + "; ".join(f"V = {v:g} mL (pH {t.ph(v):.2f})" for v in shown) + "."),
        "zh": (f"用 {t.titrant_conc:.3f} M {subscripted(titrant)} 滴定 {t.flask_volume:.1f} mL "
               f"{t.flask_conc:.3f} M {subscripted(flask)}，画出滴定曲线，标出化学计量点，并标注加入 {sel} mL "
               "滴定剂后的 pH。"),
        "cot": steps,
        "answer": {"mode": "titration", "equivalence_volume_mL": round(veq, 6), "volumes_mL": points, "pH": phs,
                   "pH_at_equivalence": round(t.ph(veq), 6)},
        "problem": {"mode": "titration", "titrand": t.titrand, "acid": t.acid, "base": t.base,
                    "flask_conc_M": t.flask_conc, "flask_volume_mL": t.flask_volume,
                    "titrant_conc_M": t.titrant_conc, "volumes_mL": points},
        "difficulty": "medium",
    }


# ---- serial dilution -------------------------------------------------------------


def _sample_dilution(rng: np.random.Generator) -> tuple[Dilution, float]:
    transfer, total = STEPS[int(rng.integers(len(STEPS)))]
    factor = total / transfer
    tubes = int(rng.integers(4, 7))
    while tubes > 3 and factor ** tubes > 1e4:  # keep the smallest tube readable
        tubes -= 1
    d = Dilution(DILUTION_SOLUTES[int(rng.integers(len(DILUTION_SOLUTES)))], float(rng.choice(STOCKS)),
                 transfer, total, tubes)
    values = d.concentrations_mM()
    k = int(rng.integers(1, tubes))  # the target lies strictly between tube k and tube k+1
    hi, lo = values[k - 1], values[k]
    margin = 0.1 * math.log(hi / lo)  # keep clear of both tubes, in log space
    target = float(_sig(math.exp(rng.uniform(math.log(lo) + margin, math.log(hi) - margin)), 2))
    if not lo < target < hi:
        target = float(_sig(math.sqrt(hi * lo), 3))
    return d, target


def _dilution_plot(ctx: RenderContext, d: Dilution, target: float, colors: dict[str, str], scale: float) -> Drawing:
    values = d.concentrations_mM()
    xs = np.arange(1, d.tubes + 1)
    to_pt = 72.0 / ctx.dpi
    small = 0.022 * ctx.size_px * to_pt * scale
    with figure(ctx, layout=None) as fig:  # fixed axes: constrained layout would double the time
        ax = fig.add_axes(AXES_RECT)
        lo, hi = min(values + [target]) / 4, max(values) * 6
        # Bars start at the bottom of the axes, not at 0 (= −∞ on a log axis: a huge path
        # that the hand-drawn theme's sketch filter would wiggle point by point).
        ax.bar(xs, [v - lo for v in values], bottom=lo, width=0.6, color=colors["bars"], edgecolor=ctx.theme.ink,
               linewidth=0.8)
        ax.set_yscale("log")
        ax.yaxis.set_minor_locator(NullLocator())  # minor log ticks are clutter here
        ax.set_ylim(lo, hi)
        for x, v in zip(xs, values):
            ax.text(x, v * 1.12, _sig(v), ha="center", va="bottom", fontsize=small)
        ax.axhline(target, color=colors["target"], ls="--", lw=1.2, label=f"target {_sig(target, 2)} mmol/L")
        # Bars fall from left to right, so the upper right corner is free for the legend.
        ax.legend(loc="upper right", fontsize=small)
        ax.set_xlim(0.4, d.tubes + 0.6)
        ax.set_xticks(xs, [f"tube {x}" for x in xs])
        ax.set_xlabel(f"each step: {d.transfer:g} mL of the previous solution made up to {d.total:g} mL")
        ax.set_ylabel(f"[{subscripted(d.solute)}] (mmol/L, log scale)")
        ax.set_title(f"Serial dilution of {d.stock:.2f} M {subscripted(d.solute)}",
                     fontsize=0.026 * ctx.size_px * to_pt * scale)
        return finish(fig)


def _dilution(rng: np.random.Generator, ctx: RenderContext, colors, names) -> dict:
    d, target = _sample_dilution(rng)
    values = d.concentrations_mM()
    below = first_below(values, target)
    for attempt in range(MAX_TRIES):
        scale = 1.0 - 0.1 * attempt
        drawing = _dilution_plot(ctx, d, target, colors, scale)
        if not overlapping_labels(drawing.texts):
            break
    solute = subscripted(d.solute)
    steps = [
        f"Each step takes {d.transfer:g} mL into {d.total:g} mL, so C₂ = C₁·V₁/V₂ divides the concentration by "
        f"{d.factor:g} (C₁V₁ = C₂V₂).",
        f"Starting from {d.stock:.2f} M = {1000 * d.stock:g} mmol/L: "
        + "; ".join(f"tube {k}: {_sig(v, 4)} mmol/L" for k, v in enumerate(values, 1)) + ".",
        f"The first tube at or below the target {_sig(target, 2)} mmol/L is tube {below}.",
        f"Draw {d.tubes} {names['bars']} bars on a log scale labelled with their concentrations, and the target "
        f"as a dashed {names['target']} line.",
    ]
    return {
        "drawing": drawing, "scale": scale,
        "instruction": (f"Make a serial dilution of {d.stock:.2f} M {solute}: {d.tubes} tubes, each {d.transfer:g} mL "
                        f"of the previous solution made up to {d.total:g} mL. Chart the concentrations and show "
                        f"which tube first drops to {_sig(target, 2)} mmol/L or below."),
        "explicit": (f"Bar chart (log y, mmol/L) of {d.tubes} tubes of {solute}: "
                     + ", ".join(f"tube {k} {_sig(v)}" for k, v in enumerate(values, 1))
                     + f" (dilution factor {d.factor:g} per step from {d.stock:.2f} M). Dashed line at the target "
                     f"{_sig(target, 2)} mmol/L; tube {below} is the first at or below it."),
        "zh": (f"对 {d.stock:.2f} M {solute} 进行系列稀释：共 {d.tubes} 支试管，每次取 {d.transfer:g} mL 前一支的溶液"
               f"定容至 {d.total:g} mL。画出各管浓度，并指出第一支浓度不高于 {_sig(target, 2)} mmol/L 的试管。"),
        "cot": steps,
        "answer": {"mode": "dilution", "dilution_factor": round(d.factor, 6),
                   "concentrations_mM": [round(v, 6) for v in values], "first_tube_below_target": below},
        "problem": {"mode": "dilution", "solute": d.solute, "stock_M": d.stock, "transfer_mL": d.transfer,
                    "total_mL": d.total, "tubes": d.tubes, "target_mM": target},
        "difficulty": "easy" if d.factor in (2.0, 10.0) else "medium",
    }


class ConcentrationTemplate(ScienceTemplate):
    name = "chemistry.dilution_or_titration"
    family = "chemistry"
    subject = "Chemistry"
    image_type = "Plots and Charts"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        palette = ctx.theme.palette
        titration = bool(rng.random() < 0.6)
        roles = ("curve", "equivalence", "points") if titration else ("bars", "target")
        picks = rng.permutation(len(palette))[:3]
        colors = {r: palette[int(i)][0] for r, i in zip(roles, picks)}
        names = {r: palette[int(i)][1] for r, i in zip(roles, picks)}
        out = (_titration if titration else _dilution)(rng, ctx, colors, names)
        drawing = out["drawing"]
        return ScienceItem(
            instruction=out["instruction"],
            instruction_explicit=out["explicit"],
            instruction_zh=out["zh"],
            cot=" ".join(f"{k}. {s}" for k, s in enumerate(out["cot"], 1)),
            answer=out["answer"],
            problem=out["problem"],
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty=out["difficulty"],
            labels={"texts": drawing.texts},
            render={"colors": colors, "font_scale": round(out["scale"], 3)},
        )
