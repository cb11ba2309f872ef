"""cs.bst: the binary search tree obtained by inserting a key sequence."""

from __future__ import annotations

import numpy as np

from synthesis.science.cs.style import Sizes, accents, tint
from synthesis.science.cs.text import pick
from synthesis.science.cs.tree_draw import bst_scene, node_objects, paint_tree
from synthesis.science.cs.trees import Bst
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_HEIGHT = 5  # deeper trees get cramped; resample

EN = (
    "Draw the binary search tree obtained by inserting {keys} in this order into an empty tree.",
    "Insert the keys {keys}, one after another, into an empty BST and draw the resulting tree.",
    "Starting from an empty binary search tree, insert {keys} in order. Draw the final tree.",
)
ZH = (
    "依次将 {keys} 插入一棵空的二叉搜索树，画出得到的树。",
    "从空二叉搜索树开始，按顺序插入 {keys}，画出最终的树。",
)


def sample_keys(rng: np.random.Generator, n: int, max_height: int = MAX_HEIGHT) -> list[int]:
    for _ in range(1000):  # a random 12-key BST has height ≤ 5 about half the time
        keys = [int(k) for k in rng.choice(np.arange(1, 100), size=n, replace=False)]
        if Bst.build(keys)[0].height() <= max_height:
            return keys
    raise RuntimeError(f"no {n}-key BST of height ≤ {max_height} found")


def insertion_steps(keys: list[int], paths: list[list[tuple[int, str]]]) -> str:
    """"insert 6: 6 < 8 go left, 6 > 3 go right → right child of 3"."""
    out = []
    for key, path in zip(keys, paths):
        if not path:
            out.append(f"{key} becomes the root")
            continue
        moves = ", ".join(f"{key} {'<' if side == 'left' else '>'} {at} go {side}" for at, side in path)
        out.append(f"insert {key}: {moves} → {path[-1][1]} child of {path[-1][0]}")
    return "; ".join(out)


def describe(tree: Bst) -> str:
    """Each node with its children, for the explicit instruction."""
    parts = []
    for p, c in tree.edges():
        parts.append(f"{c} is the {'left' if c < p else 'right'} child of {p}")
    return "; ".join(parts)


class BstTemplate(ScienceTemplate):
    name = "cs.bst"
    family = "cs"
    subject = "Computer Science"
    image_type = "Trees and Graphs"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        sizes = Sizes(ctx.size_px)
        (accent, accent_name), = accents(ctx, rng, 1)
        keys = sample_keys(rng, int(rng.integers(6, 13)))
        tree, paths = Bst.build(keys)
        height = tree.height()
        scene = bst_scene(sizes, keys, tree.depths(), tree.edges(), height + 1, sizes.title_band, sizes.side)
        texts = {str(k): str(k) for k in keys}
        title = f"Binary search tree (height {height})"
        root = str(keys[0])
        drawing = paint_tree(ctx, scene, texts, accent=accent, fills={root: tint(accent, ctx.theme.paper, 0.45)},
                             outlined={root}, title=title)
        keys_text = ", ".join(map(str, keys))
        explicit = (
            f"Draw the binary search tree built by inserting {keys_text} in order: {keys[0]} is the root (filled "
            f"light {accent_name}); {describe(tree)}. Place each node at x = its rank in sorted order and y = its "
            f"depth, join parents to children with straight lines, and title it \"{title}\"."
        )
        inorder, preorder = tree.inorder(), tree.preorder()
        cot = (
            f"1. Insert each key by walking down from the root, going left when it is smaller and right when it "
            f"is larger: {insertion_steps(keys, paths)}. 2. Check: the in-order traversal is sorted, "
            f"{', '.join(map(str, inorder))}; the pre-order is {', '.join(map(str, preorder))}; the deepest "
            f"node is at depth {height}, so the height is {height}. 3. Draw the nodes at (in-order rank, depth) "
            f"and connect each to its parent."
        )
        return ScienceItem(
            instruction=pick(rng, EN).format(keys=keys_text),
            instruction_explicit=explicit,
            instruction_zh=pick(rng, ZH).format(keys=keys_text),
            cot=cot,
            answer={"inorder": inorder, "preorder": preorder, "height": height, "tree": tree.nested()},
            problem={"keys": keys},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if len(keys) <= 7 else "medium" if len(keys) <= 10 else "hard",
            labels={"texts": drawing.texts, "objects": node_objects(scene, texts)},
            render={"accent": accent, "layout": "x = in-order rank, y = depth"},
        )
