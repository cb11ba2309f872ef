"""cs family: layouts that keep their promises, and answers checked against hand-worked
examples and against the independent verifier over whole parameter ranges."""

from __future__ import annotations

import io
import itertools
import math
import random

import numpy as np
import pytest
from PIL import Image

from filters.science import cs as verify
from synthesis.science.cs.dfa import build
from synthesis.science.cs.graphs import Graph, bfs, dfs, dijkstra, kruskal
from synthesis.science.cs.layout import Label, Scene, node_problems, scene_problems
from synthesis.science.cs.style import Sizes
from synthesis.science.cs.tree_draw import bst_scene
from synthesis.science.cs.trees import Bst, heap_by_heapify, heap_by_insertion
from synthesis.science.generator import ScienceGenerator

SMALL = {"size_px_min": 512, "size_px_max": 640, "dpi": 72}


@pytest.fixture(scope="module")
def gen() -> ScienceGenerator:
    return ScienceGenerator()


def make(gen, name, seeds, **extra):
    return [gen(seed, ScienceGenerator.Params(templates=[name], **{**SMALL, **extra})) for seed in seeds]


def rgb(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


# ---------------------------------------------------------------- the distance check


def square_scene(**changes) -> Scene:
    """Four nodes on a square with its four sides as edges: a layout that passes."""
    nodes = {"A": (100.0, 100.0), "B": (400.0, 100.0), "C": (400.0, 400.0), "D": (100.0, 400.0)}
    nodes.update(changes)
    edges = [("A", "B"), ("B", "C"), ("C", "D"), ("A", "D")]
    return Scene(512, 20.0, nodes, {e: [nodes[e[0]], nodes[e[1]]] for e in edges})


def test_distance_check_passes_a_clean_layout():
    assert scene_problems(square_scene(), margin=6) == []


def test_distance_check_rejects_overlapping_nodes():
    problems = node_problems(square_scene(B=(130.0, 110.0)), margin=6)
    assert any("nodes A and B overlap" in p for p in problems)


def test_distance_check_rejects_an_edge_through_a_node():
    scene = square_scene()
    scene.nodes["E"] = (250.0, 104.0)  # 4 px from edge A–B, far less than radius + margin
    assert "edge A-B passes through node E" in node_problems(scene, margin=6)
    scene.nodes["E"] = (250.0, 100.0 + 20.0 + 6.0 + 1.0)  # just clear of it
    assert not any("node E" in p for p in node_problems(scene, margin=6))


def test_distance_check_rejects_overlapping_and_misplaced_labels():
    scene = square_scene()
    scene.labels = [Label("7", [240, 90, 260, 110], ("A", "B")), Label("12", [250, 95, 280, 115], ("A", "B"))]
    assert any("overlap" in p for p in scene_problems(scene, margin=6))
    scene.labels = [Label("5", [85, 90, 105, 110], ("A", "B"))]  # on node A
    assert any("covers node A" in p for p in scene_problems(scene, margin=6))
    scene.labels = [Label("5", [390, 240, 410, 260], ("A", "B"))]  # on edge B–C, which it does not label
    assert any("lies on edge B-C" in p for p in scene_problems(scene, margin=6))


@pytest.mark.parametrize("name", ["cs.shortest_path", "cs.mst", "cs.traversal", "cs.traversal_question"])
def test_drawn_graphs_pass_the_distance_check(gen, name):
    """Re-check the recorded pixel positions of the final samples, not the layout code's view of them."""
    for s in make(gen, name, range(5)):
        objects = s.labels["objects"]
        nodes = {o["name"]: o for o in objects if o["label"] == "node"}
        edges = [o for o in objects if o["label"] == "edge"]
        radius = next(iter(nodes.values()))["radius"]
        margin = Sizes(s.spec["size_px"]).margin
        for e in edges:
            (ax, ay), (bx, by) = e["points"]
            for name_, node in nodes.items():
                if name_ in e["nodes"]:
                    continue
                px, py = node["center"]
                along = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)
                t = max(0.0, min(1.0, along))
                gap = math.hypot(px - ax - t * (bx - ax), py - ay - t * (by - ay))
                assert gap >= radius + margin - 0.01, (s.seed, e["nodes"], name_)
        centers = [n["center"] for n in nodes.values()]
        for i, a in enumerate(centers):
            for b in centers[i + 1:]:
                assert math.dist(a, b) >= 2 * radius + margin - 0.01


def test_every_weight_is_written_on_the_graph(gen):
    for s in make(gen, "cs.mst", range(3)) + make(gen, "cs.shortest_path", range(3)):
        texts = sorted(t["text"] for t in s.labels["texts"])
        weights = sorted(str(w) for w in s.spec["problem"]["weights"])
        letters = sorted(s.spec["problem"]["nodes"])
        title = [t for t in texts if len(t) > 3]
        assert sorted(t for t in texts if t not in title) == sorted(weights + letters)


def test_highlighted_edges_are_the_answer(gen):
    for s in make(gen, "cs.shortest_path", range(3)):
        bold = {tuple(o["nodes"]) for o in s.labels["objects"] if o["label"] == "edge" and o["highlighted"]}
        path = s.answer["path"]
        assert bold == {tuple(sorted(e)) for e in zip(path, path[1:])}
    for s in make(gen, "cs.mst", range(3)):
        bold = {tuple(o["nodes"]) for o in s.labels["objects"] if o["label"] == "edge" and o["highlighted"]}
        assert bold == {tuple(e) for e in s.answer["edges"]}


# ---------------------------------------------------------------- the BST edit


