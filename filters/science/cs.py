"""Verifiers of the cs family (independent of synthesis.science.cs).

Everything is recomputed in plain Python from the problem's inputs, by routes other
than the generator's: the generator uses networkx for graphs, linked-node insertion for
BSTs, its own sift loops for heaps and textbook constructions (KMP, remainders) for
automata; here graphs get an array-scan Dijkstra, a queue BFS, a recursive DFS and a
union-find Kruskal, a BST is rebuilt by recursively partitioning the key sequence (the
first key is the root; smaller keys, in order, form the left subtree), heaps come from
the standard library's heapq, and an automaton's table is found by brute force: the
state a string leads to is what the language says it should remember about it.
"""

from __future__ import annotations

import heapq
from typing import Any

# ---------------------------------------------------------------- graphs


def _adjacency(problem: dict[str, Any]) -> tuple[list[str], dict[str, dict[str, int]]]:
    nodes = list(problem["nodes"])
    weights = problem.get("weights") or [1] * len(problem["edges"])
    adj: dict[str, dict[str, int]] = {v: {} for v in nodes}
    for (u, v), w in zip(problem["edges"], weights):
        adj[u][v] = adj[v][u] = int(w)
    return nodes, adj


def _dijkstra(nodes, adj, source) -> tuple[dict[str, int], dict[str, str | None]]:
    """O(n²) Dijkstra: scan for the closest unsettled node each round."""
    inf = float("inf")
    dist = {v: inf for v in nodes}
    prev: dict[str, str | None] = {v: None for v in nodes}
    dist[source] = 0
    done: set[str] = set()
    while len(done) < len(nodes):
        u = min((v for v in nodes if v not in done), key=lambda v: (dist[v], v))
        if dist[u] == inf:
            break
        done.add(u)
        for v, w in adj[u].items():
            if dist[u] + w < dist[v]:
                dist[v], prev[v] = dist[u] + w, u
    return {v: int(d) for v, d in dist.items()}, prev


def _walk_back(prev, target) -> list[str]:
    path = [target]
    while prev[path[-1]] is not None:
        path.append(prev[path[-1]])
    return path[::-1]


def _bfs(adj, source) -> tuple[list[str], list[list[str]], dict[str, int]]:
    order, tree, level = [source], [], {source: 0}
    queue, head = [source], 0
    while head < len(queue):
        u = queue[head]
        head += 1
        for v in sorted(adj[u]):
            if v not in level:
                level[v] = level[u] + 1
                order.append(v), tree.append([u, v]), queue.append(v)
    return order, tree, level


def _dfs(adj, source) -> tuple[list[str], list[list[str]]]:
    order, tree, seen = [], [], set()

    def visit(u):
        seen.add(u)
        order.append(u)
        for v in sorted(adj[u]):
            if v not in seen:
                tree.append([u, v])
                visit(v)

    visit(source)
    return order, tree


def shortest_path(problem: dict[str, Any]) -> dict[str, Any]:
    nodes, adj = _adjacency(problem)
    dist, prev = _dijkstra(nodes, adj, problem["source"])
    return {"distance": dist[problem["target"]], "path": _walk_back(prev, problem["target"]), "distances": dist}


def traversal(problem: dict[str, Any]) -> dict[str, Any]:
    _, adj = _adjacency(problem)
    if problem["algorithm"] == "bfs":
        order, tree, _ = _bfs(adj, problem["source"])
    else:
        order, tree = _dfs(adj, problem["source"])
    return {"position": {v: i + 1 for i, v in enumerate(order)}, "order": order, "tree_edges": tree}


def traversal_question(problem: dict[str, Any]) -> dict[str, Any]:
    nodes, adj = _adjacency(problem)
    s, t, question = problem["source"], problem["target"], problem["question"]
    if question in ("bfs", "dfs"):
        order = _bfs(adj, s)[0] if question == "bfs" else _dfs(adj, s)[0]
        return {"answer": ", ".join(order), "order": order, "position": {v: i + 1 for i, v in enumerate(order)}}
    if question == "hops":
        level = _bfs(adj, s)[2]
        return {"answer": level[t], "hops": level}
    dist, prev = _dijkstra(nodes, adj, s)
    return {"answer": dist[t], "path": _walk_back(prev, t), "distances": dist}


def mst(problem: dict[str, Any]) -> dict[str, Any]:
    """Kruskal with a union-find (path halving)."""
    parent = {v: v for v in problem["nodes"]}

    def root(v):
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    tree = []
    for w, u, v in sorted((int(w), u, v) for (u, v), w in zip(problem["edges"], problem["weights"])):
        ru, rv = root(u), root(v)
        if ru != rv:
            parent[ru] = rv
            tree.append((sorted([u, v]), w))
    tree.sort()
    return {"total_weight": sum(w for _, w in tree), "edges": [e for e, _ in tree],
            "edge_weights": [w for _, w in tree]}


