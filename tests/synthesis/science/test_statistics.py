"""statistics family: what the charts draw agrees with the data, checked in pixels and with
numbers computed here (numpy / fractions), apart from the templates' sympy code."""

from __future__ import annotations

import io
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from PIL import Image

from synthesis.science.generator import ScienceGenerator
from synthesis.science.statistics import stats
from synthesis.science.themes import THEMES


@pytest.fixture(scope="module")
def gen() -> ScienceGenerator:
    return ScienceGenerator()


_cache: dict = {}


def samples(gen, template: str) -> list:
    """Two samples per theme (different seeds, so different data too)."""
    if template not in _cache:
        _cache[template] = [
            gen(seed, ScienceGenerator.Params(templates=[template], themes=[theme], size_px_min=512,
                                              size_px_max=640, dpi=72))
            for i, theme in enumerate(THEMES) for seed in (2 * i + 1, 2 * i + 2)]
    return _cache[template]


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def rgb(color: str) -> np.ndarray:
    return np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)])


def bar_top(image: np.ndarray, box: list[float], baseline: float, color: str, skip: list[float]) -> int:
    """Scan the bar's centre column up from the baseline while the pixels have the bar's
    colour; rows near a mean line (drawn across the bars) are stepped over."""
    u = int(round((box[0] + box[2]) / 2))
    target = rgb(color)
    v = int(baseline) - 3
    while v > 0:
        near_line = any(abs(v - y) <= 6 for y in skip)
        if not near_line and np.abs(image[v, u] - target).sum() > 12:
            return v + 1
        v -= 1
    return 0


def drawn_heights(sample) -> list[tuple[float, float, float]]:
    """(value, expected top px, measured top px) for every bar of a bar-chart sample."""
    image = pixels(sample.image)
    colors = sample.spec["render"]["colors"]["bars"]
    series = {}
    for obj in sample.labels["objects"]:
        if obj["label"] == "bar":
            series.setdefault(obj["series"], []).append(obj)
    lines = [obj["y"] for obj in sample.labels["objects"] if obj["label"] == "mean line"]
    out = []
    for color, bars in zip(colors, series.values()):
        for obj in bars:
            top = bar_top(image, obj["box"], sample.labels["baseline_y"], color, lines)
            out.append((float(obj["value"]), obj["box"][1], top))
    return out


@pytest.mark.parametrize("template", ["statistics.bar", "statistics.mean_question", "statistics.change_value_edit"])
def test_bar_heights_in_pixels_are_proportional_to_the_values(gen, template):
    for s in samples(gen, template):
        baseline = s.labels["baseline_y"]
        lines = [o["y"] for o in s.labels["objects"] if o["label"] == "mean line"]
        # A bar whose top sits on a mean line cannot be measured there: leave it out.
        usable = [(value, baseline - top) for value, expected_top, top in drawn_heights(s)
                  if not any(abs(expected_top - y) <= 7 for y in lines)]
        assert len(usable) >= 2
        values = np.array([v for v, _ in usable])
        heights = np.array([h for _, h in usable])
        scale = (values @ heights) / (values @ values)  # px per unit, fitted through the origin
        slack = 3.5 if s.spec["theme"] == "hand_drawn" else 2.0  # the sketch filter wobbles edges
        assert np.abs(heights - scale * values).max() <= slack, (s.seed, s.spec["theme"], usable, scale)


def test_bar_labels_and_answer_match_the_data(gen):
    for s in samples(gen, "statistics.bar"):
        texts = [t["text"] for t in s.labels["texts"]]
        for series in s.spec["problem"]["series"]:
            values = [Fraction(str(v)) for v in series["values"]]
            decimals = s.spec["problem"]["decimals"]
            for v in values:
                assert f"{float(v):.{decimals}f}" in texts
            mean = sum(values) / len(values)
            answer = next(a for a in s.answer["series"] if a["name"] == series["name"])
            assert Fraction(answer["mean_exact"]) == mean
            assert any(t.startswith(("mean", f"{series['name']} mean")) and f"{float(mean):.2f}".rstrip("0")
                       .rstrip(".") in t for t in texts), texts


