"""The image_sanity judge: decode, size, blank; text too small to read; clipped text."""

import io
import json

import numpy as np
import pyarrow as pa
import pytest
from PIL import Image, ImageDraw

from filters.image_sanity import ImageSanityJudge, ImageSanityThresholds, line_text_height
from filters.judge import Judge
from synthesis.sample import SAMPLE_SCHEMA, Sample, rows_to_table
from synthesis.text_rendering.generator import TextRenderingGenerator
from synthesis.text_rendering.params import TextRenderingParams


def png(array):
    buf = io.BytesIO()
    Image.fromarray(array).save(buf, format="PNG")
    return buf.getvalue()


def row(seed, image, width=16, height=16, verdict="unjudged"):
    s = Sample(generator="g", generator_version="1", template="t", task="t2i", seed=seed,
               instruction="i", image=image, width=width, height=height, verdict=verdict)
    return s.to_row("job")


def test_blank_wrong_size_and_undecodable_are_rejected_others_untouched():
    rng = np.random.default_rng(0)
    noise = png(rng.integers(0, 255, (16, 16, 3), dtype=np.uint8))
    blank = png(np.full((16, 16, 3), 200, np.uint8))
    error = Sample.error(generator="g", generator_version="1", seed=9, exc=ValueError("boom")).to_row("job")
    table = rows_to_table([row(1, noise), row(2, blank), row(3, noise, width=20), row(4, b"notapng"), error])
    out = ImageSanityJudge(ImageSanityThresholds(min_std=2.0))(table)

    assert out.num_rows == 5
    assert out["verdict"].to_pylist() == ["unjudged", "reject", "reject", "reject", "error"]
    reasons = out["reason"].to_pylist()
    assert reasons[1].startswith("image_sanity: std=0 < 2")
    assert reasons[2] == "image_sanity: size=16x16 != 20x16"
    assert "undecodable" in reasons[3]
    assert reasons[4] == "ValueError: boom"  # the error row keeps its own reason
    assert out["image_sanity_std"].to_pylist()[0] > 20
    assert out["image_sanity_std"].to_pylist()[4] is None
    assert out.schema.field("image_sanity_ok").type == pa.bool_()


def test_first_rejection_reason_stands():
    blank = png(np.full((16, 16, 3), 0, np.uint8))
    r = row(1, blank)
    r.update(verdict="reject", reason="earlier: x=1 > 0")
    out = ImageSanityJudge(ImageSanityThresholds())(rows_to_table([r]))
    assert out["reason"].to_pylist() == ["earlier: x=1 > 0"]
    assert out["image_sanity_std"].to_pylist() == [0.0]


class BrokenJudge(Judge):
    name = "broken"
    metrics = {"score": pa.float32()}

    def score(self, batch):
        raise RuntimeError("model fell over")


def test_a_judge_that_raises_leaves_rows_unjudged_with_the_reason():
    table = rows_to_table([row(1, b"x"), row(2, b"y")])
    out = BrokenJudge(None)(table)
    assert out["verdict"].to_pylist() == ["unjudged", "unjudged"]
    assert out["reason"].to_pylist()[0] == "broken: failed (RuntimeError: model fell over)"
    assert out["broken_score"].null_count == 2
    assert set(SAMPLE_SCHEMA.names) <= set(out.schema.names)


# --- text too small, clipped text ---------------------------------------------------------

W, H = 120, 60


def page(*inked_boxes):
    """A white W×H page with black boxes standing in for glyph ink."""
    im = Image.new("RGB", (W, H), "white")
    draw = ImageDraw.Draw(im)
    for box in inked_boxes:
        draw.rectangle(box, fill="black")
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def quad(x0, y0, x1, y1):
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def labels(*polygons, vertical=False, words=None):
    """One line per polygon, each line one word with the same polygon unless `words` given."""
    lines = [{"text": "w", "polygon": p, "vertical": vertical, "curved": len(p) > 4, "color": "#000000",
              "size": 12, "words": [i]} for i, p in enumerate(polygons)]
    if words is None:
        words = [{"text": "w", "polygon": p, "line": i} for i, p in enumerate(polygons)]
    return {"lines": lines, "words": words}


def labelled(seed, image, label_data, verdict="unjudged"):
    r = row(seed, image, width=W, height=H, verdict=verdict)
    r["labels"] = label_data if isinstance(label_data, str) or label_data is None else json.dumps(label_data)
    return r


