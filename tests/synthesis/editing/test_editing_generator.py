"""The editing generator: determinism, every edit type verified on many seeds, the
abstract instructions resolving to the right concrete edit, and parameter errors."""

from __future__ import annotations

import io
import json
import re

import numpy as np
import pytest
from PIL import Image
from pydantic import ValidationError

from filters.edit_consistency import EditConsistencyJudge
from filters.edit_verify import EditVerifyJudge
from synthesis.editing import puzzles
from synthesis.editing.describe import visual_area
from synthesis.editing.edits import EDITS
from synthesis.editing.graph import Scene
from synthesis.editing.params import EditingParams
from synthesis.generator import generator_class
from synthesis.sample import rows_to_table
from tests.synthesis.editing.conftest import SEEDS_PER_TYPE, small_params


def graphs(row) -> tuple[Scene, Scene]:
    spec = json.loads(row["spec"])
    return Scene.from_dict(spec["source_graph"]), Scene.from_dict(spec["target_graph"])


def decode(data: bytes, mode: str) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert(mode))


def test_at_least_fourteen_edit_types_in_both_families():
    assert len(EDITS) >= 14
    assert {e.family for e in EDITS.values()} == {"general", "reasoning"}
    assert sum(e.family == "reasoning" for e in EDITS.values()) >= 5
    assert generator_class("editing").name == "editing"


def test_same_seed_same_bytes_and_seeds_differ(generator):
    params = small_params()
    a, b, c = generator(7, params), generator(7, params), generator(8, params)
    assert (a.source_image, a.image, a.mask, a.instruction, a.cot) == (b.source_image, b.image, b.mask,
                                                                     b.instruction, b.cot)
    assert a.image != c.image


@pytest.mark.parametrize("edit_type", sorted(EDITS))
def test_every_edit_type_passes_the_verifiers_on_many_seeds(rows_by_type, edit_type):
    rows = rows_by_type[edit_type]
    assert len(rows) == SEEDS_PER_TYPE
    verified = EditVerifyJudge(EditVerifyJudge.Thresholds())(rows_to_table(rows)).to_pylist()
    consistent = EditConsistencyJudge(EditConsistencyJudge.Thresholds(pixel_tolerance=0, max_outside_fraction=0))(
        rows_to_table(rows)).to_pylist()
    for row, other in zip(verified, consistent):
        assert row["verdict"] == "unjudged", (row["seed"], row["reason"])
        assert row["edit_verify_outside_fraction"] == 0.0 and row["edit_verify_inside_fraction"] > 0.0
        assert row["edit_verify_graph_ok"] is True
        assert other["verdict"] == "unjudged", other["reason"]
        answer = json.loads(row["answer"])
        assert answer["edit_type"] == edit_type == row["template"]
        assert row["instruction"] in (answer["instruction_explicit"], answer["instruction_abstract"])
        assert answer["instruction_explicit"] in row["cot"]
        assert row["task"] == "edit" and row["width"] % 64 == 0 and row["height"] % 64 == 0


def test_masks_are_binary_and_sized_like_the_images(rows_by_type):
    for rows in rows_by_type.values():
        row = rows[0]
        mask = decode(row["mask"], "L")
        assert set(np.unique(mask)) <= {0, 255} and mask.any()
        assert mask.shape == decode(row["image"], "L").shape == decode(row["source_image"], "L").shape
        assert mask.shape == (row["height"], row["width"])


def test_both_registers_are_used(rows_by_type):
    registers = {json.loads(r["answer"])["register"] for rows in rows_by_type.values() for r in rows}
    assert registers == {"abstract", "explicit"}
    params = small_params(instruction_register={"explicit": 1.0}, edit_types={"recolour": 1})
    from synthesis.editing.generator import EditingGenerator

    sample = EditingGenerator()(3, params)
    assert sample.instruction == sample.answer["instruction_explicit"] != sample.answer["instruction_abstract"]


def test_a_leak_outside_the_mask_is_caught(rows_by_type):
    row = dict(rows_by_type["recolour"][0])
    target = decode(row["image"], "RGB").copy()
    outside = decode(row["mask"], "L") < 128
    ys, xs = np.nonzero(outside)
    target[ys[0], xs[0]] = 255 - target[ys[0], xs[0]]  # one pixel is enough
    buf = io.BytesIO()
    Image.fromarray(target).save(buf, format="PNG")
    row["image"] = buf.getvalue()
    (judged,) = EditVerifyJudge(EditVerifyJudge.Thresholds())(rows_to_table([row])).to_pylist()
    assert judged["verdict"] == "reject"
    assert judged["reason"].startswith("edit_verify: outside_fraction=")


# --- abstract instructions resolve to the right concrete edit -----------------------

def test_clock_shows_the_asked_time(rows_by_type):
    for row in rows_by_type["clock_time"]:
        source, target = graphs(row)
        answer = json.loads(row["answer"])
        m = re.fullmatch(r"Make the clock show (?:(\d+) h)? ?(?:(\d+) min)? (later|earlier)\.",
                         answer["instruction_abstract"])
        assert m, answer["instruction_abstract"]
        delta = (int(m[1] or 0) * 60 + int(m[2] or 0)) * (1 if m[3] == "later" else -1)
        before = next(n for n in source.nodes if n.kind == "clock").attrs
        after = next(n for n in target.nodes if n.kind == "clock").attrs
        expected = ((before["hour"] % 12) * 60 + before["minute"] + delta) % 720
        assert ((after["hour"] % 12) * 60 + after["minute"]) == expected
        assert f"{after['hour']}:{after['minute']:02d}" in answer["instruction_explicit"]


