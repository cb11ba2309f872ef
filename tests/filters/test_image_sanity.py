import io

import numpy as np
import pyarrow as pa
from PIL import Image

from filters.image_sanity import ImageSanityJudge, ImageSanityThresholds
from filters.judge import Judge
from synthesis.sample import SAMPLE_SCHEMA, Sample, rows_to_table


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
