"""What an edit returns, and the error for an edit that does not fit a scene."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from synthesis.editing.graph import Scene


class NotApplicable(Exception):
    """This edit cannot be made on this scene (nothing to count, no room to add):
    the generator draws another scene."""


@dataclass
class EditResult:
    edit_type: str          # a key of EDITS
    target: Scene
    region: str             # "nodes" | "background" | "global": how the mask is made
    explicit: str           # the instruction that says exactly what to do
    abstract: str           # the instruction a user might give; needs the CoT to resolve
    steps: list[str]        # CoT: from the abstract instruction to the concrete change
    nodes: list[str] = field(default_factory=list)  # ids whose footprints make a "nodes" mask
    subtype: str = ""       # e.g. "day_to_night", "material"
    facts: dict[str, Any] = field(default_factory=dict)  # what a verifier can check (new time, count)
