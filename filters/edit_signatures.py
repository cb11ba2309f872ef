"""What each programmatic edit type may change in the scene graph, and the reasoning
edits' answers recomputed from the source graph.

`check(edit_type, diff, source, target, facts)` returns None when the diff is exactly
what the edit type allows (a recolour changes one node's colour and nothing else; the
clock's new time is the old one plus the stated delta), else a short problem. It reads
only the graphs, never the generator's edit code, so it is an independent check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from synthesis.editing import puzzles
from synthesis.editing.describe import visual_area
from synthesis.editing.graph import Node, Scene
from synthesis.editing.widgets import WIDGETS

Problem = str | None


def _objects(scene: Scene) -> list[Node]:
    return [n for n in scene.nodes if n.kind not in WIDGETS]


def _shape(diff: dict, *, added=0, removed=0, changed=0, scene=()) -> Problem:
    """The diff adds/removes/changes exactly this many nodes (-1: at least one) and
    changes exactly these scene fields."""
    for key, want in (("added", added), ("removed", removed), ("changed", changed)):
        have = len(diff[key])
        if (want == -1 and have == 0) or (want >= 0 and have != want):
            return f"{key}={have}, expected {'>= 1' if want == -1 else want}"
    if set(diff["scene"]) != set(scene):
        return f"scene fields {sorted(diff['scene'])}, expected {sorted(scene)}"
    return None


def _fields(diff: dict, allowed: set[str], required: set[str] = frozenset()) -> Problem:
    for node_id, fields in diff["changed"].items():
        extra, missing = set(fields) - allowed, required - set(fields)
        if extra:
            return f"{node_id} changed {sorted(extra)}, allowed {sorted(allowed)}"
        if missing:
            return f"{node_id} did not change {sorted(missing)}"
    return None


def _one_changed(diff, allowed, required=None):
    return _shape(diff, changed=1) or _fields(diff, allowed, required or allowed)


def _the_changed(diff, allowed) -> tuple[Problem, str]:
    """(problem, id of the one node the diff changes, only in `allowed` fields)."""
    problem = _one_changed(diff, allowed)
    return problem, (None if problem else next(iter(diff["changed"])))


def _add(diff, src, tgt, facts):
    return _shape(diff, added=-1)


def _remove(diff, src, tgt, facts):
    return _shape(diff, removed=1)


def _replace(diff, src, tgt, facts):
    problem = _shape(diff, added=1, removed=1)
    if problem:
        return problem
    old, new = src.node(diff["removed"][0]), tgt.node(diff["added"][0])
    if (old.surface, old.y, old.x) != (new.surface, new.y, new.x) or old.kind == new.kind:
        return "the replacement is not a different object in the same place"
    return None


def _resize(diff, src, tgt, facts):
    problem = _shape(diff, changed=1) or _fields(diff, {"w", "h"}, {"h"})
    if problem:
        return problem
    node_id = next(iter(diff["changed"]))
    a, b = src.node(node_id), tgt.node(node_id)
    if abs(a.w / a.h - b.w / b.h) > 0.02 * a.w / a.h:
        return f"aspect changed from {a.w / a.h:.3f} to {b.w / b.h:.3f}"
    return None


def _count_change(diff, src, tgt, facts):
    problem = _shape(diff, added=-1) if diff["added"] else _shape(diff, removed=-1)
    if problem:
        return problem
    kinds = {n.kind for n in tgt.nodes if n.id in diff["added"]} | {n.kind for n in src.nodes
                                                                      if n.id in diff["removed"]}
    kind = facts.get("kind")
    after = sum(1 for n in _objects(tgt) if n.kind == kind)
    if kinds != {kind} or after != facts.get("after"):
        return f"kinds {sorted(kinds)} / count {after}, expected {kind} x {facts.get('after')}"
    return None


def _attribute(diff, src, tgt, facts):
    problem = _shape(diff, changed=1)
    if problem:
        return problem
    fields = set(next(iter(diff["changed"].values())))
    return None if len(fields) == 1 and fields <= {"pattern", "material", "state"} else f"changed {sorted(fields)}"


def _text_change(diff, src, tgt, facts):
    problem, node_id = _the_changed(diff, {"attrs"})
    if problem:
        return problem
    a, b = src.node(node_id).attrs, tgt.node(node_id).attrs
    changed = {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
    return None if changed == {"text"} else f"sign attrs changed: {sorted(changed)}"


def _global_style(diff, src, tgt, facts):
    if not diff["scene"] or set(diff["scene"]) - {"lighting", "season", "hue"} or diff["added"] or diff["removed"]:
        return f"scene fields {sorted(diff['scene'])}, added/removed {diff['added']}/{diff['removed']}"
    trees = {n.id for n in src.nodes if n.kind == "tree"}
    if set(diff["changed"]) - trees:
        return "objects other than trees changed"
    return _fields(diff, {"state"})


def _viewpoint(diff, src, tgt, facts):
    problem = _shape(diff, changed=-1, scene=("camera",))
    if problem and not problem.startswith("changed="):
        return problem
    cam_a, cam_b = src.camera, tgt.camera
    if {k for k in cam_a if cam_a[k] != cam_b.get(k)} != {"azimuth"}:
        return "the camera changed more than its azimuth"
    return _fields(diff, {"x", "y", "w", "h", "z"})


def _clock_time(diff, src, tgt, facts):
    problem, node_id = _the_changed(diff, {"attrs"})
    if problem:
        return problem
    a, b = src.node(node_id).attrs, tgt.node(node_id).attrs
    expected = ((a["hour"] % 12) * 60 + a["minute"] + facts["delta_minutes"]) % 720
    shown = (b["hour"] % 12) * 60 + b["minute"]
    return None if shown == expected else f"clock shows {shown // 60}:{shown % 60:02d}, expected " \
                                           f"{expected // 60}:{expected % 60:02d}"


def _count_match(diff, src, tgt, facts):
    problem = _shape(diff, added=-1)
    if problem:
        return problem
    counted = sum(1 for n in _objects(src) if n.kind == facts["counted_kind"])
    added = [tgt.node(i) for i in diff["added"]]
    if {n.kind for n in added} != {facts["added_kind"]} or len(added) != counted:
        return f"added {Counter(n.kind for n in added)}, expected {counted} x {facts['added_kind']}"
    return None


def _extreme_recolour(diff, src, tgt, facts):
    problem, node_id = _the_changed(diff, {"color"})
    if problem:
        return problem
    pool = _objects(src)
    extreme = (max if facts["which"] == "largest" else min)(pool, key=visual_area)
    if extreme.id != node_id or tgt.node(node_id).color != facts["color"]:
        return f"recoloured {node_id}, the {facts['which']} is {extreme.id}"
    return None


def _tiles(scene: Scene) -> list[dict]:
    tiles = sorted((n for n in scene.nodes if n.kind == "tile"), key=lambda n: n.attrs["index"])
    return [{k: v for k, v in t.attrs.items() if k != "index"} for t in tiles]


def _puzzle(solve):
    def check(diff, src, tgt, facts):
        problem, node_id = _the_changed(diff, {"attrs"})
        if problem:
            return problem
        if not src.node(node_id).attrs.get("empty"):
            return "the changed tile was not the empty one"
        answer = solve(_tiles(src))
        drawn = {k: v for k, v in tgt.node(node_id).attrs.items() if k != "index"}
        return None if answer is not None and drawn == answer else f"drew {drawn}, the answer is {answer}"
    return check


def _category_filter(diff, src, tgt, facts):
    problem = _shape(diff, removed=-1)
    if problem:
        return problem
    wrong = sorted(n.id for n in _objects(src) if (n.category != facts["keep"]) != (n.id in diff["removed"]))
    return f"nodes {wrong} kept or removed wrongly" if wrong else None


def _counter_arithmetic(diff, src, tgt, facts):
    problem, node_id = _the_changed(diff, {"attrs"})
    if problem:
        return problem
    a, b = src.node(node_id).attrs["value"], tgt.node(node_id).attrs["value"]
    if a != facts["before"] or b != facts["after"]:
        return f"counter {a}->{b}, facts say {facts['before']}->{facts['after']}"
    return None


def _chart_level(diff, src, tgt, facts):
    problem, node_id = _the_changed(diff, {"attrs"})
    if problem:
        return problem
    a, b = src.node(node_id).attrs["values"], tgt.node(node_id).attrs["values"]
    moved = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(moved) != 1 or a[moved[0]] != min(a) or b[moved[0]] != max(a):
        return f"bars {a} -> {b}: not the shortest raised to the tallest"
    return None


SIGNATURES: dict[str, Callable[[dict, Scene, Scene, dict], Problem]] = {
    "add": _add,
    "remove": _remove,
    "replace": _replace,
    "recolour": lambda d, s, t, f: _one_changed(d, {"color"}),
    "resize": _resize,
    "move": lambda d, s, t, f: _shape(d, changed=1) or _fields(d, {"x", "y", "surface", "z"}, {"x"}),
    "count_change": _count_change,
    "attribute": _attribute,
    "text_change": _text_change,
    "global_style": _global_style,
    "background": lambda d, s, t, f: _shape(d, scene=("background",)),
    "spatial": lambda d, s, t, f: _shape(d, changed=1) or (
        None if set(next(iter(d["changed"].values()))) in ({"mirror"}, {"angle"}) else "not a turn or a flip"),
    "mirror_scene": lambda d, s, t, f: _shape(d, scene=("mirrored",)),
    "viewpoint": _viewpoint,
    "clock_time": _clock_time,
    "count_match": _count_match,
    "extreme_recolour": _extreme_recolour,
    "pattern_next": _puzzle(puzzles.next_in_sequence),
    "grid_fill": _puzzle(puzzles.latin_missing),
    "category_filter": _category_filter,
    "counter_arithmetic": _counter_arithmetic,
    "chart_level": _chart_level,
}


def check(edit_type: str, diff: dict, source: Scene, target: Scene, facts: dict) -> Problem:
    if edit_type not in SIGNATURES:
        return f"unknown edit type {edit_type!r}"
    try:
        return SIGNATURES[edit_type](diff, source, target, facts)
    except (KeyError, TypeError, ValueError, StopIteration) as exc:
        return f"cannot check ({type(exc).__name__}: {exc})"