def judge(rows, **thresholds):
    out = ImageSanityJudge(ImageSanityThresholds(**thresholds))(rows_to_table(rows))
    return out.to_pylist()


def test_small_text_is_rejected_large_text_kept():
    image = page((10, 10, 60, 30))
    small = labels(quad(10, 10, 60, 17.5), quad(10, 20, 60, 40))  # heights 7.5 and 20
    large = labels(quad(10, 10, 60, 30))
    out = judge([labelled(1, image, small), labelled(2, image, large)], min_text_px=10.0)
    assert out[0]["verdict"] == "reject"
    assert out[0]["reason"] == "image_sanity: min_text_px=7.5 < 10.0"
    assert out[0]["image_sanity_min_text_px"] == 7.5 and out[0]["image_sanity_ok"] is False
    assert out[1]["verdict"] == "unjudged" and out[1]["reason"] is None
    assert out[1]["image_sanity_min_text_px"] == 20.0 and out[1]["image_sanity_clipped_words"] == 0
    assert out[1]["image_sanity_ok"] is True


def test_a_word_off_the_right_edge_is_rejected_one_within_tolerance_is_not():
    image = page((10, 10, 60, 30))
    off = labels(quad(10, 10, 60, 30), quad(100, 35, W + 5, 55))  # 5 px past the right edge
    within = labels(quad(10, 10, 60, 30), quad(100, 35, W + 0.5, 55))  # blank border under it
    out = judge([labelled(1, image, off), labelled(2, image, within)])
    assert out[0]["verdict"] == "reject"
    assert out[0]["reason"] == "image_sanity: clipped_words=1 > 0"
    assert out[0]["image_sanity_clipped_words"] == 1
    assert out[1]["verdict"] == "unjudged" and out[1]["image_sanity_clipped_words"] == 0
    # A looser tolerance or no limit lets the overhanging word through.
    assert judge([labelled(1, image, off)], clip_tolerance_px=6)[0]["verdict"] == "unjudged"
    loose = judge([labelled(1, image, off)], max_clipped_words=None)[0]
    assert loose["verdict"] == "unjudged" and loose["image_sanity_clipped_words"] == 1


def test_ink_touching_the_border_counts_as_clipped():
    polygon = quad(90, 20, W, 40)  # inside the image, reaching its last column
    touching = page((95, 22, W - 1, 38))  # a glyph cut by the edge: ink in the last column
    clear = page((95, 22, W - 4, 38))  # the same word ending 3 px short of the edge
    out = judge([labelled(1, touching, labels(polygon)), labelled(2, clear, labels(polygon))])
    assert out[0]["image_sanity_clipped_words"] == 1 and out[0]["verdict"] == "reject"
    assert out[1]["image_sanity_clipped_words"] == 0 and out[1]["verdict"] == "unjudged"
    # Ink of another colour than the line's (here: the border is dark, the text white) is
    # not this word's ink.
    light_text = labels(polygon)
    light_text["lines"][0]["color"] = "#ffffff"
    assert judge([labelled(3, touching, light_text)])[0]["image_sanity_clipped_words"] == 0


def test_curved_vertical_rotated_and_perspective_lines_are_measured_across_reading():
    # An arc: the upper edge on radius 100 in reading order, the lower on 80 reversed.
    angles = np.linspace(-0.4, 0.4, 7)
    upper = [[200 + 100 * np.sin(a), 200 - 100 * np.cos(a)] for a in angles]
    lower = [[200 + 80 * np.sin(a), 200 - 80 * np.cos(a)] for a in angles[::-1]]
    assert line_text_height(np.array(upper + lower)) == pytest.approx(20, abs=0.1)
    # A vertical column 18 px wide, 100 tall: its text height is its width.
    column = np.array(quad(10, 0, 28, 100), dtype=float)
    assert line_text_height(column, vertical=True) == pytest.approx(18)
    assert line_text_height(column, vertical=False) == pytest.approx(100)
    # Rotated 30°: unchanged.
    t = np.deg2rad(30)
    rotated = np.array(quad(0, 0, 80, 12), dtype=float) @ np.array([[np.cos(t), np.sin(t)], [-np.sin(t), np.cos(t)]])
    assert line_text_height(rotated) == pytest.approx(12)
    # A short line under a perspective tilt: slanted sides 25 px long, the text 20 tall.
    trapezoid = np.array([[0, 0], [40, 0], [25, 20], [15, 20]], dtype=float)
    assert line_text_height(trapezoid) == pytest.approx(20)

    # Through the judge: the curved and vertical lines' heights, the smaller one reported.
    image = page((10, 10, 60, 30))
    arc = [[x / 4, y / 4 - 20] for x, y in upper + lower]  # scaled into the page: 5 px tall
    rows = [labelled(1, image, labels(arc)), labelled(2, image, labels(quad(10, 5, 28, 55), vertical=True))]
    out = judge(rows, min_text_px=10.0)
    assert out[0]["image_sanity_min_text_px"] == pytest.approx(5, abs=0.05)
    assert out[0]["reason"] == "image_sanity: min_text_px=4.989 < 10.0" and out[0]["image_sanity_clipped_words"] == 0
    assert out[1]["image_sanity_min_text_px"] == 18.0 and out[1]["verdict"] == "unjudged"


