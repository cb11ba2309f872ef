"""cs.mst: a weighted graph with its minimum spanning tree (Kruskal) highlighted."""

from __future__ import annotations

import numpy as np

from synthesis.science.cs.graph_draw import GraphStyle, lay_out_and_paint, objects
from synthesis.science.cs.graphs import kruskal, random_graph
from synthesis.science.cs.style import accents
from synthesis.science.cs.text import edge_list, edge_list_zh, node_range, pick
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_GRAPHS = 40

EN = (
    "Draw the weighted graph with edges {edges} and highlight its minimum spanning tree.",
    "Use Kruskal's algorithm on the undirected graph {edges} (weights in brackets) and draw the graph with the "
    "minimum spanning tree highlighted.",
    "Sketch the network {edges}, label each edge with its weight, and mark the cheapest set of edges that "
    "connects every node.",
)
ZH = (
    "画出边为 {edges} 的带权无向图，并高亮其最小生成树。",
    "用 Kruskal 算法求带权图（边：{edges}）的最小生成树，并在图中突出显示。",
)


class MstTemplate(ScienceTemplate):
    name = "cs.mst"
    family = "cs"
    subject = "Computer Science"
    image_type = "Trees and Graphs"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        (accent, accent_name), = accents(ctx, rng, 1)
        for _ in range(MAX_GRAPHS):
            n = int(rng.integers(6, 10))
            # distinct weights: the minimum spanning tree is unique, so the answer is too
            graph = random_graph(rng, n, int(rng.integers(2, n // 2 + 2)), "distinct")
            tree, trace = kruskal(graph)
            total = sum(graph.weights[e] for e in tree)
            style = GraphStyle(accent=accent, highlight_edges=set(tree),
                               title=f"Minimum spanning tree (total weight {total})")
            laid = lay_out_and_paint(rng, ctx, graph, style, edge_texts={e: str(w) for e, w in graph.weights.items()})
            if laid is not None:
                break
        else:
            raise RuntimeError("no drawable graph found")
        scene, layout, drawing = laid
        tree_text = ", ".join(f"{u}–{v} ({graph.weights[(u, v)]})" for u, v in tree)
        explicit = (
            f"Draw an undirected graph with nodes {node_range(graph)} as circles labelled with their letters and "
            f"edges {edge_list(graph)}, each labelled with its weight. Draw the {len(tree)} edges of the minimum "
            f"spanning tree, {tree_text}, thick in {accent_name} and the other edges thin, and title it "
            f"\"{style.title}\"."
        )
        steps = "; ".join(f"{u}–{v} ({graph.weights[(u, v)]}) "
                          + ("taken" if taken else "skipped, it would close a cycle") for (u, v), taken in trace)
        cot = (
            f"1. Kruskal's algorithm: take edges in increasing weight, keeping an edge unless its ends are already "
            f"connected: {steps}. 2. After {len(tree)} = {n} − 1 edges every node is connected; the tree weighs "
            + " + ".join(str(graph.weights[e]) for e in sorted(tree, key=graph.weights.get)) + f" = {total}. "
            f"3. Draw all edges with their weights and the tree edges thick in {accent_name}."
        )
        return ScienceItem(
            instruction=pick(rng, EN).format(edges=edge_list(graph)),
            instruction_explicit=explicit,
            instruction_zh=pick(rng, ZH).format(edges=edge_list_zh(graph)),
            cot=cot,
            answer={"total_weight": total, "edges": [list(e) for e in tree],
                    "edge_weights": [graph.weights[e] for e in tree]},
            problem=graph.as_problem(),
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if n <= 6 else "medium" if n <= 8 else "hard",
            labels={"texts": drawing.texts, "objects": objects(scene, style)},
            render={"accent": accent, **layout},
        )
