"""The OCR models on both engines (onnxruntime and OpenVINO): same reads, same boxes."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from pydantic import ValidationError

from filters.ocr.backends import RapidOcrBackend, load_backend
from filters.ocr.engines import open_engine
from filters.ocr.judge import OcrThresholds

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = ["Fresh coffee 12.99", "Station 09:30 Daily", "Sale 50% off winter", "library@village.org",
         "Mountain river 2024-05-17", "Open until 10 pm", "Golden orange $4.20", "Silver travel music"]


def line_crop(text: str, font_px: int = 36) -> np.ndarray:
    face = ImageFont.truetype(FONT, font_px)
    left, top, right, bottom = face.getbbox(text)
    image = Image.new("RGB", (right - left + 16, bottom - top + 12), "white")
    ImageDraw.Draw(image).text((8 - left, 6 - top), text, font=face, fill=(25, 25, 25))
    return np.asarray(image)[:, :, ::-1].copy()  # BGR, as the backend takes it


@pytest.fixture(scope="module")
def backends():
    return {name: RapidOcrBackend(engine=name) for name in ("onnxruntime", "openvino")}


def test_auto_picks_openvino_on_a_cpu_machine():
    backend = load_backend("rapidocr")
    assert backend.engine_name.startswith("openvino[")


def test_both_engines_read_the_same_text(backends):
    crops = [line_crop(text) for text in LINES]
    reads = {name: backend.recognize(crops) for name, backend in backends.items()}
    ort_texts = [text for text, _ in reads["onnxruntime"]]
    ov_texts = [text for text, _ in reads["openvino"]]
    assert ort_texts == LINES
    assert ov_texts == ort_texts
    for (_, ort_conf), (_, ov_conf) in zip(reads["onnxruntime"], reads["openvino"]):
        assert abs(ort_conf - ov_conf) < 0.02


def test_both_engines_share_the_dictionary(backends):
    assert backends["openvino"].charset == backends["onnxruntime"].charset
    assert len(backends["openvino"].charset) > 18000


def test_both_engines_detect_the_same_lines(backends):
    face = ImageFont.truetype(FONT, 40)
    image = Image.new("RGB", (800, 420), "white")
    draw = ImageDraw.Draw(image)
    for i, text in enumerate(LINES[:4]):
        draw.text((40, 40 + 90 * i), text, font=face, fill="black")
    bgr = np.asarray(image)[:, :, ::-1].copy()
    found = {name: backend.detect(bgr) for name, backend in backends.items()}
    assert len(found["onnxruntime"]) == len(found["openvino"]) == 4
    centres = {name: sorted(float(box[:, 1].mean()) for box in boxes) for name, boxes in found.items()}
    assert np.allclose(centres["onnxruntime"], centres["openvino"], atol=3)


def test_f32_openvino_matches_onnxruntime_probabilities(backends):
    crop = line_crop(LINES[0])
    backend = backends["onnxruntime"]
    width = backend._rec_width(crop)
    batch = np.zeros((1, 3, 48, width + 16), np.float32)
    batch[0, :, :, :width] = cv2.resize(crop, (width, 48)).transpose(2, 0, 1) * (2 / 255) - 1
    ov = open_engine(backend.rec_path, "openvino", precision="f32")
    assert ov.name == "openvino[f32]"
    reference = backend._rec.run(batch).copy()
    assert np.abs(ov.run(batch) - reference).max() < 1e-3
    logits = ov.run(batch, skip_softmax=True)
    assert not np.allclose(logits.sum(axis=2), 1.0)  # really cut before the softmax
    assert (logits.argmax(axis=2) == reference.argmax(axis=2)).all()


def test_text_only_reads_match_reads_with_confidence(backends):
    crops = [line_crop(text) for text in LINES]
    for backend in backends.values():
        full = backend.recognize(crops)
        text_only = backend.recognize(crops, confidence=False)
        assert [t for t, _ in text_only] == [t for t, _ in full]
        assert all(np.isnan(c) for _, c in text_only)
        assert all(0.5 < c <= 1 for _, c in full)


@pytest.mark.parametrize("kwargs, message", [
    ({"engine": "tensorrt"}, "unknown OCR engine 'tensorrt'; allowed: auto, onnxruntime, openvino"),
    ({"precision": "int4"}, "unknown OCR precision 'int4'; allowed: auto, f32, bf16"),
    ({"engine": "onnxruntime", "precision": "bf16"}, "precision 'bf16' is an OpenVINO option"),
])
def test_bad_engine_settings_say_what_is_allowed(backends, kwargs, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        open_engine(backends["onnxruntime"].rec_path, **kwargs)


def test_spec_refuses_bf16_on_onnxruntime():
    with pytest.raises(ValidationError, match="precision 'bf16' runs on engine 'openvino'"):
        OcrThresholds(engine="onnxruntime", precision="bf16")
    with pytest.raises(ValidationError, match="engine"):
        OcrThresholds(engine="tensorrt")