def test_rows_without_labels_are_unchanged():
    rng = np.random.default_rng(0)
    noise = png(rng.integers(0, 255, (H, W, 3), dtype=np.uint8))
    unlabelled = [labelled(1, noise, None), labelled(2, noise, {}), labelled(3, noise, {"objects": [{"kind": "x"}]})]
    out = judge(unlabelled, min_text_px=100.0)
    plain = judge([row(1, noise, width=W, height=H)])
    for r in out:
        assert r["verdict"] == "unjudged" and r["reason"] is None and r["image_sanity_ok"] is True
        assert r["image_sanity_min_text_px"] is None and r["image_sanity_clipped_words"] is None
        assert r["image_sanity_std"] == plain[0]["image_sanity_std"]
    # Lines without words: text height measured, nothing to count as clipped.
    no_words = labels(quad(10, 10, 60, 30))
    del no_words["words"]
    r = judge([labelled(4, noise, no_words)])[0]
    assert r["image_sanity_min_text_px"] == 20.0 and r["image_sanity_clipped_words"] is None


@pytest.mark.parametrize("bad, says", [
    ("{not json", "labels are not JSON"),
    ("[1, 2]", "labels must be a JSON object"),
    ({"lines": 3}, "labels.lines must be a list"),
    ({"lines": [{"polygon": [[0, 0], [1, 1]]}]}, "labels.lines[0].polygon must be an even number >= 4"),
    ({"lines": [{"polygon": [[0, 0], [5, 0], [5, 5]]}]}, "labels.lines[0].polygon must be an even number >= 4"),
    ({"lines": [{"polygon": quad(0, 0, 5, 5), "color": "red"}]}, "labels.lines[0].color must be '#rrggbb'"),
    ({"lines": [], "words": [{"polygon": "x"}]}, "labels.words[0].polygon must be >= 3"),
    ({"lines": [], "words": [{"polygon": quad(0, 0, 5, 5), "line": "a"}]}, "labels.words[0].line must be"),
])
def test_labels_that_do_not_parse_reject_the_row_with_the_cause(bad, says):
    image = page((10, 10, 60, 30))
    out = judge([labelled(1, image, bad), labelled(2, image, labels(quad(10, 10, 60, 30)))])
    assert out[0]["verdict"] == "reject"
    assert out[0]["reason"].startswith(f"image_sanity: unreadable labels ({says}")
    assert out[0]["image_sanity_std"] > 2 and out[0]["image_sanity_min_text_px"] is None
    assert out[1]["verdict"] == "unjudged"  # the batch goes on


def test_blank_reason_comes_first_and_text_metrics_are_still_filled():
    blank = png(np.full((H, W, 3), 255, np.uint8))
    out = judge([labelled(1, blank, labels(quad(10, 10, 60, 15), quad(100, 0, W + 9, 9)))], min_text_px=10.0)[0]
    assert out["reason"].startswith("image_sanity: std=0 < 2")
    assert out["image_sanity_min_text_px"] == 5.0 and out["image_sanity_clipped_words"] == 1


def test_generated_text_rendering_samples_pass_both_checks():
    generator, params = TextRenderingGenerator(), TextRenderingParams()
    rows = [generator(seed, params).to_row("job") for seed in range(4)]
    out = ImageSanityJudge(ImageSanityThresholds())(rows_to_table(rows)).to_pylist()
    for r in out:
        assert r["verdict"] == "unjudged", (r["seed"], r["reason"])
        assert r["image_sanity_min_text_px"] >= ImageSanityThresholds().min_text_px
        assert r["image_sanity_clipped_words"] == 0
