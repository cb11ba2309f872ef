"""A small samples dataset for the dashboard tests, and the dashboard served over it.

The dataset mixes real editing samples (the editing generator, called directly: source,
target and mask), text samples drawn here with known line polygons and OCR readings
(one line read right, one wrong, so the overlay has both colours), and bulk rows with
tiny images for paging, filters and sessions. It is written in two appends, so row ids
span two fragments. No Ray anywhere.
"""

from __future__ import annotations

import io
import json
import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Self

import lance
import pyarrow as pa
import pytest
import uvicorn
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw, ImageFont

from dashboard.app import create_app
from synthesis.generator import generator_class
from synthesis.sample import SAMPLE_SCHEMA, Sample, rows_to_table

JOB = "dash"
SPEC = {"job": JOB, "filters": [{"name": "image_sanity", "thresholds": {"min_std": 2.0}},
                                {"name": "ocr", "thresholds": {"max_cer": 0.05}}]}
SCORES = [pa.field("image_sanity_std", pa.float32()), pa.field("ocr_cer", pa.float32()),
          pa.field("ocr_text", pa.string()), pa.field("edit_verify_inside_fraction", pa.float32()),
          pa.field("image_sanity_ok", pa.bool_())]
SCHEMA = pa.schema(list(SAMPLE_SCHEMA) + SCORES, metadata={
    "unisynth.spec": json.dumps(SPEC), "unisynth.code_version": "test", "unisynth.fingerprint": "f00d",
    "unisynth.generator_versions": json.dumps({"editing": "x", "text_rendering": "y", "bulk": "z"})})
BULK = 240
TEMPLATES = ("alpha", "beta", "gamma", "delta")
# Text rows: (seed, lines, what OCR read per line). Line 2 is misread: a red polygon.
TEXT_ROWS = [(1, ["GRAND OPENING", "50% off_today"], ["GRAND OPENING", "5O% of"]),
             (2, ["Cafe it's open", "Tea 3.50"], ["Cafe it's open", "Tea 3.50"])]


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def text_row(seed: int, lines: list[str], readings: list[str]) -> dict:
    """A text sample: lines drawn with Pillow's own font, polygons from their boxes."""
    image = Image.new("RGB", (360, 200), (250, 246, 236))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=28)
    labelled, words = [], []
    for i, text in enumerate(lines):
        x, y = 20, 30 + 80 * i
        draw.text((x, y), text, font=font, fill=(20, 20, 20))
        x0, y0, x1, y1 = draw.textbbox((x, y), text, font=font)
        polygon = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
        labelled.append({"text": text, "font": "Pillow Default" if i == 0 else "Pillow Small", "lang": "en",
                         "polygon": polygon, "words": [len(words)]})
        words.append({"line": i, "text": text, "polygon": polygon})
    sample = Sample(generator="text_rendering", generator_version="y", template="poster", task="t2i", seed=seed,
                    instruction=f'Make a poster that says "{lines[0]}" and "{lines[1]}"', image=png(image),
                    width=360, height=200, cot="1. Two lines.", answer={"lines": lines},
                    labels={"blocks": [], "lines": labelled, "words": words}, spec={"lang": "en", "template": "poster"})
    row = sample.to_row(JOB)
    cer = 0.0 if readings == lines else 0.2
    verdict = "keep" if cer <= 0.05 else "reject"
    row.update({"verdict": verdict, "reason": None if verdict == "keep" else f"ocr: cer={cer:.4g} > 0.05",
                "image_sanity_std": 40.0, "image_sanity_ok": True, "ocr_cer": cer,
                "ocr_text": json.dumps(readings)})
    return row


def editing_rows() -> list[dict]:
    cls = generator_class("editing")
    generator, params = cls(), cls.Params(size_px_min=256, size_px_max=320)
    rows = []
    for seed in (100, 101, 102):
        row = generator(seed, params).to_row(JOB)
        row.update({"verdict": "keep", "image_sanity_std": 30.0 + seed - 100, "image_sanity_ok": True,
                    "edit_verify_inside_fraction": 0.1 * (seed - 99)})
        rows.append(row)
    return rows


def bulk_rows(start: int, stop: int) -> list[dict]:
    tiles = [png(Image.new("RGB", (64, 48), (40 * k, 255 - 30 * k, 90))) for k in range(8)]
    rows = []
    for i in range(start, stop):
        std = float(i % 50)  # 0..49: rows with std < 2 are rejected by image_sanity
        rejected = std < 2.0
        rows.append({
            "id": f"{JOB}/bulk/{1000 + i}", "job": JOB, "generator": "bulk", "generator_version": "z",
            "template": TEMPLATES[i % 4], "task": "t2i", "seed": 1000 + i,
            "instruction": f"bulk sample {i} about {'cats' if i % 3 == 0 else 'dogs'}", "image": tiles[i % 8],
            "width": 64, "height": 48, "labels": "{}", "spec": "{}",
            "verdict": "reject" if rejected else "keep",
            "reason": f"image_sanity: std={std:.4g} < 2" if rejected else None,
            "image_sanity_std": std, "image_sanity_ok": not rejected,
        })
    return rows


def write_dataset(uri: str) -> dict[str, list[str]]:
    first = editing_rows() + [text_row(*r) for r in TEXT_ROWS] + bulk_rows(0, BULK // 2)
    second = bulk_rows(BULK // 2, BULK)
    lance.write_dataset(rows_to_table(first, SCHEMA), uri, schema=SCHEMA)
    lance.write_dataset(rows_to_table(second, SCHEMA), uri, schema=SCHEMA, mode="append")
    rows = first + second
    return {"ids": [r["id"] for r in rows], "edit": [r["id"] for r in rows if r["generator"] == "editing"],
            "text": [r["id"] for r in rows if r["generator"] == "text_rendering"]}


@pytest.fixture(scope="session")
def dataset_template(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("dash")
    uri = root / "dash.lance"
    return uri, write_dataset(str(uri))


@pytest.fixture
def dataset(dataset_template, tmp_path) -> tuple[str, dict]:
    """A fresh copy per test (labels and sessions are written next to it)."""
    source, info = dataset_template
    target = tmp_path / "dash.lance"
    shutil.copytree(source, target)
    return str(target), info


@pytest.fixture
def client(dataset, tmp_path) -> TestClient:
    uri, _info = dataset
    return TestClient(create_app([uri], cache_dir=tmp_path / "thumbs"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """The app served by uvicorn in a thread, as `unisynth dashboard` serves it."""

    def __init__(self, app):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the dashboard did not start within 15 s")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
