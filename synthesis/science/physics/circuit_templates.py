"""The circuit templates: draw a solved circuit (t2i), change one resistance (edit), and
ask for a current read off the schematic (und)."""

from __future__ import annotations

import numpy as np
import sympy as sp

from synthesis.science.physics import circuit_text as text
from synthesis.science.physics.circuit import Circuit, CircuitSolution, answer, resistors, sample_circuit, solve
from synthesis.science.physics.common import LAYOUT_TRIES, approx, dec, layout_ok, num, pick_colors
from synthesis.science.physics.schematic import Layout, draw, layout
from synthesis.science.render import Drawing, edit_mask
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

RESAMPLES = 6
ROLES = ("resistor", "battery", "current")


def _difficulty(circuit: Circuit) -> str:
    n, nested = len(circuit.resistances), any(not isinstance(c, str) for c in circuit.topology[1:])
    return "easy" if n == 2 else "hard" if n == 4 and nested else "medium"


def _draw(ctx: RenderContext, lay: Layout, circuit: Circuit, solution: CircuitSolution | None, colors: dict,
          scale: float) -> tuple[Drawing, dict]:
    """The schematic; with readings (currents, voltages, summary) when `solution` is given."""
    values = {n: text.value_text(n, r) for n, r in circuit.resistances.items()}
    readings = {n: text.reading_text(solution, n) for n in circuit.resistances} if solution else None
    summary = text.summary_text(solution) if solution else None
    return draw(ctx, lay, values, f"{circuit.voltage} V", colors, readings, summary, scale)


def _draw_all(ctx, lay, versions, colors) -> list[tuple[Drawing, dict]] | None:
    """Draw every (circuit, solution) version with one font size that suits them all
    (shrinking it until no label collides), so an edit pair shares its layout."""
    for attempt in range(LAYOUT_TRIES):
        scale = 0.88 ** attempt
        drawings = [_draw(ctx, lay, c, s, colors, scale) for c, s in versions]
        if all(layout_ok(d) for d, _ in drawings):
            return drawings
    return None


def _no_layout() -> RuntimeError:
    return RuntimeError(f"no collision-free label layout in {RESAMPLES} circuits; the image is too small")


def _labels(drawing: Drawing, lay: Layout, info: dict) -> dict:
    objects = lay.objects()
    for o in objects:
        if o["kind"] == "resistor":
            o["center_px"] = info["resistor_px"][o["name"]]
    return {"texts": drawing.texts, "objects": objects}


class CircuitTemplate(ScienceTemplate):
    name = "physics.circuit"
    family = "physics"
    subject = "Physics"
    image_type = "Diagrams"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        colors, color_names = pick_colors(rng, ctx, ROLES)
        for _ in range(RESAMPLES):
            circuit = sample_circuit(rng)
            solution = solve(circuit)
            lay = layout(circuit.topology)
            drawn = _draw_all(ctx, lay, [(circuit, solution)], colors)
            if drawn:
                break
        else:
            raise _no_layout()
        (drawing, info), = drawn
        words = text.describe(circuit.topology, circuit.resistances)
        words_zh = text.describe_zh(circuit.topology, circuit.resistances)
        abstract = (f"Draw the circuit diagram of a {circuit.voltage} V battery connected to {words}; find the "
                    "equivalent resistance and label the current through and the voltage across every resistor.")
        explicit = (f"Draw a schematic: a {circuit.voltage} V battery (long plate +) on the left side of a "
                    f"rectangular loop, "
                    f"the resistors {words} along the top as zig-zags, each labelled with its name and resistance. "
                    f"Under each resistor write its current and voltage ({text.readings_list(circuit, solution)}), and "
                    f"under the loop R_eq = {dec(solution.equivalent, 3)} Ω, I = {dec(solution.total_current, 3)} A.")
        zh = (f"画出电路图：{circuit.voltage} V 电池连接{words_zh}。求等效电阻，并标出每个电阻的电流和电压。")
        cot = (text.reduction_cot(circuit, solution) +
               f" 5. Draw the battery on the left, the zig-zag resistors in {color_names['resistor']} along the top "
               f"wire (parallel branches stacked between vertical buses with junction dots), and write each reading "
               f"in {color_names['current']} under its resistor.")
        return ScienceItem(
            instruction=abstract, instruction_explicit=explicit, instruction_zh=zh, cot=cot,
            answer=answer(solution), problem=circuit.problem(),
            image=drawing.png, width=drawing.width, height=drawing.height, difficulty=_difficulty(circuit),
            labels=_labels(drawing, lay, info),
            render={"colors": colors, "font_pt": info["font_pt"], "layout": "battery left, network on top wire"},
        )


