"""Building one template scene outside the generator, for template tests."""

from __future__ import annotations

import numpy as np

from synthesis.text_rendering.draw import render_scene
from synthesis.text_rendering.scene import NoFit, SceneBuilder


def first_fitting_scene(template, lang: str, seed: int, size: tuple[int, int], background: dict,
                        forced: dict, **builder):
    """(scene, labels) of the first seed from `seed` on whose layout fits, as the
    generator retries a scene that raises NoFit."""
    for s in range(seed, seed + 12):
        scene = SceneBuilder(np.random.default_rng(s), template.name, *size, dict(background), lang, **builder)
        try:
            template.build(scene, **forced)
        except NoFit:
            continue
        _, labels = render_scene(scene.spec(), scene.background_image)
        return scene, labels
    raise AssertionError(f"{template.name} {forced} never fitted {size} in {lang}")
