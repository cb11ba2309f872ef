"""Referring expressions: how an instruction picks out one node.

`explicit` names a node by what it looks like (and where, when that is needed); the
abstract forms name it by a property that takes a step of reasoning to resolve —
its rank from the left, being the largest, the only animal, what it stands next to —
and return the CoT steps that resolve it.
"""

from __future__ import annotations

import numpy as np

from synthesis.editing import describe
from synthesis.editing.graph import Node, Scene
from synthesis.editing.library import KINDS


CLEAR_MARGIN = 1.3  # "the largest" only when it is clearly larger than the runner-up


def _unique(nodes: list[Node], node: Node, key) -> bool:
    return sum(1 for n in nodes if key(n) == key(node)) == 1


def explicit(scene: Scene, node: Node) -> str:
    """The shortest unambiguous description: 'the mug', 'the red apple', 'the red apple
    on the left', or 'the second red apple from the left'."""
    nodes = describe.objects(scene)
    if _unique(nodes, node, lambda n: n.kind):
        return "the " + describe.kind_name(node.kind) if node.kind != "sign" else "the " + describe.noun(node)
    if _unique(nodes, node, describe.noun):
        return "the " + describe.noun(node)
    where = describe.location(scene, node)
    if _unique(nodes, node, lambda n: (describe.noun(n), describe.location(scene, n))):
        return f"the {describe.noun(node)} {where}"
    same = [n for n in nodes if describe.noun(n) == describe.noun(node)]
    rank = same.index(node)
    return f"the {describe.ORDINALS[rank]} {describe.noun(node)} from the left"


def _ordinal(scene: Scene, node: Node) -> tuple[str, list[str]] | None:
    nodes = describe.objects(scene)
    if len(nodes) < 3:
        return None
    rank = nodes.index(node)
    if rank < len(nodes) / 2:
        phrase, k = f"the {describe.ORDINALS[rank]} object from the left", rank
    else:
        k = len(nodes) - 1 - rank
        phrase = f"the {describe.ORDINALS[k]} object from the right"
    names = ", ".join(describe.noun(n) for n in nodes)
    side = "left" if "left" in phrase else "right"
    return phrase, [f"Reading the objects from left to right: {names}.",
                    f"Counting from the {side}, object number {k + 1} is the {describe.noun(node)}."]


def _extreme(scene: Scene, node: Node) -> tuple[str, list[str]] | None:
    pool = [n for n in describe.objects(scene) if n.kind in KINDS]
    for group, label in ((pool, "object"), ([n for n in pool if n.category == node.category], node.category)):
        if len(group) < 2 or node not in group:
            continue
        area = describe.visual_area
        areas = sorted((area(n) for n in group), reverse=True)
        if area(node) == areas[0] and areas[0] > CLEAR_MARGIN * areas[1]:
            word = "largest"
        elif area(node) == areas[-1] and areas[-2] > CLEAR_MARGIN * areas[-1]:
            word = "smallest"
        else:
            continue
        label = "object" if label == "object" else _category_noun(label)
        return f"the {word} {label}", [
            f"Comparing how much of the picture each {label} covers: " + ", ".join(
                f"the {describe.noun(n)} about {round(area(n), -1):.0f} px²" for n in group) + ".",
            f"The {word} is the {describe.noun(node)}."]
    return None


def _category_noun(category: str) -> str:
    return {"furniture": "piece of furniture", "household": "household item"}.get(category, category)


def _only_of_category(scene: Scene, node: Node) -> tuple[str, list[str]] | None:
    nodes = [n for n in describe.objects(scene) if n.kind in KINDS]
    if len(nodes) < 3 or not _unique(nodes, node, lambda n: n.category):
        return None
    noun = _category_noun(node.category)
    return f"the only {noun}", [
        "Sorting the objects by kind: " + "; ".join(
            f"the {describe.noun(n)} is a {_category_noun(n.category)}" for n in nodes) + ".",
        f"Exactly one of them is a {noun}: the {describe.noun(node)}."]


def _neighbour(scene: Scene, node: Node) -> tuple[str, list[str]] | None:
    same = sorted((n for n in describe.objects(scene) if n.surface == node.surface), key=lambda n: n.x)
    i = same.index(node)
    for j, side in ((i + 1, "left"), (i - 1, "right")):
        if 0 <= j < len(same):
            anchor = same[j]
            ref = explicit(scene, anchor)
            return f"the object just to the {side} of {ref}", [
                f"{ref[0].upper() + ref[1:]} stands {describe.location(scene, anchor)}.",
                f"The nearest object to its {side} is the {describe.noun(node)}."]
    return None


STRATEGIES = (_ordinal, _extreme, _only_of_category, _neighbour)


def abstract(rng: np.random.Generator, scene: Scene, node: Node) -> tuple[str, list[str]]:
    """A description that needs a reasoning step, and the steps; falls back to the
    explicit description when no strategy applies."""
    order = rng.permutation(len(STRATEGIES))
    for i in order:
        found = STRATEGIES[int(i)](scene, node)
        if found:
            return found
    ref = explicit(scene, node)
    return ref, [f"{ref[0].upper() + ref[1:]} is {describe.location(scene, node)}."]
