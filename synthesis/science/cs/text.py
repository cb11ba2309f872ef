"""Small helpers that spell graph content out in instructions and reasoning."""

from __future__ import annotations

from synthesis.science.cs.graphs import Graph


def edge_list(graph: Graph) -> str:
    """"A–B (4), A–C (2)" or "A–B, A–C" for an unweighted graph."""
    if graph.weights:
        return ", ".join(f"{u}–{v} ({graph.weights[(u, v)]})" for u, v in graph.edges)
    return ", ".join(f"{u}–{v}" for u, v in graph.edges)


def edge_list_zh(graph: Graph) -> str:
    if graph.weights:
        return "，".join(f"{u}–{v}（权 {graph.weights[(u, v)]}）" for u, v in graph.edges)
    return "，".join(f"{u}–{v}" for u, v in graph.edges)


def node_range(graph: Graph) -> str:
    return f"{graph.nodes[0]}–{graph.nodes[-1]}"


def arrow_path(path: list[str]) -> str:
    return " → ".join(path)


def pick(rng, options):
    return options[int(rng.integers(len(options)))]