def test_as_many_as_there_are(rows_by_type):
    for row in rows_by_type["count_match"]:
        source, target = graphs(row)
        m = re.fullmatch(r"Add as many (.+) as there are (.+)\.", json.loads(row["answer"])["instruction_abstract"])
        facts = json.loads(row["answer"])["facts"]
        counted = sum(1 for n in source.nodes if n.kind == facts["counted_kind"])
        added = [n for n in target.nodes if n.id not in {s.id for s in source.nodes}]
        assert m and len(added) == counted >= 1
        assert {n.kind for n in added} == {facts["added_kind"]}


def test_largest_or_smallest_object_is_recoloured(rows_by_type):
    for row in rows_by_type["extreme_recolour"]:
        source, target = graphs(row)
        which, colour = re.fullmatch(r"Colour the (largest|smallest) object (\w+)\.",
                                     json.loads(row["answer"])["instruction_abstract"]).groups()
        objects = [n for n in source.nodes if n.kind not in ("clock", "counter", "sign")]
        by_area = sorted(objects, key=visual_area, reverse=which == "largest")
        pick = by_area[0]
        assert visual_area(by_area[1]) / visual_area(pick) > 1.25 or visual_area(pick) / visual_area(by_area[1]) > 1.25
        assert target.node(pick.id).color == colour
        assert all(target.node(n.id).color == n.color for n in objects if n.id != pick.id)


def test_next_step_of_the_pattern_follows_the_rule(rows_by_type):
    for row in rows_by_type["pattern_next"]:
        source, target = graphs(row)
        rule = source.background["rule"]
        drawn = next(n for n in target.nodes if n.id not in
                     {s.id for s in source.nodes if not s.attrs.get("empty")}).attrs
        expected = puzzles.term(rule, rule["shown"])  # the generating rule, not the solver
        assert {k: drawn[k] for k in expected} == expected


def test_filled_grid_is_a_latin_square(rows_by_type):
    for row in rows_by_type["grid_fill"]:
        _, target = graphs(row)
        cells = sorted((n for n in target.nodes if n.kind == "tile"), key=lambda n: n.attrs["index"])
        for key in ("shape", "fill"):
            grid = [[cells[r * 3 + c].attrs[key] for c in range(3)] for r in range(3)]
            assert all(len(set(line)) == 3 for line in grid), grid
            assert all(len({grid[r][c] for r in range(3)}) == 3 for c in range(3)), grid


def test_everything_that_is_not_the_kept_category_is_removed(rows_by_type):
    for row in rows_by_type["category_filter"]:
        source, target = graphs(row)
        keep = re.fullmatch(r"Remove everything that is not an? (.+)\.",
                            json.loads(row["answer"])["instruction_abstract"])[1]
        kept = [n for n in target.nodes if n.kind not in ("clock", "counter", "sign")]
        assert kept and {n.category for n in kept} == {json.loads(row["answer"])["facts"]["keep"]}
        assert keep.startswith(kept[0].category) or kept[0].category in ("furniture", "household")
        assert len(kept) == sum(1 for n in source.nodes if n.category == kept[0].category)


def test_counter_arithmetic(rows_by_type):
    for row in rows_by_type["counter_arithmetic"]:
        source, target = graphs(row)
        before = next(n for n in source.nodes if n.kind == "counter").attrs["value"]
        after = next(n for n in target.nodes if n.kind == "counter").attrs["value"]
        text = json.loads(row["answer"])["instruction_abstract"]
        if m := re.fullmatch(r"Add (\d+) to the number on the counter\.", text):
            assert after == before + int(m[1])
        elif m := re.fullmatch(r"Take (\d+) away from the number on the counter\.", text):
            assert after == before - int(m[1])
        elif text == "Double the number on the counter.":
            assert after == 2 * before
        else:
            assert after == sum(1 for n in source.nodes if n.kind != "counter")


def test_viewpoint_turns_the_camera_and_keeps_the_world(rows_by_type):
    for row in rows_by_type["viewpoint"]:
        source, target = graphs(row)
        assert source.camera["azimuth"] != target.camera["azimuth"]
        assert [n.attrs for n in source.nodes] == [n.attrs for n in target.nodes]


# --- parameters -------------------------------------------------------------------

def test_unknown_edit_type_names_the_allowed_ones():
    with pytest.raises(ValidationError, match=r"unknown edit types \['teleport'\]; allowed: add, remove"):
        EditingParams(edit_types={"teleport": 1})


def test_edit_type_without_a_selected_layout_is_refused():
    with pytest.raises(ValidationError, match="clock_time: clock"):
        EditingParams(edit_types={"clock_time": 1}, layouts={"yard": 1})


def test_diffusion_backend_needs_its_settings():
    with pytest.raises(ValidationError, match="backend 'diffusion' needs a 'diffusion:' section"):
        EditingParams(backend="diffusion")


def test_preview_writes_a_sheet_and_the_cots(tmp_path, capsys):
    from synthesis.editing.preview import main

    assert main(["--out", str(tmp_path), "--types", "clock_time", "--seeds", "2", "--size", "256"]) == 0
    sheet = Image.open(tmp_path / "clock_time.png")
    assert sheet.width > 3 * 200 and sheet.height > 2 * 200
    notes = (tmp_path / "clock_time.md").read_text()
    assert notes.count("## seed") == 2 and "Set the clock to" in notes
    assert main(["--out", str(tmp_path), "--types", "teleport"]) == 2
    assert "unknown edit types ['teleport']; allowed: add" in capsys.readouterr().err
