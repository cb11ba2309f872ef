"""cs.fsm: a small DFA drawn as states and labelled transition arrows (self-loops
included), with three example words and whether it accepts them."""

from __future__ import annotations

import numpy as np

from synthesis.science.cs import dfa as automata
from synthesis.science.cs.fsm_draw import lay_out, paint, transition_labels
from synthesis.science.cs.style import Sizes, accents, tint
from synthesis.science.cs.text import pick
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_AUTOMATA = 20
CAPTION_BAND = 0.1  # of the side, at the bottom: the example words

EN = (
    "Draw a DFA that accepts exactly the {language}, and say whether it accepts {words}.",
    "Design and draw a deterministic finite automaton for {language}; then run it on {words}.",
    "Sketch the state diagram of a DFA recognising {language} and decide if {words} are accepted.",
)
ZH = (
    "画出一个恰好接受{language_zh}的确定有限自动机（DFA），并判断它是否接受 {words}。",
    "设计并画出识别{language_zh}的 DFA 状态图，然后判断 {words} 是否被接受。",
)
LANGUAGE_ZH = {
    "divisible": "值能被 {k} 整除的二进制串",
    "ends_with": "以 \"{pattern}\" 结尾的 {{a, b}} 上的串",
    "contains": "包含子串 \"{pattern}\" 的 {{a, b}} 上的串",
    "count_mod": "1 的个数能被 {k} 整除的二进制串",
    "even_counts": "a 和 b 的个数都为偶数的 {{a, b}} 上的串",
}


class FsmTemplate(ScienceTemplate):
    name = "cs.fsm"
    family = "cs"
    subject = "Computer Science"
    image_type = "Diagrams"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        sizes = Sizes(ctx.size_px)
        (accent, accent_name), = accents(ctx, rng, 1)
        for _ in range(MAX_AUTOMATA):
            dfa = automata.sample(rng)
            words = automata.example_words(rng, dfa)
            layout = lay_out(rng, sizes, dfa, sizes.title_band, sizes.side * (1 - CAPTION_BAND))
            if layout is not None:
                break
        else:
            raise RuntimeError("no drawable automaton found")
        runs = [dfa.run(w) for w in words]
        captions = [f"{w}: {'accept' if ok else 'reject'}" for w, (ok, _) in zip(words, runs)]
        title = f"DFA: {dfa.short}"
        accept_fill = tint(accent, ctx.theme.paper, 0.3)
        drawing = paint(ctx, layout, dfa, accent=accent, accept_fill=accept_fill, title=title, captions=captions)
        words_text = ", ".join(f"\"{w}\"" for w in words)
        arrows = transition_labels(dfa)
        table = "; ".join(f"{s} --{label}--> {d}" for (s, d), label in arrows.items())
        explicit = (
            f"Draw a DFA over {{{', '.join(dfa.alphabet)}}} for {dfa.language} with states "
            f"{', '.join(dfa.states)} as circles (start {dfa.start}, marked by a short {accent_name} arrow; "
            f"accepting {', '.join(dfa.accepting)} as double circles filled light {accent_name}) and arrows "
            f"{table}, each labelled with its symbols (self-loops drawn as loops). Title it \"{title}\" and write "
            f"under the diagram: " + "; ".join(captions) + "."
        )
        traces = "; ".join(f"\"{w}\": " + " → ".join(trace) + f" ({'accept' if ok else 'reject'})"
                           for w, (ok, trace) in zip(words, runs))
        cot = (
            f"1. States remember what matters so far: " + "; ".join(f"{s} = {dfa.meaning[s]}" for s in dfa.states)
            + f". 2. Transitions: {table}. Start in {dfa.start}; accept in {', '.join(dfa.accepting)}. "
            f"3. Run the examples: {traces}. 4. Draw the states on a ring, bend arrows that have a reverse "
            f"partner, and put each loop on the outside."
        )
        language_zh = LANGUAGE_ZH[dfa.kind].format(**dfa.params)
        return ScienceItem(
            instruction=pick(rng, EN).format(language=dfa.language, words=words_text),
            instruction_explicit=explicit,
            instruction_zh=pick(rng, ZH).format(language_zh=language_zh, words=words_text),
            cot=cot,
            answer={
                "num_states": len(dfa.states),
                "states": dfa.states,
                "start": dfa.start,
                "accepting": dfa.accepting,
                "transitions": dfa.delta,
                "examples": [{"word": w, "accepted": ok} for w, (ok, _) in zip(words, runs)],
            },
            problem={"kind": dfa.kind, **dfa.params, "alphabet": dfa.alphabet, "words": words},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if len(dfa.states) <= 2 else "medium" if len(dfa.states) == 3 else "hard",
            labels={"texts": drawing.texts,
                    "objects": [{"label": "state", "name": s, "center": [round(x, 2), round(y, 2)],
                                 "radius": round(layout.scene.radius, 2), "accepting": s in dfa.accepting}
                                for s, (x, y) in layout.scene.nodes.items()]},
            render={"accent": accent, "accept_fill": accept_fill, **layout.params},
        )
