"""cs.traversal: BFS or DFS from a start node, each node annotated with its visit number
and the traversal tree highlighted."""

from __future__ import annotations

import numpy as np

from synthesis.science.cs.graph_draw import GraphStyle, lay_out_and_paint, objects
from synthesis.science.cs.graphs import Graph, bfs, dfs, random_graph
from synthesis.science.cs.style import accents, tint
from synthesis.science.cs.text import edge_list, edge_list_zh, node_range, pick
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_GRAPHS = 40
TIES = "whenever several nodes could come next, take the one with the smallest letter first"
TIES_ZH = "若有多个候选节点，按字母顺序优先访问较小者"
NAMES = {"bfs": "breadth-first search (BFS)", "dfs": "depth-first search (DFS)"}
NAMES_ZH = {"bfs": "广度优先搜索（BFS）", "dfs": "深度优先搜索（DFS）"}

EN = (
    "Draw the graph with edges {edges} and number the nodes in the order {algo} from {s} visits them; {ties}.",
    "Run {algo} from {s} on the undirected graph {edges} ({ties}) and draw the graph with each node's visit "
    "number and the traversal tree highlighted.",
)
ZH = (
    "画出边为 {edges} 的无向图，并按从 {s} 出发的{algo}的访问顺序给节点编号（{ties}）。",
)


def traverse(graph: Graph, algo: str, source: str) -> tuple[list[str], list[tuple[str, str]]]:
    if algo == "bfs":
        order, tree, _ = bfs(graph, source)
        return order, tree
    return dfs(graph, source)


def sample_graph(rng: np.random.Generator, weights: str | None = None) -> Graph:
    n = int(rng.integers(6, 10))
    return random_graph(rng, n, int(rng.integers(1, n // 2 + 2)), weights)


def cot_steps(graph: Graph, algo: str, source: str, order: list[str], tree: list[tuple[str, str]]) -> str:
    """How the traversal unfolds: who discovered whom, in order."""
    parent = {child: p for p, child in tree}
    found = "; ".join(f"{v} from {parent[v]}" for v in order[1:])
    if algo == "bfs":
        how = (f"BFS keeps a queue: start with {source}, then repeatedly dequeue a node and enqueue its unvisited "
               f"neighbours in alphabetical order")
    else:
        how = (f"DFS goes deep first: from {source}, move to the alphabetically first unvisited neighbour, and back "
               f"up only when a node has none left")
    return f"{how}. Discoveries in order: {found}. Visit order: {', '.join(order)}."


class TraversalTemplate(ScienceTemplate):
    name = "cs.traversal"
    family = "cs"
    subject = "Computer Science"
    image_type = "Trees and Graphs"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        (accent, accent_name), = accents(ctx, rng, 1)
        algo = "bfs" if rng.random() < 0.5 else "dfs"
        for _ in range(MAX_GRAPHS):
            graph = sample_graph(rng)
            source = graph.nodes[int(rng.integers(len(graph.nodes)))]
            order, tree = traverse(graph, algo, source)
            style = GraphStyle(accent=accent, highlight_edges={tuple(sorted(e)) for e in tree},
                               fills={source: tint(accent, ctx.theme.paper, 0.45)},
                               title=f"{algo.upper()} from {source} (ties: alphabetical)")
            position = {v: i + 1 for i, v in enumerate(order)}
            laid = lay_out_and_paint(rng, ctx, graph, style, node_texts={v: str(position[v]) for v in order})
            if laid is not None:
                break
        else:
            raise RuntimeError("no drawable graph found")
        scene, layout, drawing = laid
        values = {"edges": edge_list(graph), "s": source, "algo": NAMES[algo], "ties": TIES}
        explicit = (
            f"Draw an undirected graph with nodes {node_range(graph)} as circles labelled with their letters and "
            f"edges {edge_list(graph)}. Run {NAMES[algo]} from {source}, {TIES}; the visit order is "
            f"{', '.join(order)}. Write each node's visit number (1–{len(order)}) beside it in {accent_name}, "
            f"draw the tree edges " + ", ".join(f"{p}–{c}" for p, c in tree) + f" thick in {accent_name}, fill "
            f"{source} in light {accent_name}, and title it \"{style.title}\"."
        )
        cot = (f"1. {cot_steps(graph, algo, source, order, tree)} 2. Lay the graph out with no edge through a "
               f"node, write the visit numbers beside the nodes and draw the tree edges thick in {accent_name}.")
        return ScienceItem(
            instruction=pick(rng, EN).format(**values),
            instruction_explicit=explicit,
            instruction_zh=pick(rng, ZH).format(edges=edge_list_zh(graph), s=source, algo=NAMES_ZH[algo],
                                                ties=TIES_ZH),
            cot=cot,
            answer={"order": order, "position": position, "tree_edges": [list(e) for e in tree]},
            problem={**graph.as_problem(), "algorithm": algo, "source": source, "tie_break": "alphabetical"},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if len(graph.nodes) <= 6 else "medium" if len(graph.nodes) <= 8 else "hard",
            labels={"texts": drawing.texts, "objects": objects(scene, style)},
            render={"accent": accent, **layout},
        )