def test_edit_changes_exactly_one_value_and_only_its_bar_and_the_mean(gen):
    for s in samples(gen, "statistics.change_value_edit"):
        before, after = s.spec["problem"]["values"], s.answer["values"]
        changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
        names = s.spec["problem"]["categories"]
        assert changed == [names.index(s.spec["problem"]["edit"]["category"])]
        assert s.answer["mean"] == pytest.approx(sum(map(float, after)) / len(after), abs=1e-6)

        source, target = pixels(s.source_image), pixels(s.image)
        diff = np.any(source != target, axis=2)
        bar = next(o for o in s.labels["objects"] if o["label"] == "bar" and o["category"] == names[changed[0]])
        left, _, right, _ = bar["box"]
        margins = s.spec["render"]["frame"]["margins"]
        axes_right = s.width - margins[2]
        lines = [o["y"] for o in s.labels["objects"] + s.labels["source_objects"] if o["label"] == "mean line"]
        allowed = np.zeros_like(diff)
        allowed[:, max(int(left) - 4, 0):int(right) + 5] = True  # the edited bar and its label
        allowed[:, int(axes_right) - 3:] = True  # the mean label in the right margin
        for y in lines:
            allowed[max(int(y) - 7, 0):int(y) + 8, :] = True  # the old and the new mean line
        assert diff.any() and not (diff & ~allowed).any(), s.seed


def test_edit_keeps_every_other_bar_where_it_was(gen):
    for s in samples(gen, "statistics.change_value_edit"):
        edited = s.spec["problem"]["edit"]["category"]
        source, target = pixels(s.source_image), pixels(s.image)
        color = s.spec["render"]["colors"]["bars"][0]
        lines = [o["y"] for o in s.labels["objects"] + s.labels["source_objects"] if o["label"] == "mean line"]
        for o in s.labels["objects"]:
            if o["label"] == "bar" and o["category"] != edited:
                tops = [bar_top(img, o["box"], s.labels["baseline_y"], color, lines) for img in (source, target)]
                assert tops[0] == tops[1], (s.seed, o["category"])


def test_question_text_carries_no_values(gen):
    for s in samples(gen, "statistics.mean_question"):
        assert not any(ch.isdigit() for ch in s.instruction + s.instruction_zh), s.instruction
        values = [Fraction(str(v)) for v in s.spec["problem"]["values"]]
        texts = [t["text"] for t in s.labels["texts"]]
        assert all(f"{float(v):.{s.spec['problem']['decimals']}f}" in texts for v in values)
        expected = {"mean": float(np.mean([float(v) for v in values])),
                    "median": float(np.median([float(v) for v in values])),
                    "range": float(max(values) - min(values))}[s.answer["statistic"]]
        assert s.answer["answer"] == pytest.approx(expected, abs=1e-6)


def test_line_highlights_the_largest_rise(gen):
    for s in samples(gen, "statistics.line"):
        values = np.array(s.spec["problem"]["values"], dtype=float)
        rises = np.diff(values)
        i = int(np.argmax(rises))
        assert s.answer["from_index"] == i and (rises == rises.max()).sum() == 1 and rises.max() > 0
        assert s.answer["largest_increase"] == pytest.approx(rises.max(), abs=1e-6)
        image = pixels(s.image)
        segment = next(o for o in s.labels["objects"] if o["label"] == "largest increase")
        (x0, y0), (x1, y1) = segment["points"]
        u, v = round((x0 + x1) / 2), round((y0 + y1) / 2)
        patch = image[v - 2:v + 3, u - 2:u + 3].reshape(-1, 3)
        assert np.abs(patch - rgb(s.spec["render"]["colors"]["rise"])).sum(axis=1).min() <= 30, s.seed
        assert any(t["text"].startswith("largest increase: +") for t in s.labels["texts"])


