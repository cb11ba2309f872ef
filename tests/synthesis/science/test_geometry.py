"""geometry family: what is drawn agrees with what is claimed, checked in pixels and
against formulas written here (not the template's solvers, not the verifier's)."""

from __future__ import annotations

import ast
import io
import math
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from filters.science import compare, overlapping_labels, verifier_for
from synthesis.science.geometry import TEMPLATES
from synthesis.science.template import RenderContext
from synthesis.science.themes import THEMES

ROOT = Path(__file__).resolve().parents[3]
BY_NAME = {t.name: t() for t in TEMPLATES}
THEME_NAMES = sorted(THEMES)


def make(name: str, seed: int, theme: str | None = None, size: int = 512, dpi: int = 72):
    ctx = RenderContext(THEMES[theme or THEME_NAMES[seed % len(THEME_NAMES)]], size, dpi)
    return BY_NAME[name].generate(np.random.default_rng(seed), ctx)


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def rgb(hex_color: str) -> np.ndarray:
    return np.array([int(hex_color[i:i + 2], 16) for i in (1, 3, 5)])


@pytest.fixture(scope="module")
def sweep():
    """30 samples across the family: five of each template, every theme, two sizes."""
    out = []
    for i in range(30):
        name = sorted(BY_NAME)[i % len(BY_NAME)]
        out.append((name, make(name, 100 + i, size=512 if i % 2 else 640)))
    return out


def of(sweep, name):
    return [item for n, item in sweep if n == name]


def test_family_has_the_six_templates():
    assert set(BY_NAME) == {"geometry.triangle_centres", "geometry.bisectors", "geometry.circle_tangent",
                            "geometry.polygon_angles", "geometry.move_point_edit", "geometry.read_length"}
    assert {t.task for t in TEMPLATES} == {"t2i", "edit", "und"}


def test_labels_never_overlap_across_30_seeds(sweep):
    for name, item in sweep:
        assert item.labels["texts"], name
        assert overlapping_labels(item.labels["texts"]) == [], (name, item.problem)
        if "source_texts" in item.labels:
            assert overlapping_labels(item.labels["source_texts"]) == [], (name, item.problem)
        for text in item.labels["texts"]:
            left, top, right, bottom = text["box"]
            assert 0 <= left <= right <= item.width and 0 <= top <= bottom <= item.height, (name, text)


def test_verifier_agrees_across_30_seeds(sweep):
    for name, item in sweep:
        expected = verifier_for(name)(item.problem)
        assert compare(expected, item.answer, rel_tol=1e-5, abs_tol=1e-5) == [], (name, item.problem)


def _circumcentre_items(count: int = 3):
    items, seed = [], 0
    while len(items) < count:
        theme = ("textbook", "blackboard")[seed % 2]
        item = make("geometry.triangle_centres", seed, theme=theme, size=640, dpi=80)
        if "circumcentre" in item.problem["centres"]:
            items.append(item)
        seed += 1
    return items


def test_drawn_circumcentre_is_equidistant_from_the_drawn_vertices():
    for item in _circumcentre_items():
        objects = {o["label"]: o for o in item.labels["objects"]}
        centre = np.array(objects["O"]["point"])
        radius = objects["O"]["radius_px"]
        for name in "ABC":
            distance = np.hypot(*(np.array(objects[name]["point"]) - centre))
            assert abs(distance - radius) < 1.0, (name, distance, radius)
        # ... and the circle drawn really runs at that radius, in its colour.
        image = pixels(item.image)
        color = rgb(item.render["colors"]["circumcentre"])
        hits = 0
        angles = np.linspace(0, 2 * np.pi, 90, endpoint=False)
        for t in angles:
            u, v = centre[0] + radius * np.cos(t), centre[1] - radius * np.sin(t)
            iu, iv = int(round(u)), int(round(v))
            patch = image[max(iv - 2, 0):iv + 3, max(iu - 2, 0):iu + 3].reshape(-1, 3)
            hits += np.abs(patch - color).sum(axis=1).min() <= 60
        assert hits >= 0.85 * len(angles), f"only {hits}/{len(angles)} circle samples in the circle's colour"