class ResistanceEditTemplate(ScienceTemplate):
    name = "physics.resistance_edit"
    family = "physics"
    subject = "Physics"
    image_type = "Diagrams"
    task = "edit"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        colors, color_names = pick_colors(rng, ctx, ROLES)
        for _ in range(RESAMPLES):
            circuit = sample_circuit(rng)
            names = resistors(circuit.topology)
            target = names[int(rng.integers(len(names)))]
            factor = sp.Integer(2) if rng.random() < 0.5 else sp.Rational(1, 2)
            edited = Circuit(circuit.topology, {**circuit.resistances,
                                                target: sp.Rational(circuit.resistances[target]) * factor},
                             circuit.voltage)
            before, after = solve(circuit), solve(edited)
            lay = layout(circuit.topology)
            drawn = _draw_all(ctx, lay, [(circuit, before), (edited, after)], colors)
            if drawn:
                break
        else:
            raise _no_layout()
        (source, _), (drawing, info) = drawn
        old, new = num(circuit.resistances[target]), num(edited.resistances[target])
        verb, verb_zh = ("Double", "加倍") if factor == 2 else ("Halve", "减半")
        changed = [n for n in names if after.currents[n] != before.currents[n]]
        abstract = f"{verb} the resistance of {target} and update the currents and voltages in the diagram."
        explicit = (f"In this circuit change {target} from {old} Ω to {new} Ω, keeping everything else where it is; "
                    f"rewrite {target}'s label and the readings that change: {text.readings_list(edited, after)}; "
                    f"R_eq = {dec(after.equivalent, 3)} Ω, I = {dec(after.total_current, 3)} A.")
        zh = f"将电路中 {target} 的电阻{verb_zh}（{old} Ω → {new} Ω），并更新图中的电流和电压。"
        cot = (f"0. {target}: {old} Ω → {new} Ω; the layout stays, only labels change. "
               + text.reduction_cot(edited, after)
               + f" 5. Readings that change: {', '.join(changed)}; the total current goes from "
               f"{dec(before.total_current, 3)} A to {dec(after.total_current, 3)} A.")
        result = answer(after)
        result.update({"resistor": target, "new_resistance": approx(edited.resistances[target]),
                       "changed_readings": changed})
        return ScienceItem(
            instruction=abstract, instruction_explicit=explicit, instruction_zh=zh, cot=cot,
            answer=result,
            problem={**circuit.problem(), "edit": {"resistor": target, "factor": str(factor)}},
            image=drawing.png, width=drawing.width, height=drawing.height, difficulty=_difficulty(circuit),
            labels=_labels(drawing, lay, info),
            render={"colors": colors, "font_pt": info["font_pt"], "color_names": color_names},
            source_image=source.png, mask=edit_mask(source.png, drawing.png),
        )


QUESTIONS = (
    ("What current flows through {r}?", "通过 {r} 的电流是多少？"),
    ("Using the values in the diagram, find the current through {r} in amperes.", "根据图中数值，求流过 {r} 的电流（单位 A）。"),
    ("How large is the current in resistor {r}?", "电阻 {r} 中的电流有多大？"),
)


class CurrentQuestionTemplate(ScienceTemplate):
    name = "physics.current_question"
    family = "physics"
    subject = "Physics"
    image_type = "Diagrams"
    task = "und"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        colors, _ = pick_colors(rng, ctx, ROLES)
        for _ in range(RESAMPLES):
            circuit = sample_circuit(rng, counts=(3, 4))
            solution = solve(circuit)
            lay = layout(circuit.topology)
            drawn = _draw_all(ctx, lay, [(circuit, None)], colors)
            if drawn:
                break
        else:
            raise _no_layout()
        (drawing, info), = drawn
        names = resistors(circuit.topology)
        # mostly R2, as the question is usually posed; sometimes another resistor
        target = "R2" if rng.random() < 0.5 else names[int(rng.integers(len(names)))]
        question, question_zh = QUESTIONS[int(rng.integers(len(QUESTIONS)))]
        current = solution.currents[target]
        cot = (f"0. Read the diagram: {circuit.voltage} V battery; "
               f"{text.describe(circuit.topology, circuit.resistances)}. "
               + text.reduction_cot(circuit, solution)
               + f" So the current through {target} is {current} A ≈ {dec(current, 4)} A.")
        result = {"answer": approx(current), "answer_exact": str(current), "unit": "A", "resistor": target,
                  **answer(solution)}
        return ScienceItem(
            instruction=question.format(r=target),
            instruction_explicit=(f"The schematic shows a {circuit.voltage} V battery and "
                                  f"{text.describe(circuit.topology, circuit.resistances)}. "
                                  + question.format(r=target)),
            instruction_zh=question_zh.format(r=target), cot=cot,
            answer=result, problem={**circuit.problem(), "target": target},
            image=drawing.png, width=drawing.width, height=drawing.height, difficulty=_difficulty(circuit),
            labels=_labels(drawing, lay, info),
            render={"colors": colors, "font_pt": info["font_pt"], "values_only": True},
        )
