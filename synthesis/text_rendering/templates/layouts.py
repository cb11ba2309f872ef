"""Choosing a template's sub-layout: forced by the caller, or drawn at random."""

from __future__ import annotations

from synthesis.text_rendering.scene import SceneBuilder


def pick(scene: SceneBuilder, forced: str | None, options: tuple[str, ...], what: str) -> str:
    """`forced` when given (tests and previews of one sub-layout), else a random option."""
    if forced is None:
        return scene.choice(options)
    if forced not in options:
        raise ValueError(f"unknown {what} {forced!r}; allowed: {', '.join(dict.fromkeys(options))}")
    return forced
