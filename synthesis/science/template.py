"""The contract of a science template, and the registry of template families.

A template turns a random stream into one verified problem and its drawing:
`generate(rng, ctx) -> ScienceItem`. What it stores in `ScienceItem.problem` is the
problem's *inputs* (a function, triangle vertices, circuit values, a SMILES string):
the verifier in `filters/science/` recomputes the `answer` from them by its own code
path, so a bug in a template's solver cannot pass unnoticed.

Every family is a package `synthesis/science/<family>/` that exports
`TEMPLATES: tuple[type[ScienceTemplate], ...]`; template names are `<family>.<name>`.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar

import numpy as np

from synthesis.science.themes import Theme

# MMMU-style image types and subjects, so that mixes can be balanced by them.
IMAGE_TYPES = (
    "Plots and Charts", "Geometric Shapes", "Diagrams", "Chemical Structures", "Trees and Graphs",
    "Tables", "Technical Blueprints",
)
SUBJECTS = ("Math", "Physics", "Chemistry", "Computer Science", "Statistics")
DIFFICULTIES = ("easy", "medium", "hard")

# family -> package; each has a verifier module of the same name in filters/science/.
FAMILIES: dict[str, str] = {
    family: f"synthesis.science.{family}"
    for family in ("functions", "geometry", "solid", "physics", "chemistry", "cs", "statistics")
}


@dataclass(frozen=True)
class RenderContext:
    """How to draw: the style theme and the image size (square side, px)."""

    theme: Theme
    size_px: int
    dpi: int = 100


@dataclass
class ScienceItem:
    """What a template returns; the generator turns it into a `Sample`."""

    instruction: str  # the abstract register: "Draw the derivative of x·sin x ... "
    instruction_explicit: str  # the explicit register: every value spelled out
    instruction_zh: str
    cot: str  # built from the solver's steps
    answer: dict[str, Any]  # structured values drawn / asked for
    problem: dict[str, Any]  # the inputs the verifier recomputes `answer` from (JSON-able)
    image: bytes  # PNG
    width: int
    height: int
    difficulty: str = "medium"
    labels: dict[str, Any] = field(default_factory=dict)  # {"texts": [{"text", "box"}], ...}
    render: dict[str, Any] = field(default_factory=dict)  # colours, layout: whatever re-rendering needs
    source_image: bytes | None = None  # edit templates: the image before the edit
    mask: bytes | None = None  # edit templates: white where the edit changed pixels


class ScienceTemplate(ABC):
    name: ClassVar[str]  # "<family>.<name>", unique
    family: ClassVar[str]
    subject: ClassVar[str]  # one of SUBJECTS
    image_type: ClassVar[str]  # one of IMAGE_TYPES
    task: ClassVar[str]  # "t2i", "edit" or "und"

    @abstractmethod
    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem: ...


@cache
def family_templates(family: str) -> tuple[type[ScienceTemplate], ...]:
    if family not in FAMILIES:
        raise KeyError(f"unknown science family {family!r}; allowed: {', '.join(sorted(FAMILIES))}")
    return tuple(importlib.import_module(FAMILIES[family]).TEMPLATES)


def all_templates() -> dict[str, type[ScienceTemplate]]:
    """Every registered template by name, in a stable order."""
    out = {}
    for family in sorted(FAMILIES):
        for template in family_templates(family):
            out[template.name] = template
    return dict(sorted(out.items()))
