"""Checks every registered science template must pass (parametrized over the registry,
so a new template is held to them without a line of test of its own):

the sample contract, determinism, the independent verifier on several seeds, a planted
wrong answer caught, edits that redraw only a small part, and understanding samples
with an answer.
"""

from __future__ import annotations

import copy
import io
import json

import numpy as np
import pytest
from PIL import Image

from filters.science import compare, overlapping_labels, verifier_for
from filters.science_verify import ScienceVerifyJudge, ScienceVerifyThresholds
from synthesis.sample import TASKS, rows_to_table
from synthesis.science.generator import ScienceGenerator
from synthesis.science.template import DIFFICULTIES, FAMILIES, IMAGE_TYPES, SUBJECTS, all_templates

TEMPLATES = sorted(all_templates())
SEEDS = tuple(range(11, 19))  # 8 seeds per template: every template, every CI run
JUDGE = ScienceVerifyJudge(ScienceVerifyThresholds())


@pytest.fixture(scope="module")
def generator() -> ScienceGenerator:
    return ScienceGenerator()


def params(name: str, **extra) -> ScienceGenerator.Params:
    return ScienceGenerator.Params(templates=[name], size_px_min=512, size_px_max=640, dpi=72, **extra)


_cache: dict = {}


def samples(generator, name):
    if name not in _cache:
        _cache[name] = [generator(seed, params(name)) for seed in SEEDS]
    return _cache[name]


def judge(rows):
    return JUDGE(rows_to_table([r.to_row("test") if hasattr(r, "to_row") else r for r in rows]))


def png_size(data: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(data)).size


def test_registry_has_the_families_and_templates():
    assert len(FAMILIES) >= 1 and len(TEMPLATES) >= len(FAMILIES)


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_metadata_and_verifier(name):
    t = all_templates()[name]
    assert name.startswith(f"{t.family}.") and t.family in FAMILIES
    assert t.subject in SUBJECTS and t.image_type in IMAGE_TYPES and t.task in TASKS
    assert verifier_for(name) is not None, f"no verifier in filters/science for {name}"


@pytest.mark.parametrize("name", TEMPLATES)
def test_sample_contract(generator, name):
    for s in samples(generator, name):
        assert s.template == name and s.task == all_templates()[name].task
        assert s.instruction.strip() and s.instruction_zh.strip() and s.cot.strip()
        assert s.spec["instruction_explicit"].strip()
        assert s.spec["tags"]["difficulty"] in DIFFICULTIES
        assert 512 <= s.width <= 1024 and 512 <= s.height <= 1024
        assert png_size(s.image) == (s.width, s.height)
        assert isinstance(s.answer, dict) and s.answer
        json.dumps(s.spec), json.dumps(s.answer), json.dumps(s.labels)
        for text in s.labels.get("texts", []):
            left, top, right, bottom = text["box"]
            assert -2 <= left <= right <= s.width + 2 and -2 <= top <= bottom <= s.height + 2, text
        if s.task == "edit":
            assert s.source_image and s.mask
            assert png_size(s.source_image) == png_size(s.mask) == (s.width, s.height)
        if s.task == "und":
            assert "answer" in s.answer, "understanding samples carry the answer under answer['answer']"


@pytest.mark.parametrize("name", TEMPLATES)
def test_same_seed_same_bytes_and_seeds_differ(generator, name):
    first = samples(generator, name)
    again = generator(SEEDS[0], params(name))
    assert again.image == first[0].image and again.answer == first[0].answer and again.mask == first[0].mask
    assert len({s.image for s in first}) == len(first)


@pytest.mark.parametrize("name", TEMPLATES)
def test_independent_verifier_passes(generator, name):
    out = judge(samples(generator, name))
    assert out["science_verify_ok"].to_pylist() == [True] * len(SEEDS), out["reason"].to_pylist()


def _numeric_paths(expected, path=()):
    if isinstance(expected, bool):
        return []
    if isinstance(expected, (int, float)):
        return [path]
    if isinstance(expected, dict):
        return [p for k, v in expected.items() for p in _numeric_paths(v, path + (k,))]
    if isinstance(expected, (list, tuple)):
        return [p for i, v in enumerate(expected) for p in _numeric_paths(v, path + (i,))]
    return []


@pytest.mark.parametrize("name", TEMPLATES)
def test_planted_wrong_value_is_caught(generator, name):
    sample = samples(generator, name)[0]
    expected = verifier_for(name)(sample.spec["problem"])
    paths = _numeric_paths(expected)
    assert paths, f"the verifier of {name} recomputes no numeric value"
    planted = copy.deepcopy(sample)
    node = planted.answer
    for key in paths[0][:-1]:
        node = node[key]
    value = node[paths[0][-1]]
    node[paths[0][-1]] = value + 0.5 * abs(value) + 1  # always != value (unlike 1.5·x + 1 at x = -2)
    out = judge([planted])
    assert out["verdict"].to_pylist() == ["reject"]
    assert "mismatches" in out["reason"].to_pylist()[0]


@pytest.mark.parametrize("name", [n for n in TEMPLATES if all_templates()[n].task == "edit"])
def test_edits_redraw_only_what_changed(generator, name):
    for s in samples(generator, name):
        source = np.asarray(Image.open(io.BytesIO(s.source_image)).convert("RGB"))
        target = np.asarray(Image.open(io.BytesIO(s.image)).convert("RGB"))
        mask = np.asarray(Image.open(io.BytesIO(s.mask)).convert("L")) > 127
        changed = np.any(source != target, axis=2)
        assert changed.any(), "an edit must change the image"
        assert not (changed & ~mask).any(), "pixels outside the mask changed"
        assert mask.mean() < 0.5, f"the edit redrew {mask.mean():.0%} of the image"


def test_overlapping_labels_are_rejected(generator):
    sample = copy.deepcopy(samples(generator, TEMPLATES[0])[0])
    sample.labels = {"texts": [{"text": "A", "box": [10, 10, 40, 30]}, {"text": "B", "box": [30, 20, 60, 40]}]}
    out = judge([sample])
    assert out["verdict"].to_pylist() == ["reject"]
    assert out["reason"].to_pylist()[0].startswith("science_verify: label_overlaps=1 > 0 ('A' and 'B' share 100")
    assert overlapping_labels([{"text": "a", "box": [0, 0, 10, 10]}, {"text": "b", "box": [10, 0, 20, 10]}]) == []


def test_compare_reports_paths():
    assert compare({"a": [1.0, {"b": 2}]}, {"a": [1.0 + 1e-9, {"b": 3}]}) == ["answer.a[1].b: 3 != 2"]
    assert compare({"x": "7"}, {"x": "7", "extra": 1}) == []
    assert compare({"x": [1, 2]}, {"x": [1]}) == ["answer.x: length 1 != 2"]


def test_other_generators_rows_pass_untouched():
    row = {"id": "j/g/1", "job": "j", "generator": "text_rendering", "generator_version": "1", "template": "t",
           "task": "t2i", "seed": 1, "verdict": "unjudged", "spec": "{}", "answer": "{}", "labels": "{}"}
    out = JUDGE(rows_to_table([row]))
    assert out["verdict"].to_pylist() == ["unjudged"] and out["science_verify_ok"].to_pylist() == [None]
