"""The scene-edit verifier on real edit pairs broken on purpose: a recorded diff that
does not match the graphs, a diff the edit type does not allow, a wrong reasoning
answer, a broken mask — and rows it must leave alone."""

from __future__ import annotations

import json

import pytest

from filters.edit_verify import EditVerifyJudge
from synthesis.editing.generator import EditingGenerator
from synthesis.editing.graph import Scene, diff
from synthesis.editing.params import EditingParams
from synthesis.sample import rows_to_table


def verify(rows):
    return EditVerifyJudge(EditVerifyJudge.Thresholds())(rows_to_table(rows)).to_pylist()


@pytest.fixture(scope="module")
def rows():
    gen = EditingGenerator()
    return {name: gen(seed, EditingParams(edit_types={name: 1}, size_px_min=256, size_px_max=256)).to_row("t")
            for seed, name in enumerate(("recolour", "clock_time", "pattern_next"))}


def rewrite_target(row: dict, change) -> dict:
    """The row with its target graph changed by `change` and the recorded diff updated to
    match, so only the edit-type check can catch it."""
    row = dict(row)
    spec, answer = json.loads(row["spec"]), json.loads(row["answer"])
    source, target = Scene.from_dict(spec["source_graph"]), Scene.from_dict(spec["target_graph"])
    change(source, target, answer["facts"])
    spec["target_graph"] = target.to_dict()
    answer["diff"] = diff(source, target)
    row["spec"], row["answer"] = json.dumps(spec), json.dumps(answer)
    return row


def test_untouched_rows_pass(rows):
    for judged in verify(list(rows.values())):
        assert judged["verdict"] == "unjudged", judged["reason"]
        assert judged["edit_verify_graph_ok"] is True


def test_a_recorded_diff_that_does_not_match_the_graphs_is_rejected(rows):
    row = dict(rows["recolour"])
    answer = json.loads(row["answer"])
    answer["diff"]["changed"] = {}
    row["answer"] = json.dumps(answer)
    (judged,) = verify([row])
    assert judged["verdict"] == "reject"
    assert judged["reason"] == "edit_verify: graph_ok=False (recorded diff differs from the graphs' diff)"


def test_a_recolour_that_also_moves_the_object_is_rejected(rows):
    def also_move(source, target, facts):
        target.node(facts["node"]).x += 5

    (judged,) = verify([rewrite_target(rows["recolour"], also_move)])
    assert judged["verdict"] == "reject" and judged["edit_verify_graph_ok"] is False
    assert "recolour:" in judged["reason"] and "['x']" in judged["reason"]


def test_a_clock_five_minutes_off_is_rejected(rows):
    def off_by_five(source, target, facts):
        clock = target.node(facts["node"])
        clock.attrs["minute"] = (clock.attrs["minute"] + 5) % 60

    (judged,) = verify([rewrite_target(rows["clock_time"], off_by_five)])
    assert judged["verdict"] == "reject"
    assert "clock_time: clock shows" in judged["reason"]


def test_a_wrong_next_tile_is_rejected(rows):
    def wrong_tile(source, target, facts):
        tile = target.node(facts["node"])
        tile.attrs["count"] += 1

    (judged,) = verify([rewrite_target(rows["pattern_next"], wrong_tile)])
    assert judged["verdict"] == "reject"
    assert "pattern_next: drew" in judged["reason"]


def test_broken_mask_is_a_verdict_not_a_crash(rows):
    row = dict(rows["recolour"])
    row["mask"] = b"not a png"
    (judged,) = verify([row])
    assert judged["verdict"] == "reject" and judged["reason"] == "edit_verify: undecodable image (UnidentifiedImageError)"


def test_rows_of_other_backends_and_generators_are_left_alone(rows):
    row = dict(rows["recolour"])
    spec = json.loads(row["spec"])
    spec["backend"] = "diffusion"
    row["spec"] = json.dumps(spec)
    t2i = {**rows["recolour"], "source_image": None, "mask": None, "task": "t2i"}
    for judged in verify([row, t2i]):
        assert judged["verdict"] == "unjudged"
        assert judged["edit_verify_outside_fraction"] is None and judged["edit_verify_graph_ok"] is None
