"""Binary search trees and binary heaps, with the steps that build them (for the CoT).

The BST is built by inserting keys one by one into linked nodes; the heap by sift-up
insertions or by bottom-up heapify (Floyd) on a list. filters/science/cs.py rebuilds
both another way (the BST by recursive partition of the key sequence, heaps with heapq).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class BstNode:
    key: int
    left: BstNode | None = None
    right: BstNode | None = None


@dataclass
class Bst:
    root: BstNode | None = None

    def insert(self, key: int) -> list[tuple[int, str]]:
        """Insert `key`; returns the comparisons made on the way down: (node key, "left"/"right")."""
        steps: list[tuple[int, str]] = []
        if self.root is None:
            self.root = BstNode(key)
            return steps
        node = self.root
        while True:
            side = "left" if key < node.key else "right"
            steps.append((node.key, side))
            child = getattr(node, side)
            if child is None:
                setattr(node, side, BstNode(key))
                return steps
            node = child

    @classmethod
    def build(cls, keys: list[int]) -> tuple[Bst, list[list[tuple[int, str]]]]:
        tree = cls()
        return tree, [tree.insert(k) for k in keys]

    def inorder(self) -> list[int]:
        out: list[int] = []

        def walk(node):
            if node:
                walk(node.left), out.append(node.key), walk(node.right)

        walk(self.root)
        return out

    def preorder(self) -> list[int]:
        out: list[int] = []

        def walk(node):
            if node:
                out.append(node.key), walk(node.left), walk(node.right)

        walk(self.root)
        return out

    def depths(self) -> dict[int, int]:
        out: dict[int, int] = {}

        def walk(node, d):
            if node:
                out[node.key] = d
                walk(node.left, d + 1), walk(node.right, d + 1)

        walk(self.root, 0)
        return out

    def height(self) -> int:
        """Edges on the longest root-to-leaf path (a single node has height 0)."""
        return max(self.depths().values(), default=-1)

    def edges(self) -> list[tuple[int, int]]:
        """(parent, child) pairs in pre-order."""
        out: list[tuple[int, int]] = []

        def walk(node):
            for child in (node.left, node.right) if node else ():
                if child:
                    out.append((node.key, child.key))
                    walk(child)

        walk(self.root)
        return out

    def nested(self) -> list | None:
        """[key, left, right] with None for an empty subtree."""

        def walk(node):
            return None if node is None else [node.key, walk(node.left), walk(node.right)]

        return walk(self.root)


def _before(kind: str, a: int, b: int) -> bool:
    """Whether a belongs above b in a `kind` ("min"/"max") heap."""
    return a < b if kind == "min" else a > b


def heap_by_insertion(values: list[int], kind: str) -> tuple[list[int], list[str]]:
    """Insert one value at a time at the end and sift it up."""
    heap: list[int] = []
    steps = []
    for v in values:
        heap.append(v)
        i, swaps = len(heap) - 1, []
        while i > 0 and _before(kind, heap[i], heap[(i - 1) // 2]):
            p = (i - 1) // 2
            swaps.append(f"swap with {heap[p]} (index {p})")
            heap[i], heap[p] = heap[p], heap[i]
            i = p
        steps.append(f"insert {v}: " + (", ".join(swaps) if swaps else "stays at index " + str(len(heap) - 1)))
    return heap, steps


def heap_by_heapify(values: list[int], kind: str) -> tuple[list[int], list[str]]:
    """Floyd's bottom-up heapify: sift down every parent, last parent first."""
    heap = list(values)
    steps = []
    n = len(heap)
    for start in range(n // 2 - 1, -1, -1):
        i, swaps, value = start, [], heap[start]
        while True:
            best = i
            for c in (2 * i + 1, 2 * i + 2):
                if c < n and _before(kind, heap[c], heap[best]):
                    best = c
            if best == i:
                break
            swaps.append(f"swap with {heap[best]} (index {best})")
            heap[i], heap[best] = heap[best], heap[i]
            i = best
        steps.append(f"sift down {value} (index {start}): " + (", ".join(swaps) if swaps else "already in place"))
    return heap, steps


def heap_height(n: int) -> int:
    """Edges on the longest root-to-leaf path of a complete binary tree with n nodes."""
    return max(n.bit_length() - 1, 0)