# ---------------------------------------------------------------- trees


def _partition_tree(keys: list[int]) -> list | None:
    """[key, left, right]: the first key is the root, the smaller ones (in their order) the
    left subtree, the larger ones the right subtree: the same tree as inserting one by one."""
    if not keys:
        return None
    root = keys[0]
    smaller, larger = [k for k in keys[1:] if k < root], [k for k in keys[1:] if k > root]
    return [root, _partition_tree(smaller), _partition_tree(larger)]


def _orders(tree) -> tuple[list[int], list[int], int]:
    """(in-order, pre-order, height in edges; -1 for the empty tree)."""
    if tree is None:
        return [], [], -1
    key, left, right = tree
    li, lp, lh = _orders(left)
    ri, rp, rh = _orders(right)
    return li + [key] + ri, [key] + lp + rp, 1 + max(lh, rh)


def bst(problem: dict[str, Any]) -> dict[str, Any]:
    tree = _partition_tree([int(k) for k in problem["keys"]])
    inorder, preorder, height = _orders(tree)
    return {"height": height, "inorder": inorder, "preorder": preorder, "tree": tree}


def bst_insert_edit(problem: dict[str, Any]) -> dict[str, Any]:
    keys, new = [int(k) for k in problem["keys"]], int(problem["insert"])
    tree = _partition_tree(keys + [new])
    inorder, preorder, height = _orders(tree)
    node, depth, parent, side = tree, 0, None, None
    while node[0] != new:  # find where the new key landed
        side = "left" if new < node[0] else "right"
        parent, node, depth = node[0], node[1] if side == "left" else node[2], depth + 1
    return {"height": height, "depth": depth, "parent": parent, "side": side, "inorder": inorder,
            "preorder": preorder}


def heap(problem: dict[str, Any]) -> dict[str, Any]:
    sign = 1 if problem["kind"] == "min" else -1  # heapq is a min-heap: negate for a max-heap
    values = [sign * int(v) for v in problem["values"]]
    if problem["method"] == "heapify":
        heapq.heapify(values)
        built = values
    else:
        built = []
        for v in values:
            heapq.heappush(built, v)
    height, nodes_on_levels = 0, 1
    while nodes_on_levels * 2 - 1 < len(built):  # levels completely or partly filled, minus one
        nodes_on_levels *= 2
        height += 1
    return {"heap": [sign * v for v in built], "height": height}


# ---------------------------------------------------------------- automata


def _language(problem: dict[str, Any]):
    """(state of a word, whether the word is in the language) from the language's definition."""
    kind = problem["kind"]
    if kind == "divisible":
        k = problem["k"]
        return (lambda w: int(w or "0", 2) % k), (lambda w: int(w or "0", 2) % k == 0)
    if kind in ("ends_with", "contains"):
        p = problem["pattern"]

        def matched(w):
            if kind == "contains" and p in w:
                return len(p)
            return max(i for i in range(len(p) + 1) if w.endswith(p[:i]))

        return matched, (lambda w: w.endswith(p)) if kind == "ends_with" else (lambda w: p in w)
    if kind == "count_mod":
        k = problem["k"]
        return (lambda w: w.count("1") % k), (lambda w: w.count("1") % k == 0)
    if kind == "even_counts":
        return ((lambda w: w.count("a") % 2 + 2 * (w.count("b") % 2)),
                (lambda w: w.count("a") % 2 == 0 and w.count("b") % 2 == 0))
    raise ValueError(f"unknown automaton kind {kind!r}")


def fsm(problem: dict[str, Any]) -> dict[str, Any]:
    state_of, accepts = _language(problem)
    alphabet = problem["alphabet"]
    representative = {state_of(""): ""}  # shortest word reaching each state, breadth first
    frontier = [""]
    while frontier:
        nxt = []
        for w in frontier:
            for c in alphabet:
                s = state_of(w + c)
                if s not in representative:
                    representative[s] = w + c
                    nxt.append(w + c)
        frontier = nxt
    states = sorted(representative)
    table = {f"q{s}": {c: f"q{state_of(representative[s] + c)}" for c in alphabet} for s in states}
    return {
        "num_states": len(states),
        "states": [f"q{s}" for s in states],
        "start": f"q{state_of('')}",
        "accepting": [f"q{s}" for s in states if accepts(representative[s])],
        "transitions": table,
        "examples": [{"word": w, "accepted": accepts(w)} for w in problem["words"]],
    }


VERIFIERS = {
    "cs.bst": bst,
    "cs.heap": heap,
    "cs.shortest_path": shortest_path,
    "cs.traversal": traversal,
    "cs.mst": mst,
    "cs.fsm": fsm,
    "cs.bst_insert_edit": bst_insert_edit,
    "cs.traversal_question": traversal_question,
}
