"""Physics templates: the physics holds in what is drawn, checked apart from both the
generators' solvers and the verifiers (Kirchhoff's laws on the drawn schematic, the lens
equation and the central ray in pixel space, force arrows that balance, areas under v(t))."""

from __future__ import annotations

import io
import math
from fractions import Fraction

import numpy as np
import pytest
from PIL import Image

from filters.science.physics import VERIFIERS
from synthesis.science.physics import TEMPLATES
from synthesis.science.template import RenderContext
from synthesis.science.themes import THEMES

BY_NAME = {t.name: t for t in TEMPLATES}
SEEDS = range(6)
_cache: dict = {}


def items(name: str) -> list:
    """Samples of a template at small sizes, every theme, two dpis (cached per module)."""
    if name not in _cache:
        template = BY_NAME[name]()
        themes = list(THEMES)
        _cache[name] = [template.generate(np.random.default_rng(1000 + s),
                                          RenderContext(THEMES[themes[s % len(themes)]], 512 + 64 * (s % 3),
                                                        72 if s % 2 else 100))
                        for s in SEEDS]
    return _cache[name]


def test_the_family_has_its_templates_and_verifiers():
    assert set(BY_NAME) == {"physics.projectile", "physics.free_body", "physics.circuit", "physics.lens",
                            "physics.kinematics", "physics.resistance_edit", "physics.current_question"}
    assert set(VERIFIERS) == set(BY_NAME)
    assert {t.task for t in TEMPLATES} == {"t2i", "edit", "und"}


# ---- circuits: Kirchhoff on the drawn schematic ---------------------------------------