def test_centres_satisfy_their_definitions(sweep):
    """Checked here with numpy, from the answer's own vertices: O equidistant, I at
    distance r from all three side lines, H on the altitudes, G the vertex mean."""
    items, checked, seed = of(sweep, "geometry.triangle_centres"), set(), 0
    while True:
        for item in items:
            a = item.answer
            P = [np.array(a["vertices"][n]) for n in "ABC"]

            def line_distance(x, p, q):
                d = q - p
                return abs(d[0] * (x - p)[1] - d[1] * (x - p)[0]) / np.hypot(*d)

            for kind in item.problem["centres"]:
                x = np.array(a[kind])
                if kind == "circumcentre":
                    assert all(abs(np.hypot(*(x - p)) - a["circumradius"]) < 1e-4 for p in P)
                elif kind == "incentre":
                    assert all(abs(line_distance(x, P[i], P[(i + 1) % 3]) - a["inradius"]) < 1e-4 for i in range(3))
                elif kind == "orthocentre":
                    assert abs(np.dot(x - P[0], P[2] - P[1])) < 1e-4 and abs(np.dot(x - P[1], P[2] - P[0])) < 1e-4
                else:
                    assert np.allclose(x, sum(P) / 3, atol=1e-5)
                checked.add(kind)
            assert abs(sum(a["angles_deg"].values()) - 180) < 1e-4
        if len(checked) == 4 or seed >= 30:
            break
        items = [make("geometry.triangle_centres", seed)]  # until every kind has been met
        seed += 1
    assert checked == {"circumcentre", "incentre", "orthocentre", "centroid"}


def test_tangent_points_touch_the_circle_at_right_angles(sweep):
    for item in of(sweep, "geometry.circle_tangent"):
        o, p, r = np.array(item.problem["centre"]), np.array(item.problem["point"]), item.problem["radius"]
        for t in map(np.array, item.answer["tangent_points"]):
            assert abs(np.hypot(*(t - o)) - r) < 1e-5
            assert abs(np.dot(t - o, t - p)) < 1e-4  # radius ⊥ tangent
            assert abs(np.hypot(*(t - p)) - item.answer["tangent_length"]) < 1e-5


def test_polygon_caption_states_the_angle_sum(sweep):
    for item in of(sweep, "geometry.polygon_angles"):
        n = item.answer["n"]
        caption = [t["text"] for t in item.labels["texts"] if t["text"].startswith("Sum of interior angles")]
        assert caption == [f"Sum of interior angles: ({n} − 2) × 180° = {(n - 2) * 180}°"]
        assert abs(sum(item.answer["angles_deg"]) - (n - 2) * 180) < 1e-4
        drawn = [t["text"] for t in item.labels["texts"] if t["text"].endswith("°") and "Sum" not in t["text"]]
        assert len(drawn) == n  # one value per corner


def test_move_edit_keeps_a_b_and_their_labels(sweep):
    for item in of(sweep, "geometry.move_point_edit"):
        before = {t["text"]: t["box"] for t in item.labels["source_texts"]}
        after = {t["text"]: t["box"] for t in item.labels["texts"]}
        for prefix in ("A(", "B("):
            (text,) = [t for t in after if t.startswith(prefix)]
            assert before[text] == after[text], text
        src, tgt = pixels(item.source_image), pixels(item.image)
        for obj in item.labels["objects"]:
            if obj["label"] in "AB":
                u, v = (int(round(c)) for c in obj["point"])
                assert (src[v - 1:v + 2, u - 1:u + 2] == tgt[v - 1:v + 2, u - 1:u + 2]).all(), obj
        c_new = item.answer["vertices"]["C"]
        assert c_new == item.answer["to"] and c_new != item.answer["from"]
        assert any(t.startswith("C(") for t in after) and not set(after) >= set(before)


def test_vision_dominant_questions_keep_the_values_in_the_image(sweep):
    seen = set()
    for item in of(sweep, "geometry.read_length") + [make("geometry.read_length", seed) for seed in range(3)]:
        only_image = item.answer["values_in_image_only"]
        seen.add(only_image)
        texts = " ".join(t["text"] for t in item.labels["texts"])
        if only_image:
            assert not re.search(r"\d", item.instruction), item.instruction
            assert re.search(r"\d", texts), texts
        else:
            assert re.search(r"\d", item.instruction), item.instruction
        assert item.answer["answer"] and isinstance(item.answer["value"], float)
    assert seen == {True, False}


def test_verifier_does_not_import_the_generator():
    tree = ast.parse((ROOT / "filters/science/geometry.py").read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(m.startswith("synthesis") or m.startswith("sympy.geometry") for m in imported if m), imported


def test_equal_aspect_a_unit_is_the_same_in_x_and_y():
    item = make("geometry.circle_tangent", 3, theme="textbook", size=640, dpi=80)
    objects = {o["label"]: o for o in item.labels["objects"]}
    o, p = np.array(objects["O"]["point"]), np.array(objects["P"]["point"])
    (cx, cy), (px, py) = item.problem["centre"], item.problem["point"]
    scale = objects["O"]["radius_px"] / item.problem["radius"]
    assert math.isclose(p[0] - o[0], (px - cx) * scale, abs_tol=0.6)
    assert math.isclose(o[1] - p[1], (py - cy) * scale, abs_tol=0.6)
