"""The library of object kinds: parametric vector drawings, one module per category.

    from synthesis.editing.library import KINDS, kind, kinds_in
    kind("apple").draw(canvas, "bitten")

Each module defines `draw_<name>(canvas, state)` functions and a tuple `KINDS`; this
package merges them into one name -> ObjectKind table.
"""

from __future__ import annotations

from synthesis.editing.library import (
    animals,
    fruit,
    furniture,
    household,
    plants,
    shapes,
    tools,
    toys,
    vegetables,
    vehicles,
)
from synthesis.editing.library.base import CATEGORIES, Canvas, ObjectKind

_MODULES = (fruit, vegetables, animals, vehicles, furniture, tools, household, plants, toys, shapes)


def _merge() -> dict[str, ObjectKind]:
    merged: dict[str, ObjectKind] = {}
    for module in _MODULES:
        for k in module.KINDS:
            if k.name in merged:
                raise ValueError(f"object kind {k.name!r} is defined twice")
            if k.category not in CATEGORIES:
                raise ValueError(f"object kind {k.name!r} has unknown category {k.category!r}")
            merged[k.name] = k
    return merged


KINDS: dict[str, ObjectKind] = _merge()


def kind(name: str) -> ObjectKind:
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown object kind {name!r}; allowed: {', '.join(KINDS)}") from None


def kinds_in(category: str) -> list[ObjectKind]:
    if category not in CATEGORIES:
        raise KeyError(f"unknown category {category!r}; allowed: {', '.join(CATEGORIES)}")
    return [k for k in KINDS.values() if k.category == category]


__all__ = ["CATEGORIES", "KINDS", "Canvas", "ObjectKind", "kind", "kinds_in"]