def _nodes(objects: list[dict]) -> dict[tuple, int]:
    """Union-find over drawn conductor ends: wires join their ends, and an end lying on a
    wire's interior joins that wire (a T-joint)."""
    key = lambda p: (round(p[0], 6), round(p[1], 6))  # noqa: E731
    wires = [o["ends"] for o in objects if o["kind"] == "wire"]
    points = {key(p) for o in objects for p in o.get("ends", [])}
    points |= {key(o[k]) for o in objects if o["kind"] == "battery" for k in ("plus", "minus")}
    parent = {p: p for p in points}

    def find(p):
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def union(a, b):
        parent[find(a)] = find(b)

    for a, b in wires:
        union(key(a), key(b))
        for p in points:
            on_segment = (min(a[0], b[0]) - 1e-9 <= p[0] <= max(a[0], b[0]) + 1e-9 and
                          min(a[1], b[1]) - 1e-9 <= p[1] <= max(a[1], b[1]) + 1e-9 and
                          abs((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) < 1e-9)
            if on_segment:
                union(key(a), p)
    roots = sorted({find(p) for p in points})
    return {p: roots.index(find(p)) for p in points}


def _kirchhoff(item, currents: dict, voltages: dict, total: float) -> None:
    objects = item.labels["objects"]
    node = _nodes(objects)
    key = lambda p: (round(p[0], 6), round(p[1], 6))  # noqa: E731
    resistors = [o for o in objects if o["kind"] == "resistor"]
    battery = next(o for o in objects if o["kind"] == "battery")
    plus, minus = node[key(battery["plus"])], node[key(battery["minus"])]
    assert plus != minus, "the battery is short-circuited in the drawing"
    # KCL: what flows into every node flows out (resistor current runs left end → right end)
    balance = {n: 0.0 for n in set(node.values())}
    balance[plus] += total  # the battery feeds the total current into the + node ...
    balance[minus] -= total  # ... and takes it back from the − node
    for r in resistors:
        a, b = node[key(r["ends"][0])], node[key(r["ends"][1])]
        assert a != b, f"{r['name']} is shorted in the drawing"
        balance[a] -= currents[r["name"]]
        balance[b] += currents[r["name"]]
    for n, net in balance.items():
        assert abs(net) < 1e-5, f"KCL fails at node {n}: net {net} ({item.problem})"
    # KVL: potentials from + (at the battery voltage) through the resistors' drops agree everywhere
    emf = float(item.problem["voltage"])
    potential = {plus: emf, minus: 0.0}
    for _ in resistors:
        for r in resistors:
            a, b = node[key(r["ends"][0])], node[key(r["ends"][1])]
            if a in potential and b not in potential:
                potential[b] = potential[a] - voltages[r["name"]]
            elif b in potential and a not in potential:
                potential[a] = potential[b] + voltages[r["name"]]
    for r in resistors:
        a, b = node[key(r["ends"][0])], node[key(r["ends"][1])]
        assert abs(potential[a] - potential[b] - voltages[r["name"]]) < 1e-5, (r["name"], item.problem)
        value = float(Fraction(item.problem["resistances"][r["name"]]))
        if "edit" in item.problem and item.problem["edit"]["resistor"] == r["name"]:
            value *= float(Fraction(item.problem["edit"]["factor"]))
        assert abs(voltages[r["name"]] - currents[r["name"]] * value) < 1e-5  # Ohm's law


@pytest.mark.parametrize("name", ["physics.circuit", "physics.resistance_edit", "physics.current_question"])
def test_kirchhoff_laws_hold_on_the_drawn_circuit(name):
    for item in items(name):
        a = item.answer
        _kirchhoff(item, a["currents"], a["voltages"], a["total_current"])
        assert abs(a["equivalent_resistance"] * a["total_current"] - float(item.problem["voltage"])) < 1e-4


def test_every_drawn_resistor_is_in_the_problem_and_labelled():
    for item in items("physics.circuit"):
        drawn = sorted(o["name"] for o in item.labels["objects"] if o["kind"] == "resistor")
        assert drawn == sorted(item.problem["resistances"])
        texts = [t["text"] for t in item.labels["texts"]]
        for name, value in item.problem["resistances"].items():
            assert f"{name} = {value} Ω" in texts
        assert sum(t.startswith("I ") for t in texts) == len(drawn)  # one reading per resistor


def _png(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("L"))


def test_the_edit_changes_exactly_one_resistance():
    for item in items("physics.resistance_edit"):
        edit = item.problem["edit"]
        assert Fraction(edit["factor"]) in (2, Fraction(1, 2))
        assert item.answer["resistor"] == edit["resistor"]
        old = Fraction(item.problem["resistances"][edit["resistor"]])
        assert math.isclose(item.answer["new_resistance"], float(old * Fraction(edit["factor"])))
        mask = _png(item.mask) > 127
        values = [t for t in item.labels["texts"] if t["text"].startswith("R") and " = " in t["text"]]
        assert len(values) == len(item.problem["resistances"])
        for t in values:
            left, top, right, bottom = (int(round(v)) for v in t["box"])
            touched = mask[max(top, 0):bottom, max(left, 0):right].any()
            # only the edited resistor's value label is redrawn; the others keep their pixels
            assert touched == t["text"].startswith(edit["resistor"] + " "), (t["text"], edit)


def test_current_question_shows_values_only_in_the_image():
    for item in items("physics.current_question"):
        texts = [t["text"] for t in item.labels["texts"]]
        assert not any(t.startswith("I ") for t in texts), "the answer must not be drawn"
        assert f"{item.problem['voltage']} V" in texts
        assert not any(ch.isdigit() for ch in item.instruction.replace(item.problem["target"], ""))
        assert item.answer["answer"] == item.answer["currents"][item.problem["target"]]
        assert Fraction(item.answer["answer_exact"]) == Fraction(item.answer["currents_exact"][item.problem["target"]])


# ---- lens --------------------------------------------------------------------------------

def test_the_image_satisfies_the_lens_equation_and_lies_on_the_central_ray():
    for item in items("physics.lens"):
        f, d_o = (Fraction(item.problem[k]) for k in ("focal_length", "object_distance"))
        d_i = Fraction(item.answer["image_distance_exact"])
        assert 1 / f == 1 / d_o + 1 / d_i
        assert item.answer["real"] == (d_i > 0) and item.answer["upright"] == (item.answer["magnification"] > 0)
        points = {o["label"]: np.array(o["point"]) for o in item.labels["objects"]}
        # object tip, lens centre and image tip are collinear in pixel space (any axis scaling keeps lines)
        a, c, b = points["object tip"], points["lens centre"], points["image tip"]
        cross = (c - a)[0] * (b - a)[1] - (c - a)[1] * (b - a)[0]
        assert abs(cross) / np.linalg.norm(b - a) < 1.0, item.problem


# ---- projectile ----------------------------------------------------------------------------

def test_projectile_apex_and_landing_match_a_sampled_trajectory():
    for item in items("physics.projectile"):
        p = item.problem
        theta = math.radians(p["angle_deg"])
        vx, vy = p["v0"] * math.cos(theta), p["v0"] * math.sin(theta)
        ts = np.linspace(0.0, item.answer["time_of_flight"], 200001)
        ys = p["launch_height"] + vy * ts - p["g"] / 2 * ts**2
        assert abs(ys.max() - item.answer["max_height"]) < 2e-6
        assert abs(ys[-1]) < 1e-4 and (ys[1:-1] > 0).all()
        assert abs(vx * ts[-1] - item.answer["range"]) < 1e-5
        marks = {o["label"]: o["point"] for o in item.labels["objects"]}
        assert marks["apex"][1] < marks["launch"][1] and marks["apex"][1] < marks["landing"][1]  # higher = smaller v
        assert marks["launch"][0] < marks["apex"][0] < marks["landing"][0]


# ---- incline -------------------------------------------------------------------------------

def test_drawn_force_arrows_are_to_scale_and_add_up_along_the_slope():
    for item in items("physics.free_body"):
        arrows = {o["label"]: np.array(o["to"]) - np.array(o["from"]) for o in item.labels["objects"]}
        weight = arrows["weight"]
        assert abs(weight[0]) < 0.05 and weight[1] > 0  # straight down (pixel y grows downwards)
        per_newton = np.linalg.norm(weight) / item.answer["weight"]
        normal = arrows["normal"]
        assert abs(np.linalg.norm(normal) / per_newton - item.answer["normal"]) < 0.05 * item.answer["weight"] / 100
        theta = math.radians(item.problem["angle_deg"])
        assert abs(math.degrees(math.atan2(abs(normal[0]), -normal[1])) - item.problem["angle_deg"]) < 0.1
        net = weight + normal + arrows.get("friction", np.zeros(2))
        assert abs(np.dot(net, normal) / np.linalg.norm(normal)) < 0.5  # nothing left across the slope
        assert abs(np.linalg.norm(net) - abs(item.answer["net_force"]) * per_newton) < 0.1  # px
        a = item.answer
        assert math.isclose(a["acceleration"], a["net_force"] / item.problem["mass"], abs_tol=1e-6)
        if "friction" in arrows:
            assert a["friction"] <= float(Fraction(item.problem["mu"])) * a["normal"] + 1e-6
            assert abs(np.dot(arrows["friction"], normal)) / np.linalg.norm(normal) < 0.5  # along the slope
        assert math.isclose(a["normal"], a["weight"] * math.cos(theta), rel_tol=1e-6)


# ---- velocity-time graph -----------------------------------------------------------------

def test_displacement_and_distance_are_the_areas_under_v():
    for item in items("physics.kinematics"):
        ts = np.linspace(item.problem["times"][0], item.problem["times"][-1], 400001)
        vs = np.interp(ts, item.problem["times"], item.problem["velocities"])
        dt = ts[1] - ts[0]
        assert abs(np.sum((vs[1:] + vs[:-1]) / 2) * dt - item.answer["displacement"]) < 1e-4
        assert abs(np.sum(np.abs(vs[1:] + vs[:-1]) / 2) * dt - item.answer["distance"]) < 1e-3
        assert math.isclose(sum(item.answer["segment_displacements"]), item.answer["displacement"], abs_tol=1e-5)
        knots = [o for o in item.labels["objects"] if o["label"] == "knot"]
        assert [k["data"][1] for k in knots] == [float(v) for v in item.problem["velocities"]]