def test_bst_layout_over_the_union_keeps_shared_nodes_in_place():
    sizes = Sizes(640)
    keys, new = [50, 30, 70, 20, 40, 60, 80], 45
    before, after = Bst.build(keys)[0], Bst.build(keys + [new])[0]
    levels = after.height() + 1
    a = bst_scene(sizes, keys + [new], before.depths(), before.edges(), levels, 0, 640)
    b = bst_scene(sizes, keys + [new], after.depths(), after.edges(), levels, 0, 640)
    assert all(a.nodes[k] == b.nodes[k] for k in a.nodes) and set(b.nodes) - set(a.nodes) == {"45"}


@pytest.mark.parametrize("theme", ["textbook", "blackboard", "hand_drawn", "exam_print"])
def test_bst_edit_leaves_unchanged_nodes_pixel_identical(gen, theme):
    for s in make(gen, "cs.bst_insert_edit", range(2), themes=[theme]):
        source, target = rgb(s.source_image), rgb(s.image)
        new, parent = str(s.spec["problem"]["insert"]), str(s.answer["parent"])
        changed_nodes = 0
        for o in s.labels["objects"]:
            x, y = o["center"]
            r = o["radius"] + 2
            box = (slice(int(y - r), int(y + r) + 1), slice(int(x - r), int(x + r) + 1))
            if o["text"] == new:
                changed_nodes += int((source[box] != target[box]).any())
            elif o["text"] != parent:  # the new edge starts at the parent's rim
                assert (source[box] == target[box]).all(), f"node {o['text']} moved or changed ({theme})"
        assert changed_nodes == 1
        mask = rgb(s.mask)[..., 0] > 127
        new_obj = next(o for o in s.labels["objects"] if o["text"] == new)
        assert mask[int(new_obj["center"][1]), int(new_obj["center"][0])]


# ---------------------------------------------------------------- answers


TIE_GRAPH = Graph(["A", "B", "C", "D", "E"], [("A", "B"), ("A", "C"), ("B", "D"), ("C", "D"), ("D", "E")],
                  {("A", "B"): 1, ("A", "C"): 4, ("B", "D"): 5, ("C", "D"): 1, ("D", "E"): 2})


def test_traversals_break_ties_alphabetically():
    assert bfs(TIE_GRAPH, "A")[0] == ["A", "B", "C", "D", "E"]
    assert dfs(TIE_GRAPH, "A")[0] == ["A", "B", "D", "C", "E"]
    problem = {**TIE_GRAPH.as_problem(), "source": "A"}
    assert verify.traversal({**problem, "algorithm": "bfs"})["order"] == ["A", "B", "C", "D", "E"]
    assert verify.traversal({**problem, "algorithm": "dfs"})["order"] == ["A", "B", "D", "C", "E"]


def test_dijkstra_and_kruskal_on_a_worked_example():
    dist, paths, _ = dijkstra(TIE_GRAPH, "A")
    assert dist == {"A": 0, "B": 1, "C": 4, "D": 5, "E": 7} and paths["E"] == ["A", "C", "D", "E"]
    tree, _ = kruskal(TIE_GRAPH)
    assert tree == [("A", "B"), ("A", "C"), ("C", "D"), ("D", "E")]
    assert verify.mst(TIE_GRAPH.as_problem()) == {
        "total_weight": 8, "edges": [["A", "B"], ["A", "C"], ["C", "D"], ["D", "E"]], "edge_weights": [1, 4, 1, 2]}
    assert verify.shortest_path({**TIE_GRAPH.as_problem(), "source": "A", "target": "E"})["path"] == ["A", "C", "D", "E"]


def test_bst_and_heaps_agree_with_the_verifier_on_random_inputs():
    rng = random.Random(3)
    for _ in range(300):
        keys = rng.sample(range(1, 100), rng.randint(1, 15))
        tree = Bst.build(keys)[0]
        expected = verify.bst({"keys": keys})
        assert (tree.inorder(), tree.preorder(), tree.height(), tree.nested()) == (
            expected["inorder"], expected["preorder"], expected["height"], expected["tree"])
        for kind in ("min", "max"):
            for method, build_heap in (("heapify", heap_by_heapify), ("insert", heap_by_insertion)):
                problem = {"values": keys, "kind": kind, "method": method}
                assert build_heap(keys, kind)[0] == verify.heap(problem)["heap"]


def test_bst_worked_example():
    tree = Bst.build([8, 3, 10, 1, 6, 14, 4, 7, 13])[0]
    assert tree.preorder() == [8, 3, 1, 6, 4, 7, 10, 14, 13] and tree.height() == 3
    assert tree.nested()[2] == [10, None, [14, [13, None, None], None]]


def _all_dfa_params():
    yield "divisible", {"k": 3}
    yield "divisible", {"k": 4}
    yield "count_mod", {"k": 2}
    yield "count_mod", {"k": 3}
    yield "even_counts", {}
    for length in (2, 3):
        for i in range(2 ** length):
            pattern = "".join("ab"[(i >> j) & 1] for j in range(length))
            yield "ends_with", {"pattern": pattern}
            yield "contains", {"pattern": pattern}


@pytest.mark.parametrize("kind,params", list(_all_dfa_params()))
def test_every_automaton_matches_its_brute_force_table(kind, params):
    dfa = build(kind, params)
    words = ["".join(w) for n in range(1, 8) for w in itertools.product(dfa.alphabet, repeat=n)]
    expected = verify.fsm({"kind": kind, **params, "alphabet": dfa.alphabet, "words": words})
    assert expected["transitions"] == dfa.delta and expected["accepting"] == dfa.accepting
    assert [dfa.run(w)[0] for w in words] == [e["accepted"] for e in expected["examples"]]


def test_divisible_by_three_examples():
    dfa = build("divisible", {"k": 3})
    assert dfa.run("110")[0] and not dfa.run("111")[0] and dfa.run("1001")[0]
