"""cs.shortest_path: a weighted graph with Dijkstra's shortest path from s to t highlighted."""

from __future__ import annotations

import numpy as np

from synthesis.science.cs.graph_draw import GraphStyle, lay_out_and_paint, objects
from synthesis.science.cs.graphs import Graph, bfs, dijkstra, random_graph, shortest_path_is_unique
from synthesis.science.cs.style import accents, tint
from synthesis.science.cs.text import arrow_path, edge_list, edge_list_zh, node_range, pick
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_GRAPHS = 40

EN = (
    "Draw the weighted undirected graph with edges {edges} and highlight the shortest path from {s} to {t}.",
    "On the graph with weighted edges {edges}, run Dijkstra's algorithm from {s} and draw the graph with the "
    "shortest path to {t} highlighted.",
    "Sketch the network {edges} (edge weights in brackets), label every edge with its weight, and mark the "
    "cheapest route from {s} to {t}.",
)
ZH = (
    "画出带权无向图（边：{edges}），并高亮从 {s} 到 {t} 的最短路径。",
    "对边为 {edges} 的带权图从 {s} 运行 Dijkstra 算法，画出该图并突出显示到 {t} 的最短路径。",
)


def sample(rng: np.random.Generator) -> tuple[Graph, str, str]:
    """A graph, source and target whose shortest path is unique and has ≥ 2 edges."""
    for _ in range(MAX_GRAPHS * 10):
        n = int(rng.integers(6, 10))
        graph = random_graph(rng, n, int(rng.integers(1, n // 2 + 2)), "small")
        source = graph.nodes[int(rng.integers(n))]
        _, _, hops = bfs(graph, source)
        far = [v for v in graph.nodes if hops[v] >= 2]
        if not far:
            continue
        target = far[int(rng.integers(len(far)))]
        if shortest_path_is_unique(graph, source, target):
            return graph, source, target
    raise RuntimeError("no graph with a unique shortest path found")


class ShortestPathTemplate(ScienceTemplate):
    name = "cs.shortest_path"
    family = "cs"
    subject = "Computer Science"
    image_type = "Trees and Graphs"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        (accent, accent_name), = accents(ctx, rng, 1)
        for _ in range(MAX_GRAPHS):
            graph, s, t = sample(rng)
            dist, paths, settled = dijkstra(graph, s)
            path = paths[t]
            style = GraphStyle(
                accent=accent,
                highlight_edges={tuple(sorted(e)) for e in zip(path, path[1:])},
                fills={s: tint(accent, ctx.theme.paper, 0.45), t: tint(accent, ctx.theme.paper, 0.45)},
                outlined=set(path),
                title=f"Shortest path {s} → {t} (length {dist[t]})",
            )
            laid = lay_out_and_paint(rng, ctx, graph, style, edge_texts={e: str(w) for e, w in graph.weights.items()})
            if laid is not None:
                break
        else:
            raise RuntimeError("no drawable graph found")
        scene, layout, drawing = laid
        values = {"edges": edge_list(graph), "s": s, "t": t}
        explicit = (
            f"Draw an undirected graph with nodes {node_range(graph)} as circles labelled with their letters and "
            f"edges {edge_list(graph)}, each edge labelled with its weight. Highlight the shortest path "
            f"{arrow_path(path)} (total weight {dist[t]}) with thick {accent_name} edges and {accent_name} "
            f"outlines, fill {s} and {t} in light {accent_name}, and title it \"{style.title}\"."
        )
        cot = (
            f"1. Run Dijkstra's algorithm from {s}, settling nodes in order of distance: "
            + ", ".join(f"{v} ({dist[v]})" for v in settled) + ". "
            f"2. Follow the predecessors back from {t}: the shortest path is {arrow_path(path)}, of length "
            + " + ".join(str(graph.weights[tuple(sorted(e))]) for e in zip(path, path[1:])) + f" = {dist[t]}. "
            f"3. Lay the graph out so that no edge passes through a node, write each weight on its edge, and "
            f"draw the path's edges thick in {accent_name}."
        )
        return ScienceItem(
            instruction=pick(rng, EN).format(**values),
            instruction_explicit=explicit,
            instruction_zh=pick(rng, ZH).format(edges=edge_list_zh(graph), s=s, t=t),
            cot=cot,
            answer={"path": path, "distance": dist[t], "distances": dist},
            problem={**graph.as_problem(), "source": s, "target": t},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if len(graph.nodes) <= 6 else "medium" if len(graph.nodes) <= 8 else "hard",
            labels={"texts": drawing.texts, "objects": objects(scene, style)},
            render={"accent": accent, **layout},
        )
