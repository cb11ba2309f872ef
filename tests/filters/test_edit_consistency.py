"""The edit-consistency verifier on real edit pairs and on pairs broken on purpose."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from filters.edit_consistency import EditConsistencyJudge
from synthesis.sample import rows_to_table
from synthesis.text_rendering.generator import TextRenderingGenerator
from synthesis.text_rendering.params import TextRenderingParams


@pytest.fixture(scope="module")
def edit_rows():
    gen = TextRenderingGenerator()
    params = TextRenderingParams(tasks={"edit": 1.0}, templates={"plain_lines": 1.0, "sign": 1.0, "receipt": 1.0})
    rows = [gen(seed, params).to_row("t") for seed in range(6)]
    return [r for r in rows if r["task"] == "edit"]


def judge_rows(rows):
    return EditConsistencyJudge(EditConsistencyJudge.Thresholds())(rows_to_table(rows)).to_pylist()


def png(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG")
    return buffer.getvalue()


def test_generated_edit_pairs_are_consistent(edit_rows):
    assert len(edit_rows) >= 4
    for row in judge_rows(edit_rows):
        assert row["verdict"] != "reject", row["reason"]
        assert row["edit_consistency_outside_fraction"] == 0.0
        assert row["edit_consistency_inside_fraction"] > 0.0


def test_a_change_outside_the_mask_is_rejected(edit_rows):
    row = dict(edit_rows[0])
    target = np.asarray(Image.open(io.BytesIO(row["image"])).convert("RGB")).copy()
    mask = np.asarray(Image.open(io.BytesIO(row["mask"])).convert("L")) > 127
    ys, xs = np.nonzero(~mask)
    target[ys[: len(ys) // 10], xs[: len(xs) // 10]] = 255 - target[ys[: len(ys) // 10], xs[: len(xs) // 10]]
    row["image"] = png(target)
    (judged,) = judge_rows([row])
    assert judged["verdict"] == "reject" and judged["reason"].startswith("edit_consistency: outside_fraction=")


def test_a_no_op_edit_and_a_size_mismatch_are_rejected(edit_rows):
    same = dict(edit_rows[0], image=edit_rows[0]["source_image"])
    small = dict(edit_rows[1], image=png(np.zeros((10, 12, 3), np.uint8)))
    no_op, resized = judge_rows([same, small])
    assert no_op["reason"].startswith("edit_consistency: inside_fraction=0 <")
    assert resized["reason"].startswith("edit_consistency: sizes=") and resized["verdict"] == "reject"


def test_rows_that_are_not_edits_are_untouched():
    gen = TextRenderingGenerator()
    row = gen(0, TextRenderingParams(tasks={"t2i": 1.0})).to_row("t")
    (judged,) = judge_rows([row])
    assert judged["verdict"] == "unjudged" and judged["edit_consistency_outside_fraction"] is None
