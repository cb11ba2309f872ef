"""Template-specific checks of the document family: receipt arithmetic read back from the
rendered labels, two-column pages, UI button labels inside their buttons, slide charts
whose value labels match their bars, and the layout rules every one of the four keeps
(no text over other text, everything on the canvas, legible sizes, facts that quote
the rendered text)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from synthesis.text_rendering.scene import SceneBuilder
from synthesis.text_rendering.templates.document import DocumentPage
from synthesis.text_rendering.templates.measure import min_px
from synthesis.text_rendering.templates.receipt import Receipt
from synthesis.text_rendering.templates.slide import Slide
from synthesis.text_rendering.templates.ui_screen import UiScreen
from synthesis.text_rendering.text.languages import available_languages
from tests.synthesis.text_rendering.scenes import first_fitting_scene

LANGS = [lang for lang in ("en", "de", "ru", "zh", "ja", "ar", "hi") if lang in available_languages()]
GREY = {"kind": "plain", "color": [128, 128, 128]}


def compose(template, lang: str, size: tuple[int, int], seed: int, **forced):
    return first_fitting_scene(template, lang, seed, size, GREY, forced)


def bbox(polygon) -> tuple[float, float, float, float]:
    pts = np.asarray(polygon, dtype=float)
    return (*pts.min(axis=0), *pts.max(axis=0))


def lines_of(labels: dict, role: str) -> list[dict]:
    return [line for line in labels["lines"] if line["role"] == role]


def amount(text: str) -> int:
    """A printed amount in minor units: every amount of one receipt has the same number
    of decimals, so its digits alone are the amount (Arabic-Indic digits included)."""
    return int(re.sub(r"\D", "", text))


def check_layout(scene: SceneBuilder, labels: dict) -> None:
    """No line's box overlaps another's, all lie on the canvas, sizes are legible, and
    every fact's answer is text the image shows."""
    boxes = [bbox(line["polygon"]) for line in labels["lines"]]
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        assert -1 <= x0 and -1 <= y0 and x1 <= scene.width + 1 and y1 <= scene.height + 1, labels["lines"][i]["text"]
        for j in range(i):
            a0, b0, a1, b1 = boxes[j]
            overlap_w, overlap_h = min(x1, a1) - max(x0, a0), min(y1, b1) - max(y0, b0)
            assert overlap_w <= 1 or overlap_h <= 1, (labels["lines"][i]["text"], labels["lines"][j]["text"])
    for block in scene.blocks:
        assert block["size"] >= min_px(block["lang"]), (block["role"], block["size"])
    shown = " ".join(line["text"] for line in labels["lines"])
    for fact in scene.facts:
        assert fact["answer"] and fact["answer"] in shown, fact


@pytest.mark.parametrize("lang", LANGS)
def test_receipt_sums_read_back_from_the_labels(lang):
    scene, labels = compose(Receipt(), lang, (560, 1000), 0, layout="thermal")
    prices = [amount(line["text"]) for line in lines_of(labels, "price")]
    (subtotal,), (tax,), (total,) = ([amount(line["text"]) for line in lines_of(labels, role)]
                                     for role in ("subtotal", "tax", "total"))
    assert len(prices) >= 3 and sum(prices) == subtotal
    assert subtotal + tax == total
    rate = scene.scene["tax_rate"]
    assert abs(tax - subtotal * rate / 100) <= 0.5  # rounded to the currency's smallest unit
    answers = {f["question"]: f["answer"] for f in scene.facts}
    assert answers["What is the total on the receipt?"] == lines_of(labels, "total")[0]["text"]
    assert answers["What is the name of the shop on the receipt?"] == lines_of(labels, "brand")[0]["text"]
    check_layout(scene, labels)


def test_receipt_prices_sit_in_the_outer_column_mirrored_for_arabic():
    for lang, price_side in (("en", "right"), ("ar", "left")):
        if lang not in available_languages():
            continue
        scene, labels = compose(Receipt(), lang, (560, 1000), 3, layout="thermal")
        items = [bbox(line["polygon"]) for line in lines_of(labels, "item")]
        prices = [bbox(line["polygon"]) for line in lines_of(labels, "price")]
        if price_side == "right":
            assert min(p[0] for p in prices) > max(i[0] for i in items)
            right_edges = [p[2] for p in prices]  # right-aligned column
        else:
            assert max(p[2] for p in prices) < min(i[2] for i in items)
            right_edges = [p[0] for p in prices]  # left-aligned column on the left
        assert max(right_edges) - min(right_edges) <= 3


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_table_variant_has_a_header_row_and_aligned_columns(lang):
    scene, labels = compose(Receipt(), lang, (900, 700), 0, layout="table")
    headers = lines_of(labels, "heading")
    assert len(headers) in (2, 3) and [h["text"] for h in headers] == scene.scene["columns"]
    header_bottom = max(bbox(h["polygon"])[3] for h in headers)
    cells = lines_of(labels, "item") + lines_of(labels, "price")
    assert cells and all(bbox(c["polygon"])[1] > header_bottom for c in cells)
    assert len(scene.scene["rows"]) >= 4
    check_layout(scene, labels)


