"""Helpers the edits share: picking nodes, colour riddles, placing next to a neighbour."""

from __future__ import annotations

import numpy as np

from synthesis.editing import describe, library
from synthesis.editing.edits.base import NotApplicable
from synthesis.editing.graph import Node, Scene
from synthesis.editing.layouts import Surface, surfaces

COLOUR_RIDDLES = {
    "red": "the colour of a fire engine", "orange": "the colour of a pumpkin", "yellow": "the colour of a ripe lemon",
    "green": "the colour of fresh grass", "blue": "the colour of a clear summer sky", "white": "the colour of fresh snow",
    "black": "the colour of coal", "purple": "the colour of an aubergine", "pink": "the colour of candy floss",
    "brown": "the colour of milk chocolate", "grey": "the colour of a rain cloud", "gold": "the colour of a gold coin",
    "navy": "the colour of a sailor's uniform", "beige": "the colour of sand", "teal": "the colour of a peacock's neck",
    "lime": "the colour of a lime",
}


def things(scene: Scene) -> list[Node]:
    """Library objects (not widgets), left to right."""
    return [n for n in describe.objects(scene) if n.kind in library.KINDS]


def pick(rng: np.random.Generator, nodes: list[Node]) -> Node:
    if not nodes:
        raise NotApplicable("no object to edit")
    return nodes[int(rng.integers(len(nodes)))]


def surface_of(scene: Scene, node: Node) -> Surface:
    for s in surfaces(scene):
        if s.name == node.surface:
            return s
    raise NotApplicable(f"{node.id} stands on no known surface")


def fits(scene: Scene, node: Node, ignore: tuple[str, ...] = (), gap: float = 6.0) -> bool:
    """No overlap with other nodes on the same surface, inside the surface and the image."""
    s = next((s for s in surfaces(scene) if s.name == node.surface), None)
    if s is not None and (node.x - node.w / 2 < s.x0 or node.x + node.w / 2 > s.x1):
        return False
    if node.y - node.h < 2 or node.x - node.w / 2 < 2 or node.x + node.w / 2 > scene.width - 2:
        return False
    return all(abs(node.x - n.x) >= (node.w + n.w) / 2 + gap for n in scene.nodes
               if n.surface == node.surface and n.id != node.id and n.id not in ignore)


def relation(scene: Scene, node: Node) -> str:
    """Where `node` is, said through its nearest neighbour on the same surface."""
    same = [n for n in things(scene) if n.surface == node.surface and n.id != node.id]
    if not same:
        return describe.location(scene, node)
    near = min(same, key=lambda n: abs(n.x - node.x))
    from synthesis.editing.refer import explicit

    side = "left" if node.x < near.x else "right"
    return f"to the {side} of {explicit(scene, near)}"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def colour_phrase(rng: np.random.Generator, scene: Scene, colour: str, exclude: Node | None = None
                  ) -> tuple[str, list[str]]:
    """An indirect way to name `colour`: another object that has it, or a riddle."""
    from synthesis.editing.refer import explicit

    owners = [n for n in things(scene) if n.color == colour and n is not exclude]
    if owners and rng.random() < 0.6:
        owner = owners[0]
        ref = explicit(scene, owner)
        return f"the same colour as {ref}", [f"{capital(ref)} is {colour}."]
    return COLOUR_RIDDLES[colour], [f"{capital(COLOUR_RIDDLES[colour])} is {colour}."]