def test_pie_percentages_add_up_and_slices_follow_the_counts(gen):
    for s in samples(gen, "statistics.pie"):
        counts = s.spec["problem"]["counts"]
        decimals = s.spec["problem"]["decimals"]
        percents = [Fraction(str(p)) for p in s.answer["percents"]]
        assert sum(percents) == 100
        step = Fraction(1, 10 ** decimals)
        for p, c in zip(percents, counts):
            exact = Fraction(100 * c, sum(counts))
            assert p - step < exact < p + step  # each label is one of the two neighbouring steps
        sweeps = [o["sweep_deg"] for o in s.labels["objects"] if o["label"] == "slice"]
        assert sweeps == pytest.approx([360 * c / sum(counts) for c in counts], abs=1e-5)
        texts = [t["text"] for t in s.labels["texts"]]
        assert all(label in texts for label in s.answer["percent_labels"])


def test_largest_remainder_examples():
    assert stats.largest_remainder_percents([2, 3, 5], 0) == [20, 30, 50]
    assert stats.largest_remainder_percents([1, 2, 4], 0) == [14, 29, 57]  # 14.29, 28.57, 57.14
    assert stats.largest_remainder_percents([1, 2, 4], 1) == [sp.Rational(143, 10), sp.Rational(286, 10),
                                                              sp.Rational(571, 10)]
    assert stats.largest_remainder_percents([1, 1, 1], 0) is None  # three equal remainders, one unit to give


def test_regression_minimises_squared_error_and_matches_r(gen):
    for s in samples(gen, "statistics.scatter_regression"):
        x = np.array(s.spec["problem"]["x"], dtype=float)
        y = np.array(s.spec["problem"]["y"], dtype=float)
        slope, intercept = np.polyfit(x, y, 1)
        assert s.answer["slope"] == pytest.approx(slope, rel=1e-6, abs=1e-6)
        assert s.answer["intercept"] == pytest.approx(intercept, rel=1e-6, abs=1e-6)
        assert s.answer["r"] == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-6)
        points = [o for o in s.labels["objects"] if o["label"] == "point"]
        image = pixels(s.image)
        for o in points:  # every point is drawn where it is recorded
            u, v = (round(c) for c in o["point"])
            patch = image[v - 1:v + 2, u - 1:u + 2].reshape(-1, 3)
            assert np.abs(patch - rgb(s.spec["render"]["colors"]["points"])).sum(axis=1).min() <= 40


def test_histogram_statistics_and_lines(gen):
    for s in samples(gen, "statistics.histogram"):
        data = np.array(s.spec["problem"]["samples"], dtype=float)
        edges = s.spec["problem"]["edges"]
        counts, _ = np.histogram(data, bins=edges)  # numpy's bins: [a, b) and a closed last bin, as stated
        assert s.answer["counts"] == counts.tolist() and sum(s.answer["counts"]) == len(data)
        assert s.answer["mean"] == pytest.approx(data.mean(), abs=1e-6)
        assert s.answer["median"] == pytest.approx(np.median(data), abs=1e-6)
        assert s.answer["std"] == pytest.approx(data.std(), abs=1e-6)
        bars = [o for o in s.labels["objects"] if o["label"] == "bar"]
        heights = np.array([o["box"][3] - o["box"][1] for o in bars])
        assert heights == pytest.approx(counts * (heights.max() / counts.max()), abs=0.05)
        mean_x = next(o["x"] for o in s.labels["objects"] if o["label"] == "mean line")
        left = bars[0]["box"][0]
        right = bars[-1]["box"][2]
        expected = left + (data.mean() - edges[0]) / (edges[-1] - edges[0]) * (right - left)
        assert mean_x == pytest.approx(expected, abs=0.5)


def test_exact_statistics_against_numpy():
    rng = np.random.default_rng(0)
    for _ in range(20):
        values = [sp.Rational(int(k), 10) for k in rng.integers(-50, 200, size=int(rng.integers(2, 15)))]
        floats = np.array([float(v) for v in values])
        assert float(stats.mean(values)) == pytest.approx(floats.mean())
        assert float(stats.median(values)) == pytest.approx(np.median(floats))
        assert float(stats.population_std(values)) == pytest.approx(floats.std())
        assert stats.bin_counts([0, 5, 10, 10, 3], [0, 5, 10]) == [2, 3]
