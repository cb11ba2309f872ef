"""cs.traversal_question: a graph drawn with no hints, and a question whose answer needs
the graph read off the image: a BFS/DFS visit order, or a shortest distance."""

from __future__ import annotations

import numpy as np

from synthesis.science.cs.graph_draw import GraphStyle, lay_out_and_paint, objects
from synthesis.science.cs.graphs import bfs, dijkstra, shortest_path_is_unique
from synthesis.science.cs.style import accents
from synthesis.science.cs.text import arrow_path, pick
from synthesis.science.cs.traversal import NAMES, TIES, TIES_ZH, cot_steps, sample_graph, traverse
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_GRAPHS = 40
KINDS = ("bfs", "dfs", "hops", "distance")

QUESTIONS = {
    "bfs": ("In which order does BFS visit the nodes of the graph in the image, starting from {s}? {Ties}.",
            "List the nodes in the order breadth-first search reaches them from {s} ({ties})."),
    "dfs": ("In which order does DFS visit the nodes of the graph in the image, starting from {s}? {Ties}.",
            "Starting at {s}, a recursive depth-first search visits the nodes in what order ({ties})?"),
    "hops": ("What is the fewest number of edges on a path from {s} to {t} in the graph shown?",
             "How many edges does a shortest path from {s} to {t} have in this graph?"),
    "distance": ("What is the shortest distance from {s} to {t} in the weighted graph shown?",
                 "Using the edge weights in the image, how long is the shortest path from {s} to {t}?"),
}
QUESTIONS_ZH = {
    "bfs": "从 {s} 出发，广度优先搜索按什么顺序访问图中的节点？（{ties}）",
    "dfs": "从 {s} 出发，深度优先搜索按什么顺序访问图中的节点？（{ties}）",
    "hops": "在图中，从 {s} 到 {t} 的路径最少经过几条边？",
    "distance": "在图示的带权图中，从 {s} 到 {t} 的最短距离是多少？",
}


class TraversalQuestionTemplate(ScienceTemplate):
    name = "cs.traversal_question"
    family = "cs"
    subject = "Computer Science"
    image_type = "Trees and Graphs"
    task = "und"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        kind = pick(rng, KINDS)
        (accent, _), = accents(ctx, rng, 1)
        for _ in range(MAX_GRAPHS):
            graph = sample_graph(rng, "small" if kind == "distance" else None)
            s = graph.nodes[int(rng.integers(len(graph.nodes)))]
            order, tree, hops = bfs(graph, s)
            far = [v for v in graph.nodes if hops[v] >= 2]
            if kind in ("hops", "distance") and not far:
                continue
            t = far[int(rng.integers(len(far)))] if far else None
            if kind == "distance" and not shortest_path_is_unique(graph, s, t):
                continue
            style = GraphStyle(accent=accent)  # nothing highlighted: the question gives no hints
            texts = {e: str(w) for e, w in graph.weights.items()} if graph.weights else None
            laid = lay_out_and_paint(rng, ctx, graph, style, edge_texts=texts)
            if laid is not None:
                break
        else:
            raise RuntimeError("no drawable graph found")
        scene, layout, drawing = laid
        fill = {"s": s, "t": t, "ties": TIES, "Ties": TIES[0].upper() + TIES[1:]}
        if kind in ("bfs", "dfs"):
            order, tree = traverse(graph, kind, s)
            t = None  # a traversal has no target
            answer = {"answer": ", ".join(order), "order": order, "position": {v: i + 1 for i, v in enumerate(order)}}
            cot = cot_steps(graph, kind, s, order, tree)
            explicit = (f"The image shows an undirected graph. Run {NAMES[kind]} from node {s}; {TIES}. "
                        f"Give the visit order as a comma-separated list of node letters.")
            zh = QUESTIONS_ZH[kind].format(s=s, ties=TIES_ZH)
        elif kind == "hops":
            path = [t]
            parent = {c: p for p, c in tree}
            while path[-1] != s:
                path.append(parent[path[-1]])
            path.reverse()
            answer = {"answer": hops[t], "hops": hops}
            cot = (f"Breadth-first search from {s} reaches nodes level by level: "
                   + "; ".join(f"level {d}: " + ", ".join(v for v in order if hops[v] == d)
                               for d in range(max(hops.values()) + 1))
                   + f". {t} is on level {hops[t]}, e.g. via {arrow_path(path)}, so the answer is {hops[t]}.")
            explicit = (f"The image shows an undirected, unweighted graph. Count the edges on a shortest path from "
                        f"node {s} to node {t} and give that number.")
            zh = QUESTIONS_ZH[kind].format(s=s, t=t)
        else:
            dist, paths, settled = dijkstra(graph, s)
            path = paths[t]
            answer = {"answer": dist[t], "path": path, "distances": dist}
            cot = (f"Read the edge weights off the image and run Dijkstra's algorithm from {s}, settling "
                   + ", ".join(f"{v} ({dist[v]})" for v in settled)
                   + f". The shortest path to {t} is {arrow_path(path)}: "
                   + " + ".join(str(graph.weights[tuple(sorted(e))]) for e in zip(path, path[1:]))
                   + f" = {dist[t]}.")
            explicit = (f"The image shows an undirected graph with a weight on every edge. Find the minimum total "
                        f"weight of a path from node {s} to node {t} and give that number.")
            zh = QUESTIONS_ZH[kind].format(s=s, t=t)
        return ScienceItem(
            instruction=pick(rng, QUESTIONS[kind]).format(**fill),
            instruction_explicit=explicit,
            instruction_zh=zh,
            cot=cot,
            answer=answer,
            problem={**graph.as_problem(), "question": kind, "source": s, "target": t, "tie_break": "alphabetical"},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if kind == "hops" or len(graph.nodes) <= 6 else "medium",
            labels={"texts": drawing.texts, "objects": objects(scene, style)},
            render=dict(layout),
        )
