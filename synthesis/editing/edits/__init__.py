"""The edit registry: each edit type, the layouts it can be made on, and its family.

An edit is `fn(rng, scene) -> EditResult` (or NotApplicable). Types follow InternVL-U's
editing data: general edits (object, attribute, text, style, background, spatial) and
reasoning edits, whose abstract instruction only the CoT turns into a concrete change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from synthesis.editing.edits import objects, reasoning, scene_wide
from synthesis.editing.edits.base import EditResult, NotApplicable
from synthesis.editing.graph import Scene

OBJECT_LAYOUTS = objects.OBJECT_LAYOUTS
SCENIC = ("tabletop", "room", "yard", "shelf", "clock", "counter", "signboard")


@dataclass(frozen=True)
class EditType:
    name: str
    fn: Callable[[np.random.Generator, Scene], EditResult]
    layouts: tuple[str, ...]
    family: str  # "general" | "reasoning"


EDITS: dict[str, EditType] = {e.name: e for e in (
    EditType("add", objects.add, OBJECT_LAYOUTS, "general"),
    EditType("remove", objects.remove, OBJECT_LAYOUTS, "general"),
    EditType("replace", objects.replace, OBJECT_LAYOUTS, "general"),
    EditType("recolour", objects.recolour, OBJECT_LAYOUTS, "general"),
    EditType("resize", objects.resize, OBJECT_LAYOUTS, "general"),
    EditType("move", objects.move, OBJECT_LAYOUTS, "general"),
    EditType("count_change", objects.count_change, ("tabletop", "shelf", "yard", "room"), "general"),
    EditType("attribute", objects.attribute, OBJECT_LAYOUTS, "general"),
    EditType("text_change", scene_wide.text_change, ("signboard",), "general"),
    EditType("global_style", scene_wide.global_style, SCENIC + ("chart", "pattern", "grid", "blocks3d"), "general"),
    EditType("background", scene_wide.background, SCENIC + ("pattern", "grid", "blocks3d"), "general"),
    EditType("spatial", objects.turn_or_mirror, ("tabletop", "shelf", "room", "yard"), "general"),
    EditType("mirror_scene", scene_wide.mirror_scene, SCENIC + ("chart", "blocks3d"), "general"),
    EditType("viewpoint", scene_wide.viewpoint, ("blocks3d",), "general"),
    EditType("clock_time", reasoning.clock_time, ("clock",), "reasoning"),
    EditType("count_match", reasoning.count_match, ("tabletop", "shelf"), "reasoning"),
    EditType("extreme_recolour", reasoning.extreme_recolour, OBJECT_LAYOUTS, "reasoning"),
    EditType("pattern_next", reasoning.pattern_next, ("pattern",), "reasoning"),
    EditType("grid_fill", reasoning.grid_fill, ("grid",), "reasoning"),
    EditType("category_filter", reasoning.category_filter, ("tabletop", "shelf", "room", "yard"), "reasoning"),
    EditType("counter_arithmetic", reasoning.counter_arithmetic, ("counter",), "reasoning"),
    EditType("chart_level", reasoning.chart_level, ("chart",), "reasoning"),
)}

__all__ = ["EDITS", "EditResult", "EditType", "NotApplicable"]
