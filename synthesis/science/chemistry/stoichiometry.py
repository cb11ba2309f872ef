"""chemistry.stoichiometry: balance an equation and chart the amounts of every species
before and after the reaction runs to completion on given reactant amounts."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch

from synthesis.science.chemistry.reactions import (UNBALANCED, Outcome, Reaction, balance, molar_mass,
                                                   parse_equation, react)
from synthesis.science.chemistry.text import math_formula, subscripted
from synthesis.science.render import Drawing, figure, finish, overlapping_labels
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

EXTENTS = tuple(np.round(np.arange(0.25, 2.51, 0.25), 2))  # mol of reaction for the limiting reagent
MIN_MARGIN = 1.1  # the runner-up reagent must allow ≥ 10 % more reaction: no near-ties
MAX_TRIES = 12

EN = (
    "Starting from {given}, draw how much of each substance is present before and after the reaction "
    "{unbalanced} goes to completion.",
    "Balance {unbalanced}, then chart the amounts of all species before and after {given} react completely.",
    "For {unbalanced} with {given}, plot bar charts of every species before and after the reaction and "
    "show which reagent runs out.",
)
ZH = (
    "配平反应 {unbalanced}，并以 {given} 为起始量，画出反应完全前后各物质的量的柱状图。",
    "已知 {given}，反应 {unbalanced} 进行完全，画图比较反应前后各物质的量，并指出限量试剂。",
)


def _amount(value: float, unit: str) -> str:
    return f"{value:.2f} mol" if unit == "mol" else f"{value:.1f} g"


def _sample(rng: np.random.Generator, reaction: Reaction, unit: str) -> tuple[list[float], Outcome] | None:
    """Reactant amounts (in `unit`) with one clear limiting reagent, or None."""
    k = len(reaction.reactants)
    limiting = int(rng.integers(k))
    extent = float(EXTENTS[int(rng.integers(len(EXTENTS)))])
    given, moles = [], []
    for i, (formula, coef) in enumerate(zip(reaction.reactants, reaction.coefficients[:k])):
        n = coef * extent * (1.0 if i == limiting else float(rng.uniform(1.25, 2.5)))
        if unit == "mol":
            given.append(round(n, 2))
            moles.append(given[-1])
        else:
            given.append(round(n * molar_mass(formula), 1))
            moles.append(given[-1] / molar_mass(formula))
    outcome = react(reaction, tuple(moles))
    ratios = sorted(n / c for n, c in zip(moles, reaction.coefficients[:k]))
    if min(given) <= 0 or (len(ratios) > 1 and ratios[1] < MIN_MARGIN * ratios[0]):
        return None
    return given, outcome


def _chart(ctx: RenderContext, reaction: Reaction, outcome: Outcome, unit: str, colors: dict[str, str],
           font_scale: float) -> Drawing:
    k = len(reaction.reactants)
    species = reaction.species
    masses = [molar_mass(s) for s in species]
    before_mol = list(outcome.moles_given) + [0.0] * len(reaction.products)
    after_mol = list(outcome.leftover) + list(outcome.formed)
    to_unit = (lambda n, m: n) if unit == "mol" else (lambda n, m: n * m)
    before = [to_unit(n, m) for n, m in zip(before_mol, masses)]
    after = [to_unit(n, m) for n, m in zip(after_mol, masses)]
    bar_colors = [colors["limiting"] if i == outcome.limiting else colors["reactant"] if i < k else colors["product"]
                  for i in range(len(species))]
    top = 1.25 * max(before + after)
    to_pt = 72.0 / ctx.dpi
    small = 0.024 * ctx.size_px * to_pt * font_scale
    # Fixed axes rectangles (no constrained layout: it would double the rendering time).
    with figure(ctx, layout=None) as fig:
        axes = [fig.add_axes((0.13, 0.555, 0.83, 0.335)), fig.add_axes((0.13, 0.14, 0.83, 0.335))]
        xs = np.arange(len(species))
        for ax, values, title in zip(axes, (before, after), ("Before the reaction", "After the reaction")):
            ax.bar(xs, values, width=0.6, color=bar_colors, edgecolor=ctx.theme.ink, linewidth=0.8)
            for x, v in zip(xs, values):
                ax.text(x, v + 0.02 * top, f"{v:.2f}" if unit == "mol" else f"{v:.1f}", ha="center", va="bottom",
                        fontsize=small)
            ax.set_ylim(0, top)
            ax.set_title(title, fontsize=0.028 * ctx.size_px * to_pt * font_scale)
            ax.set_ylabel("amount (mol)" if unit == "mol" else "mass (g)", fontsize=small)
            ax.axvline(k - 0.5, color=ctx.theme.ink, lw=0.8, ls=":")
            ax.set_xlim(-0.6, len(species) - 0.4)
        axes[0].set_xticks(xs, [""] * len(species))
        axes[1].set_xticks(xs, [math_formula(s) for s in species], fontsize=small)
        fig.suptitle(_math_equation(reaction), y=0.975, va="top", fontsize=0.032 * ctx.size_px * to_pt * font_scale)
        handles = [Patch(facecolor=colors[r], edgecolor=ctx.theme.ink, label=label) for r, label in
                   (("reactant", "reactant in excess"), ("limiting", "limiting reagent"), ("product", "product"))]
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.005), ncols=3, fontsize=small)
        return finish(fig)


def _math_equation(reaction: Reaction) -> str:
    k = len(reaction.reactants)

    def side(names, coefs):
        return " + ".join((f"{c}\\,{math_formula(n)[1:-1]}" if c != 1 else math_formula(n)[1:-1])
                          for n, c in zip(names, coefs))
    return (f"${side(reaction.reactants, reaction.coefficients[:k])} \\rightarrow "
            f"{side(reaction.products, reaction.coefficients[k:])}$")


class StoichiometryTemplate(ScienceTemplate):
    name = "chemistry.stoichiometry"
    family = "chemistry"
    subject = "Chemistry"
    image_type = "Plots and Charts"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        unbalanced = UNBALANCED[int(rng.integers(len(UNBALANCED)))]
        reaction = balance(*parse_equation(unbalanced))
        unit = "g" if rng.random() < 0.4 else "mol"
        for _ in range(MAX_TRIES):
            sampled = _sample(rng, reaction, unit)
            if sampled is not None:
                break
        else:
            raise RuntimeError(f"no clear limiting reagent found for {unbalanced}")
        given, outcome = sampled
        k = len(reaction.reactants)
        palette = ctx.theme.palette
        picks = rng.permutation(len(palette))[:3]
        colors = {role: palette[int(i)][0] for role, i in zip(("reactant", "limiting", "product"), picks)}
        names = {role: palette[int(i)][1] for role, i in zip(("reactant", "limiting", "product"), picks)}
        for attempt in range(MAX_TRIES):
            scale = 1.0 - 0.08 * attempt
            drawing = _chart(ctx, reaction, outcome, unit, colors, scale)
            if not overlapping_labels(drawing.texts):
                break

        masses = {s: round(molar_mass(s), 3) for s in reaction.species}
        limiting = reaction.reactants[outcome.limiting]
        formed_mol = {p: round(n, 6) for p, n in zip(reaction.products, outcome.formed)}
        formed_g = {p: round(n * molar_mass(p), 6) for p, n in zip(reaction.products, outcome.formed)}
        leftover = {r: round(n, 6) for r, n in zip(reaction.reactants, outcome.leftover)}
        given_text = " and ".join(f"{_amount(g, unit)} {subscripted(s)}" for s, g in zip(reaction.reactants, given))
        pretty_unbalanced = subscripted(unbalanced).replace("->", "→")
        equation = subscripted(reaction.equation("→"))
        steps = [f"Balance with the element-conservation matrix: {equation}."]
        if unit == "g":
            steps.append("Convert masses to moles: " + "; ".join(
                f"{g:.1f} g / {masses[s]:.3f} g/mol = {n:.4f} mol {subscripted(s)}"
                for s, g, n in zip(reaction.reactants, given, outcome.moles_given)) + ".")
        steps.append("Divide each reactant's moles by its coefficient: " + "; ".join(
            f"{subscripted(s)} {n:.4f}/{c} = {n / c:.4f}"
            for s, n, c in zip(reaction.reactants, outcome.moles_given, reaction.coefficients[:k])) + ".")
        steps.append(f"The smallest ratio belongs to {subscripted(limiting)}: it is the limiting reagent, and the "
                     f"extent of reaction is ξ = {outcome.extent:.4f} mol.")
        steps.append("Products formed: " + "; ".join(
            f"{c} × {outcome.extent:.4f} = {formed_mol[p]:.4f} mol {subscripted(p)} ({formed_g[p]:.3f} g)"
            for p, c in zip(reaction.products, reaction.coefficients[k:])) + ".")
        excess = [r for i, r in enumerate(reaction.reactants) if i != outcome.limiting]
        if excess:
            steps.append("Left over: " + "; ".join(f"{leftover[r]:.4f} mol {subscripted(r)}" for r in excess) + ".")
        steps.append(f"Draw two bar charts (before / after, in {'moles' if unit == 'mol' else 'grams'}): reactants "
                     f"in excess {names['reactant']}, the limiting reagent {names['limiting']}, products "
                     f"{names['product']}, each bar labelled with its value, the balanced equation on top.")
        values = {"given": given_text, "unbalanced": pretty_unbalanced}
        zh_given = "和".join(f"{_amount(g, unit)} {subscripted(s)}" for s, g in zip(reaction.reactants, given))
        zh_values = {"given": zh_given, "unbalanced": pretty_unbalanced}
        return ScienceItem(
            instruction=EN[int(rng.integers(len(EN)))].format(**values),
            instruction_explicit=(
                f"Balance {pretty_unbalanced} as {equation}. Starting from {given_text}, {subscripted(limiting)} "
                f"is limiting. Draw two stacked bar charts of every species in "
                f"{'mol' if unit == 'mol' else 'g'}: before the reaction "
                + ", ".join(f"{subscripted(s)} {_amount(g, unit)}" for s, g in zip(reaction.reactants, given))
                + " and 0 for the products; after it "
                + ", ".join(f"{subscripted(s)} {leftover[s]:.4f} mol" for s in reaction.reactants) + ", "
                + ", ".join(f"{subscripted(p)} {formed_mol[p]:.4f} mol" for p in reaction.products)
                + ". Put the balanced equation as the title and a legend for reactant / limiting reagent / product."
            ),
            instruction_zh=ZH[int(rng.integers(len(ZH)))].format(**zh_values),
            cot=" ".join(f"{i}. {s}" for i, s in enumerate(steps, 1)),
            answer={"equation": reaction.equation(), "coefficients": list(reaction.coefficients),
                    "limiting_reagent": limiting, "extent_mol": round(outcome.extent, 6),
                    "product_moles": formed_mol, "product_grams": formed_g, "leftover_moles": leftover,
                    "molar_masses": masses},
            problem={"reactants": list(reaction.reactants), "products": list(reaction.products), "unit": unit,
                     "amounts": given},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if unit == "mol" and max(reaction.coefficients) <= 3 else
            ("medium" if max(reaction.coefficients) <= 6 else "hard"),
            labels={"texts": drawing.texts},
            render={"colors": colors, "font_scale": round(scale, 3)},
        )
