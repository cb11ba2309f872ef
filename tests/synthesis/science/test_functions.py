"""functions.derivative: answers checked independently of the template's solver."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from PIL import Image
from pydantic import ValidationError

from synthesis.generator import generator_class
from synthesis.science.generator import ScienceGenerator

ROOT = Path(__file__).resolve().parents[3]
SMALL = {"size_px_min": 512, "size_px_max": 512, "dpi": 64, "templates": ["functions.derivative"]}


@pytest.fixture(scope="module")
def gen() -> ScienceGenerator:
    return ScienceGenerator()


@pytest.fixture(scope="module")
def samples(gen):
    """Enough seeds to meet every function kind (polynomial, sine, x_exp, x_sin)."""
    samples = [gen(seed, ScienceGenerator.Params(**SMALL)) for seed in range(1, 13)]
    assert {s.spec["problem"]["kind"] for s in samples} == {"polynomial", "sine", "x_exp", "x_sin"}
    return samples


def test_registry_finds_the_generator():
    assert generator_class("science") is ScienceGenerator


def test_same_seed_same_bytes_in_process(gen, samples):
    again = gen(1, ScienceGenerator.Params(**SMALL))
    assert again.image == samples[0].image and again.answer == samples[0].answer


def test_same_seed_same_bytes_across_processes(gen):
    params = ScienceGenerator.Params(**SMALL)
    code = (
        "import hashlib, sys;"
        "from synthesis.science.generator import ScienceGenerator as G;"
        "p = G.Params(templates=['functions.derivative'], size_px_min=512, size_px_max=512, dpi=64);"
        "sys.stdout.write(hashlib.sha256(G()(4, p).image).hexdigest())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=str(ROOT), env={**os.environ, "PYTHONHASHSEED": "7"},
    ).stdout
    assert out == hashlib.sha256(gen(4, params).image).hexdigest()


def test_different_seeds_differ(samples):
    assert len({s.image for s in samples}) == len(samples)


def test_image_is_png_of_the_requested_size(gen):
    s = gen(0, ScienceGenerator.Params(size_px_min=640, size_px_max=640, dpi=80))
    image = Image.open(io.BytesIO(s.image))
    assert image.format == "PNG" and image.size == (640, 640) == (s.width, s.height)
    assert b"Software" not in s.image and b"tEXt" not in s.image


def test_sample_fields(samples):
    for s in samples:
        assert (s.generator, s.generator_version, s.template, s.task) == (
            "science", "0.2.0", "functions.derivative", "t2i",
        )
        assert s.instruction and s.instruction_zh and s.cot
        assert s.answer["df"] == str(sp.diff(sp.sympify(s.spec["problem"]["f"], locals={"x": sp.Symbol("x", real=True)}), sp.Symbol("x", real=True)))
        assert "Differentiate" in s.cot and "Solve" in s.cot
        json.dumps(s.to_row("job"), default=lambda b: None)  # all JSON columns serialise
        xs = [p[0] for p in s.answer["critical_points"]]
        assert xs == sorted(xs)


def _independent(spec: dict):
    spec = spec["problem"]
    x = sp.Symbol("x", real=True)
    f = sp.sympify(spec["f"], locals={"x": x})
    assert sp.srepr(f) == spec["f_srepr"]
    lo, hi = (float(sp.sympify(v)) for v in spec["interval"])
    return x, f, lo, hi


def test_critical_points_are_zeros_of_the_derivative(samples):
    for s in samples:
        x, f, lo, hi = _independent(s.spec)
        df, d2f = sp.diff(f, x), sp.diff(f, x, 2)
        assert s.answer["critical_points"], f"seed {s.seed}: nothing to mark"
        for px, py in s.answer["critical_points"]:
            assert lo - 1e-6 <= px <= hi + 1e-6  # px is rounded to 6 places
            slack = 1e-6 * (1 + abs(float(d2f.subs(x, px))))  # x is rounded to 6 places
            assert abs(float(df.subs(x, px))) <= slack, (s.spec["problem"]["f"], px)
            assert abs(float(f.subs(x, px)) - py) <= 1e-5 * (1 + abs(py))


def test_no_critical_point_is_missed(samples):
    for s in samples:
        x, f, lo, hi = _independent(s.spec)
        xs = np.linspace(lo, hi, 20001)
        values = np.broadcast_to(sp.lambdify(x, sp.diff(f, x), "numpy")(xs), xs.shape)
        brackets = np.nonzero(np.sign(values[:-1]) * np.sign(values[1:]) < 0)[0]
        found = np.array([p[0] for p in s.answer["critical_points"]])
        step = xs[1] - xs[0]
        for i in brackets:
            assert np.any(np.abs(found - (xs[i] + step / 2)) <= step), (s.spec["problem"]["f"], xs[i])


def test_exact_answers_agree_with_floats(samples):
    for s in samples:
        x, f, _, _ = _independent(s.spec)
        for (ex, ey), (px, py) in zip(s.answer["critical_points_exact"], s.answer["critical_points"]):
            assert abs(float(sp.sympify(ex).evalf(20)) - px) < 1e-6
            assert abs(float(sp.sympify(ey, locals={"x": x}).evalf(20)) - py) < 1e-5 * (1 + abs(py))


def test_marked_points_are_drawn_where_labelled(samples):
    for s in samples:
        image = np.asarray(Image.open(io.BytesIO(s.image)).convert("RGB")).astype(int)
        color = np.array([int(s.spec["render"]["colors"]["points"][i : i + 2], 16) for i in (1, 3, 5)])
        marks = [o for o in s.labels["objects"] if o["label"] == "critical point"]
        assert len(marks) == len(s.answer["critical_points"])
        for mark in marks:
            u, v = (round(c) for c in mark["point"])
            assert 0 <= u < s.width and 0 <= v < s.height
            patch = image[max(v - 1, 0) : v + 2, max(u - 1, 0) : u + 2].reshape(-1, 3)
            assert np.abs(patch - color).sum(axis=1).min() <= 30, (s.spec["problem"]["f"], mark)


def test_instruction_names_function_and_interval(samples):
    for s in samples:
        for text in (s.instruction, s.instruction_zh):
            assert "[" in text and "]" in text
        assert "x" in s.instruction


def test_params_reject_unknown_keys():
    with pytest.raises(ValidationError, match="extra"):
        ScienceGenerator.Params(colour="red")


@pytest.mark.parametrize(
    "bad",
    [
        {"size_px_min": 256},
        {"size_px_max": 2048},
        {"dpi": 10},
        {"families": []},
        {"families": ["fourier"]},
        {"templates": ["functions.nope"]},
        {"tasks": ["draw"]},
        {"themes": ["neon"]},
    ],
)
def test_params_reject_out_of_range(bad):
    with pytest.raises(ValidationError):
        ScienceGenerator.Params(**bad)


def test_params_cross_field_message_names_both_fields():
    with pytest.raises(ValidationError) as info:
        ScienceGenerator.Params(size_px_min=1024, size_px_max=512)
    assert "size_px_min" in str(info.value) and "size_px_max" in str(info.value)