def test_two_column_page_has_lines_in_two_x_ranges():
    for seed in range(0, 40, 4):
        scene, labels = compose(DocumentPage(), "en", (980, 1300), seed, layout="article", columns=2)
        body = [bbox(line["polygon"]) for line in lines_of(labels, "body")]
        middle = scene.width / 2
        left = [b for b in body if b[2] < middle]
        right = [b for b in body if b[0] > middle]
        assert len(left) + len(right) == len(body), "a body line crosses the gutter"
        assert len(left) >= 3 and len(right) >= 3
        # Columns start at two x positions, each shared by its lines (left-aligned text).
        assert max(b[0] for b in left) - min(b[0] for b in left) <= scene.blocks[0]["size"]
        assert max(b[0] for b in right) - min(b[0] for b in right) <= scene.blocks[0]["size"]
        check_layout(scene, labels)
        return


@pytest.mark.parametrize("lang", LANGS)
def test_document_page_number_and_title_facts(lang):
    scene, labels = compose(DocumentPage(), lang, (700, 990), 1)
    (number,) = lines_of(labels, "page_number")
    assert number["text"].isdigit()
    answers = {f["question"]: f["answer"] for f in scene.facts}
    assert answers["What is the page number?"] == number["text"]
    body = lines_of(labels, "body")
    assert len(body) >= 5
    # One body face at one size, as a typesetter sets running text.
    assert len({(line["font"], line["size"]) for line in body}) <= 2
    check_layout(scene, labels)


UI_CASES = [("phone", screen) for screen in ("login", "list", "settings", "product", "dialog")] + [
    ("desktop", page) for page in ("hero", "dashboard", "form")]


@pytest.mark.parametrize("device,screen", UI_CASES)
def test_ui_button_labels_lie_inside_their_buttons(device, screen):
    size = (480, 900) if device == "phone" else (1024, 640)
    for lang in ("en", "ar" if "ar" in available_languages() else "ru"):
        scene, labels = compose(UiScreen(), lang, size, 5, screen=screen)
        buttons = scene.scene["buttons"]
        texts = lines_of(labels, "button")
        assert len(texts) == len(buttons)
        if screen != "list":
            assert buttons, "this screen has buttons"
        for line, button in zip(texts, buttons):
            x0, y0, x1, y1 = bbox(line["polygon"])
            bx0, by0, bx1, by1 = button["box"]
            assert bx0 <= x0 and x1 <= bx1 and by0 <= y0 and y1 <= by1, (line["text"], button)
            assert line["text"] == button["label"]
        check_layout(scene, labels)


def test_ui_status_bar_battery_fact():
    scene, labels = compose(UiScreen(), "en", (480, 900), 2, screen="list")
    (battery,) = lines_of(labels, "battery")
    assert re.fullmatch(r"\d{1,3}%", battery["text"])
    assert {"answer": battery["text"]}.items() <= next(
        f for f in scene.facts if "battery" in f["question"]).items()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_slide_chart_value_labels_match_the_bars(lang):
    scene, labels = compose(Slide(), lang, (1024, 576), 0, layout="chart")
    bars = scene.scene["bars"]
    assert len(bars) >= 3
    for category, value, label in bars:
        assert amount(label) == value
    tallest = max(bars, key=lambda b: b[1])
    answers = {f["question"]: f["answer"] for f in scene.facts}
    assert answers["Which category has the tallest bar in the chart?"] == tallest[0]
    items = lines_of(labels, "item")
    assert items and len({line["size"] for line in items}) == 1  # one size for the whole list
    check_layout(scene, labels)


@pytest.mark.parametrize("layout", ["title", "bullets", "section", "columns"])
def test_slide_layouts_keep_the_rules(layout):
    for lang in ("en", "zh", "ar" if "ar" in available_languages() else "ru"):
        scene, labels = compose(Slide(), lang, (1024, 640), 7, layout=layout)
        assert scene.facts and lines_of(labels, "title")
        check_layout(scene, labels)


def test_unknown_layout_is_a_one_line_error():
    scene = SceneBuilder(np.random.default_rng(0), "receipt", 600, 900, dict(GREY), "en")
    with pytest.raises(ValueError, match="unknown receipt layout 'poster'; allowed: thermal, table"):
        Receipt().build(scene, layout="poster")


def test_faces_with_blank_glyphs_are_never_picked():
    """NanumSquare maps CJK ideographs to empty glyphs: its cmap "covers" them, but the
    templates' face picker must not choose it for text it would leave blank."""
    from synthesis.text_rendering.fonts import all_faces, covers, inked
    from synthesis.text_rendering.templates.faces import covering, upright_face

    def draws(face, text):
        return inked(face.path, text, face.index)

    text = "親友行動ユーザー"
    blank = [f for f in all_faces() if f.family == "NanumSquare" and covers(f.path, text, f.index)]
    if not blank:
        pytest.skip("NanumSquare is not installed")
    assert not draws(blank[0], text)
    scene = SceneBuilder(np.random.default_rng(0), "slide", 800, 600, dict(GREY), "ja")
    assert draws(covering(scene, blank[0], text), text)
    for _ in range(20):
        assert upright_face(scene, text, ("sans",), True).family != "NanumSquare"
