"""Random graphs and their textbook answers, computed with networkx (the verifier in
filters/science/cs.py recomputes them with its own plain-Python algorithms).

Nodes are capital letters; every tie a traversal meets is broken by the smaller letter.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import networkx as nx
import numpy as np


@dataclass(frozen=True)
class Graph:
    nodes: list[str]
    edges: list[tuple[str, str]]  # u < v, sorted
    weights: dict[tuple[str, str], int] | None = None

    def nx(self) -> nx.Graph:
        g = nx.Graph()
        g.add_nodes_from(self.nodes)
        for u, v in self.edges:
            g.add_edge(u, v, weight=self.weights[(u, v)] if self.weights else 1)
        return g

    def as_problem(self) -> dict:
        out: dict = {"nodes": self.nodes, "edges": [[u, v] for u, v in self.edges]}
        if self.weights:
            out["weights"] = [self.weights[e] for e in self.edges]
        return out


def random_graph(rng: np.random.Generator, n: int, extra: int, weights: str | None = None) -> Graph:
    """A connected graph: a random spanning tree plus `extra` random chords.
    weights: None, "small" (1–9, repeats allowed) or "distinct" (all different, 1–20)."""
    nodes = list(string.ascii_uppercase[:n])
    order = [nodes[int(i)] for i in rng.permutation(n)]
    edges = set()
    for i in range(1, n):  # attach each node to an earlier one: connected by construction
        j = int(rng.integers(i))
        edges.add(tuple(sorted((order[i], order[j]))))
    missing = [(u, v) for i, u in enumerate(nodes) for v in nodes[i + 1:] if (u, v) not in edges]
    for k in rng.permutation(len(missing))[:extra]:
        edges.add(missing[int(k)])
    edges = sorted(edges)
    w = None
    if weights == "small":
        w = {e: int(rng.integers(1, 10)) for e in edges}
    elif weights == "distinct":
        w = {e: int(x) for e, x in zip(edges, rng.permutation(np.arange(1, 21))[:len(edges)])}
    return Graph(nodes, edges, w)


def dijkstra(graph: Graph, source: str) -> tuple[dict[str, int], dict[str, list[str]], list[str]]:
    """(distance, one shortest path, settle order) for every node."""
    dist, paths = nx.single_source_dijkstra(graph.nx(), source)
    settled = sorted(dist, key=lambda v: (dist[v], v))
    return {v: int(dist[v]) for v in graph.nodes}, paths, settled


def shortest_path_is_unique(graph: Graph, source: str, target: str) -> bool:
    paths = nx.all_shortest_paths(graph.nx(), source, target, weight="weight")
    return sum(1 for _ in zip(range(2), paths)) == 1


def bfs(graph: Graph, source: str) -> tuple[list[str], list[tuple[str, str]], dict[str, int]]:
    """(visit order, tree edges as (parent, child), hop distance)."""
    g = graph.nx()
    tree = list(nx.bfs_edges(g, source, sort_neighbors=sorted))
    hops = nx.single_source_shortest_path_length(g, source)
    return [source] + [v for _, v in tree], tree, {v: int(hops[v]) for v in graph.nodes}


def dfs(graph: Graph, source: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(pre-order of a recursive DFS that tries neighbours alphabetically, tree edges)."""
    g = graph.nx()
    order = list(nx.dfs_preorder_nodes(g, source, sort_neighbors=sorted))
    return order, list(nx.dfs_edges(g, source, sort_neighbors=sorted))


def kruskal(graph: Graph) -> tuple[list[tuple[str, str]], list[tuple[tuple[str, str], bool]]]:
    """(tree edges sorted, the Kruskal trace: each edge by weight and whether it was taken)."""
    taken = {tuple(sorted((u, v))) for u, v in nx.minimum_spanning_edges(graph.nx(), algorithm="kruskal", data=False)}
    trace = []
    for e in sorted(graph.edges, key=lambda e: (graph.weights[e], e)):
        trace.append((e, e in taken))
        if sum(t for _, t in trace) == len(graph.nodes) - 1:
            break
    return sorted(taken), trace
