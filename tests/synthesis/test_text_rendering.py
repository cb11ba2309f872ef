"""The text_rendering generator: determinism, params, labels that match the pixels."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pydantic import ValidationError

from synthesis.generator import generator_class
from synthesis.text_rendering.backgrounds import render_background
from synthesis.text_rendering.colors import contrast
from synthesis.text_rendering.fonts import covers, font_index
from synthesis.text_rendering.generator import TextRenderingGenerator
from synthesis.text_rendering.render import render

ROOT = Path(__file__).resolve().parents[2]
SEEDS = range(12)


@pytest.fixture(scope="module")
def gen() -> TextRenderingGenerator:
    return TextRenderingGenerator()


@pytest.fixture(scope="module")
def params():
    return TextRenderingGenerator.Params()


@pytest.fixture(scope="module")
def samples(gen, params):
    return [gen(seed, params) for seed in SEEDS]


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def test_registry_finds_the_generator():
    assert generator_class("text_rendering") is TextRenderingGenerator


def test_default_fonts_are_installed(gen, params):
    gen.check_params(params)  # raises if CI lacks fonts-dejavu-core / fonts-liberation2
    assert set(params.fonts) <= set(font_index())


def test_same_seed_same_bytes_in_process(gen, params, samples):
    again = gen(3, params)
    assert again.image == samples[3].image
    assert again.spec == samples[3].spec and again.labels == samples[3].labels


def test_same_seed_same_bytes_across_processes(samples):
    code = (
        "import hashlib, sys;"
        "from synthesis.text_rendering.generator import TextRenderingGenerator as G;"
        "g = G(); sys.stdout.write(hashlib.sha256(g(5, G.Params()).image).hexdigest())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONHASHSEED": "123"}, cwd=str(ROOT),
    ).stdout
    assert out == hashlib.sha256(samples[5].image).hexdigest()


def test_different_seeds_differ(samples):
    assert len({s.image for s in samples}) == len(samples)
    assert len({tuple(s.answer["lines"]) for s in samples}) == len(samples)


def test_sample_fields(samples, params):
    for s in samples:
        assert s.task == "t2i" and s.template == "plain_lines"
        assert (s.generator, s.generator_version) == ("text_rendering", "0.1.0")
        image = Image.open(io.BytesIO(s.image))
        assert image.format == "PNG" and image.size == (s.width, s.height)
        assert params.min_size <= max(s.width, s.height) <= params.max_size
        assert 0.5 <= s.width / s.height <= 2.0
        assert 1 <= len(s.answer["lines"]) <= params.max_lines
        assert s.answer["lines"] == [line["text"] for line in s.labels["lines"]]
        assert s.instruction_zh and s.cot
        assert s.to_row("job")["id"] == f"job/text_rendering/{s.seed}"


def test_instruction_quotes_every_line_exactly(samples):
    for s in samples:
        for line in s.answer["lines"]:
            assert f'"{line}"' in s.instruction
            assert f'"{line}"' in s.instruction_zh
            assert line in s.cot


def test_word_labels_match_lines(samples):
    for s in samples:
        words = s.labels["words"]
        assert s.labels["reading_order"] == list(range(len(words)))
        for i, line in enumerate(s.labels["lines"]):
            assert " ".join(w["text"] for w in words if w["line"] == i) == line["text"]


def test_polygons_inside_image_and_ink_inside_polygons(samples):
    for s in samples:
        img = pixels(s.image).astype(np.int16)
        background = np.asarray(render_background(s.spec["background"], s.width, s.height), np.int16)
        inside = np.zeros((s.height, s.width), bool)
        for word in s.labels["words"]:
            (x0, y0), _, (x1, y1), _ = word["polygon"]
            assert 0 <= x0 < x1 <= s.width and 0 <= y0 < y1 <= s.height, word
            inside[y0:y1, x0:x1] = True
            # The box is tight: ink touches each of its four edges.
            ink = np.abs(img[y0:y1, x0:x1] - background[y0:y1, x0:x1]).max(axis=2) > 0
            assert ink[0].any() and ink[-1].any() and ink[:, 0].any() and ink[:, -1].any(), word
        changed = np.abs(img - background).max(axis=2) > 0
        assert changed[inside].sum() > 0
        assert changed[~inside].sum() == 0, f"seed {s.seed}: ink outside the word polygons"


def test_spec_rerenders_the_image(samples):
    for s in samples[:4]:
        assert np.array_equal(np.asarray(render(s.spec)), pixels(s.image))


def test_text_contrast_is_legible(samples):
    for s in samples:
        bg = s.spec["background"]
        base = [bg["start"], bg["end"]] if bg["kind"] == "gradient" else [bg["color"]]
        assert min(contrast(s.spec["color"], c) for c in base) >= 4.5


def test_all_backgrounds_and_fonts_render(gen):
    kinds, families = set(), set()
    for seed in range(30):
        s = gen(seed, TextRenderingGenerator.Params(max_size=512, min_size=256))
        kinds.add(s.spec["background"]["kind"])
        families.add(s.spec["font"]["family"])
        assert covers(s.spec["font"]["path"], " ".join(s.answer["lines"]))
    assert kinds == {"plain", "gradient", "noise"}
    assert len(families) >= 3


def test_params_reject_unknown_keys():
    with pytest.raises(ValidationError, match="extra"):
        TextRenderingGenerator.Params(font="DejaVu Sans")


@pytest.mark.parametrize(
    "bad",
    [
        {"min_size": 32},
        {"max_size": 4096},
        {"max_lines": 0},
        {"fonts": []},
        {"backgrounds": ["marble"]},
        {"fonts": ["DejaVu Sans", "DejaVu Sans"]},
    ],
)
def test_params_reject_out_of_range(bad):
    with pytest.raises(ValidationError):
        TextRenderingGenerator.Params(**bad)


def test_params_cross_field_message_names_both_fields():
    with pytest.raises(ValidationError) as info:
        TextRenderingGenerator.Params(min_size=900, max_size=600)
    assert "min_size" in str(info.value) and "max_size" in str(info.value)


def test_check_params_names_missing_font(gen):
    params = TextRenderingGenerator.Params(fonts=["DejaVu Sans", "Comic Nonexistent"])
    with pytest.raises(ValueError) as info:
        gen.check_params(params)
    message = str(info.value)
    assert "'Comic Nonexistent' is not installed" in message
    assert "DejaVu Sans" in message and "\n" not in message


def test_max_lines_and_small_canvas_respected(gen):
    params = TextRenderingGenerator.Params(min_size=128, max_size=160, max_lines=2)
    for seed in range(10):
        s = gen(seed, params)
        assert 1 <= len(s.answer["lines"]) <= 2
        assert max(s.width, s.height) <= 160
