"""cs.heap: a min- or max-heap built from an array, drawn as a complete binary tree with
its array (and the indices) beneath."""

from __future__ import annotations

import numpy as np

from synthesis.science.cs import draw
from synthesis.science.cs.style import Sizes, accents, tint
from synthesis.science.cs.text import pick
from synthesis.science.cs.tree_draw import heap_scene, node_objects, paint_tree
from synthesis.science.cs.trees import heap_by_heapify, heap_by_insertion, heap_height
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

ARRAY_BAND = 0.2  # of the side, at the bottom: the array and its indices
METHODS = {
    "insert": ("inserting the values one at a time (append, then sift up)", "inserted one by one",
               "逐个插入（追加到末尾后上浮）"),
    "heapify": ("bottom-up heapify (sift down each parent, last parent first)", "bottom-up heapify",
                "自底向上建堆（从最后一个父节点起依次下沉）"),
}
EN = (
    "Build a {kind}-heap from the array {values} by {method}, and draw it as a tree with the heap array below.",
    "Draw the {kind}-heap obtained from [{values}] using {method}; show the array with its indices underneath.",
)
ZH = (
    "用{method}的方法由数组 [{values}] 建立{kind_zh}堆，画出堆的树形结构并在下方给出带下标的数组。",
)


class HeapTemplate(ScienceTemplate):
    name = "cs.heap"
    family = "cs"
    subject = "Computer Science"
    image_type = "Trees and Graphs"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        sizes = Sizes(ctx.size_px)
        (accent, accent_name), = accents(ctx, rng, 1)
        n = int(rng.integers(7, 16))
        values = [int(v) for v in rng.choice(np.arange(1, 100), size=n, replace=False)]
        kind = "min" if rng.random() < 0.5 else "max"
        method = "heapify" if rng.random() < 0.5 else "insert"
        build = heap_by_heapify if method == "heapify" else heap_by_insertion
        heap, steps = build(values, kind)
        height = heap_height(n)
        side = sizes.side
        scene = heap_scene(sizes, heap, sizes.title_band, side * (1 - ARRAY_BAND))
        texts = {str(i): str(v) for i, v in enumerate(heap)}
        title = f"{kind.capitalize()}-heap ({METHODS[method][1]})"
        cell_w = min(0.085 * side, (side - 2 * sizes.margin) / n)
        cell_h = 0.07 * side
        x0 = (side - n * cell_w) / 2
        y0 = side * (1 - ARRAY_BAND) + 0.03 * side
        cell_fill = tint(accent, ctx.theme.paper, 0.25)
        cells = [[x0 + i * cell_w, y0, x0 + (i + 1) * cell_w, y0 + cell_h] for i in range(n)]

        def array(ax):
            for i, box in enumerate(cells):
                draw.cell(ax, ctx, box, str(heap[i]), face=cell_fill, edge=ctx.theme.ink, width_px=sizes.line,
                          font_px=min(sizes.label_font, 0.5 * cell_w))
                draw.label(ax, ctx, ((box[0] + box[2]) / 2, box[3] + 0.028 * side), str(i),
                           min(sizes.note_font * 0.8, 0.45 * cell_w), color=accent, boxed=False)

        drawing = paint_tree(ctx, scene, texts, accent=accent, fills={"0": cell_fill}, outlined={"0"}, title=title,
                             extra=array)
        values_text = ", ".join(map(str, values))
        heap_text = ", ".join(map(str, heap))
        order = "smaller" if kind == "min" else "larger"
        explicit = (
            f"Build a {kind}-heap from [{values_text}] by {METHODS[method][0]}; the heap array is [{heap_text}]. "
            f"Draw it as a complete binary tree (index i has children 2i+1 and 2i+2), every parent {order} than "
            f"its children, the root {heap[0]} filled light {accent_name}; beneath it draw the array as a row of "
            f"{n} cells with the indices 0–{n - 1} under them in {accent_name}; title it \"{title}\"."
        )
        cot = (
            f"1. {METHODS[method][0].capitalize()}: " + "; ".join(steps) + f". 2. The heap array is [{heap_text}]: "
            f"every parent is {order} than its children. 3. {n} nodes fill {height + 1} levels, so the height is "
            f"{height}. 4. Draw level by level (index i at level ⌊log2(i+1)⌋) and the array with indices below."
        )
        return ScienceItem(
            instruction=pick(rng, EN).format(kind=kind, values=values_text, method=METHODS[method][0]),
            instruction_explicit=explicit,
            instruction_zh=pick(rng, ZH).format(values=values_text, method=METHODS[method][2],
                                                kind_zh="最小" if kind == "min" else "最大"),
            cot=cot,
            answer={"heap": heap, "height": height},
            problem={"values": values, "kind": kind, "method": method},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if n <= 8 else "medium" if n <= 12 else "hard",
            labels={"texts": drawing.texts,
                    "objects": node_objects(scene, texts)
                    + [{"label": "array cell", "index": i, "text": str(heap[i]), "box": [round(v, 2) for v in box]}
                       for i, box in enumerate(cells)]},
            render={"accent": accent, "cell_fill": cell_fill},
        )
