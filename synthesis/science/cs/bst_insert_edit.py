"""cs.bst_insert_edit: insert one key into a drawn BST and redraw it.

Both pictures are laid out over the union of keys (the tree's and the inserted one), so
every node already there keeps its pixel position: the only change is the new node and
the edge to its parent.
"""

from __future__ import annotations

import numpy as np

from synthesis.science.cs.bst import insertion_steps, sample_keys
from synthesis.science.cs.style import Sizes, accents, tint
from synthesis.science.cs.text import pick
from synthesis.science.cs.tree_draw import bst_scene, node_objects, paint_tree
from synthesis.science.cs.trees import Bst
from synthesis.science.render import edit_mask
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

EN = (
    "Insert {key} into this binary search tree.",
    "Add the key {key} to the BST shown and redraw the tree.",
    "Update the binary search tree: insert {key}.",
)
ZH = (
    "将 {key} 插入这棵二叉搜索树。",
    "在图中的二叉搜索树里插入键 {key}，并重新画出这棵树。",
)


class BstInsertEditTemplate(ScienceTemplate):
    name = "cs.bst_insert_edit"
    family = "cs"
    subject = "Computer Science"
    image_type = "Trees and Graphs"
    task = "edit"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        sizes = Sizes(ctx.size_px)
        (accent, accent_name), = accents(ctx, rng, 1)
        keys = sample_keys(rng, int(rng.integers(6, 13)))  # the last one is the key to insert
        before, inserted = keys[:-1], keys[-1]
        tree, paths = Bst.build(keys)
        old = Bst.build(before)[0]
        depths = tree.depths()
        # one scene over the union; the source simply leaves the new node and its edge out
        scene = bst_scene(sizes, keys, depths, tree.edges(), tree.height() + 1, 0.0, sizes.side)
        new, parent_key = str(inserted), paths[-1][-1][0]
        texts = {str(k): str(k) for k in keys}
        after_fill = {new: tint(accent, ctx.theme.paper, 0.45)}
        target = paint_tree(ctx, scene, texts, accent=accent, fills=after_fill, outlined={new},
                            bold_edges={(str(parent_key), new)})
        scene_before = bst_scene(sizes, keys, old.depths(), old.edges(), tree.height() + 1, 0.0, sizes.side)
        source = paint_tree(ctx, scene_before, texts, accent=accent)
        side = paths[-1][-1][1]
        inorder = tree.inorder()
        explicit = (
            f"In the binary search tree (keys inserted in the order {', '.join(map(str, before))}), insert "
            f"{inserted}: it becomes the {side} child of {parent_key} at depth {depths[inserted]}. Keep every "
            f"existing node and edge exactly where it is; draw only the new node {inserted} (filled light "
            f"{accent_name}, {accent_name} outline) and a thick {accent_name} edge from {parent_key} to it."
        )
        cot = (
            f"1. {insertion_steps([inserted], paths[-1:])}. 2. The new in-order traversal is "
            f"{', '.join(map(str, inorder))}; the height goes from {old.height()} to {tree.height()}. "
            f"3. Nodes are placed at (in-order rank, depth) over all keys including {inserted}, so the existing "
            f"nodes stay put and only {inserted} and the edge {parent_key}–{inserted} are added."
        )
        return ScienceItem(
            instruction=pick(rng, EN).format(key=inserted),
            instruction_explicit=explicit,
            instruction_zh=pick(rng, ZH).format(key=inserted),
            cot=cot,
            answer={"inorder": inorder, "height": tree.height(), "parent": parent_key, "side": side,
                    "depth": depths[inserted], "preorder": tree.preorder()},
            problem={"keys": before, "insert": inserted},
            image=target.png,
            width=target.width,
            height=target.height,
            difficulty="easy" if len(keys) <= 8 else "medium",
            labels={"texts": target.texts, "objects": node_objects(scene, texts)},
            render={"accent": accent, "layout": "x = in-order rank over keys + inserted key, y = depth"},
            source_image=source.png,
            mask=edit_mask(source.png, target.png),
        )
