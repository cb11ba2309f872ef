"""Edit pairs shared by the editing tests: every edit type on several seeds, small."""

from __future__ import annotations

import pytest

from synthesis.editing.edits import EDITS
from synthesis.editing.generator import EditingGenerator
from synthesis.editing.params import EditingParams

SEEDS_PER_TYPE = 10


def small_params(**overrides) -> EditingParams:
    return EditingParams(**{"size_px_min": 256, "size_px_max": 384, **overrides})


@pytest.fixture(scope="session")
def generator() -> EditingGenerator:
    return EditingGenerator()


@pytest.fixture(scope="session")
def rows_by_type(generator) -> dict[str, list[dict]]:
    """edit type -> rows (as written to Lance) for seeds 0..SEEDS_PER_TYPE-1."""
    return {name: [generator(seed, small_params(edit_types={name: 1})).to_row("test")
                   for seed in range(SEEDS_PER_TYPE)] for name in EDITS}
