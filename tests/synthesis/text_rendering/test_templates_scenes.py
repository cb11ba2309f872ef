"""Template-specific checks of the scene family (poster, sign, label, card, photo_region)
and of the procedural scenery behind photo_region: boards that lean with their text,
badges whose curved text stays on the badge, vertical CJK signs and posters, notes whose
text turns with the note, photos used when given, mirrored layouts for Arabic, faces
that suit the language, and the layout rules every scene keeps (no text over other
text, everything on the canvas, legible sizes, readable arcs, facts quoting the image)."""

from __future__ import annotations

import re
import time

import numpy as np
import pytest
from matplotlib.path import Path as PolyPath
from PIL import Image, ImageDraw

from synthesis.text_rendering import prompts
from synthesis.text_rendering.fonts import EXCLUDED_FAMILIES
from synthesis.text_rendering.scene import SceneBuilder
from synthesis.text_rendering.scenery import (
    KINDS,
    TIMES,
    describe_scenery,
    render_scenery,
    sample_scenery,
)
from synthesis.text_rendering.templates.card import GreetingCard
from synthesis.text_rendering.templates.label import ProductLabel
from synthesis.text_rendering.templates.photo_region import PhotoRegion
from synthesis.text_rendering.templates.poster import Poster
from synthesis.text_rendering.templates.sign import Sign
from synthesis.text_rendering.text import phrasebook
from synthesis.text_rendering.text.languages import available_languages
from tests.synthesis.text_rendering.scenes import first_fitting_scene

PAPER = {"kind": "plain", "color": [236, 232, 220]}
OTHER_LANGS = [lang for lang in ("de", "ru", "zh", "ja", "ar", "hi") if lang in available_languages()]
TEMPLATES = (Poster(), Sign(), ProductLabel(), GreetingCard(), PhotoRegion())
CJK_ONLY = {"vertical"}


def compose(template, lang: str, seed: int, size=(768, 896), effects: float = 0.5, photo_dirs=(), **forced):
    return first_fitting_scene(template, lang, seed, size, PAPER, forced, effect_strength=effects,
                               photo_dirs=tuple(photo_dirs))


def inside(points, polygon, slack: float = 1.5) -> bool:
    """Whether every point lies in `polygon` (grown by `slack` px for antialiased edges)."""
    return bool(PolyPath(np.asarray(polygon, dtype=float)).contains_points(
        np.asarray(points, dtype=float), radius=slack).all() or PolyPath(np.asarray(polygon, dtype=float)[::-1])
        .contains_points(np.asarray(points, dtype=float), radius=slack).all())


def shape_points(shape: dict) -> np.ndarray:
    return np.asarray(shape["xy"], dtype=float).reshape(-1, 2)


def check_layout(scene: SceneBuilder, labels: dict) -> None:
    """Rules every scene keeps (see the module docstring)."""
    w, h = scene.width, scene.height
    masks = {}
    for line in labels["lines"]:
        pts = np.asarray(line["polygon"], dtype=float)
        assert pts.min() >= -1 and pts[:, 0].max() <= w + 1 and pts[:, 1].max() <= h + 1, f"off canvas: {line['text']}"
        mask = Image.new("1", (w, h), 0)
        ImageDraw.Draw(mask).polygon([tuple(p) for p in pts], fill=1)
        masks.setdefault(line["block"], []).append(np.asarray(mask))
    blocks = {b: np.logical_or.reduce(m) for b, m in masks.items()}
    keys = sorted(blocks)
    for i, a in enumerate(keys):  # text of one block never lies over text of another
        for b in keys[i + 1:]:
            overlap = np.logical_and(blocks[a], blocks[b]).sum()
            assert overlap <= 0.02 * min(blocks[a].sum(), blocks[b].sum()), (
                f"{scene.template}: blocks {a} and {b} overlap ({scene.scene.get('kind')})")
    texts = [prompts.block_text(block) for block in scene.blocks]
    for block in scene.blocks:
        assert block["size"] >= (16 if block["script"] in ("han", "japanese", "hangul") else 14), block["lines"]
        assert abs(block["angle"]) <= 15 and max(abs(t) for t in block["tilt"]) <= 0.2
        if block["arc"]:  # curved text: one line on a radius >= 1.5 × its width
            assert len(block["lines"]) == 1 and abs(block["arc"]) >= 1.5 * block["box"][0] - 0.5
    for fact in scene.facts:
        assert fact["answer"].isdigit() or any(fact["answer"] in text for text in texts), fact


CASES = [(t, layout, lang) for t in TEMPLATES for layout in t.LAYOUTS
         for lang in (("zh", "ja") if layout in CJK_ONLY else ("en", OTHER_LANGS[sum(map(ord, layout)) % len(OTHER_LANGS)]))]


@pytest.mark.parametrize("template,layout,lang", CASES, ids=[f"{t.name}-{lay}-{lang}" for t, lay, lang in CASES])
def test_every_layout_keeps_the_layout_rules(template, layout, lang):
    for seed in (0, 40):
        scene, labels = compose(template, lang, seed, layout=layout)
        assert scene.blocks and labels["lines"]
        check_layout(scene, labels)


def test_same_seed_same_scene():
    for template in TEMPLATES:
        a, _ = compose(template, "en", 5)
        b, _ = compose(template, "en", 5)
        assert a.spec() == b.spec(), template.name


def test_unknown_layout_is_a_one_line_error():
    scene = SceneBuilder(np.random.default_rng(0), "sign", 640, 480, dict(PAPER), "en")
    with pytest.raises(ValueError, match="unknown sign layout 'billboard'; allowed: street"):
        Sign().build(scene, layout="billboard")


def test_a_tilted_sign_board_leans_with_its_text():
    """The board polygon went through the text's own homography: the text stays on it."""
    for seed in range(0, 60, 3):
        scene, labels = compose(Sign(), "en", seed, effects=1.0, layout="street")
        if any(scene.blocks[0]["tilt"]):
            break
    else:
        pytest.fail("no tilted street sign in 20 seeds at full effect strength")
    boards = [s for s in scene.shapes if s["kind"] == "polygon" and s["fill"]]
    board = shape_points(boards[0])
    for line in labels["lines"]:
        assert inside(line["polygon"], board), line["text"]
    # In perspective the board is no rectangle: its left and right edges differ in length.
    xs = board[:, 0]
    left, right = board[xs < np.median(xs)], board[xs >= np.median(xs)]
    assert abs(np.ptp(left[:, 1]) - np.ptp(right[:, 1])) > 2


@pytest.mark.parametrize("lang", [lang for lang in ("zh", "ja") if lang in available_languages()])
def test_vertical_signs_and_posters_run_top_to_bottom(lang):
    for template in (Sign(), Poster()):
        scene, labels = compose(template, lang, 3, layout="vertical")
        columns = [line for line in labels["lines"] if line["vertical"]]
        assert columns, template.name
        for line in columns:
            pts = np.asarray(line["polygon"], dtype=float)
            if len(line["text"]) > 1:
                assert np.ptp(pts[:, 1]) > np.ptp(pts[:, 0]), line["text"]  # taller than wide
        check_layout(scene, labels)


def test_latin_scenes_never_get_vertical_text():
    for template in (Sign(), Poster()):
        for seed in range(8):
            scene, _ = compose(template, "en", seed * 7)
            assert not any(block["vertical"] for block in scene.blocks)


def test_sale_badge_text_is_curved_and_stays_on_the_badge():
    for seed in range(0, 40, 4):
        scene, labels = compose(Poster(), "en", seed, layout="sale")
        curved = [line for line in labels["lines"] if line["curved"]]
        if curved:
            break
    else:
        pytest.fail("no curved badge text in 10 sale posters")
    badge = next(s for s in scene.shapes if s["kind"] == "ellipse")
    x0, y0, x1, y1 = badge["xy"]
    center, radius = np.array([(x0 + x1) / 2, (y0 + y1) / 2]), (x1 - x0) / 2
    for line in curved:
        distance = np.linalg.norm(np.asarray(line["polygon"], dtype=float) - center, axis=1)
        assert distance.max() <= radius + 2, line["text"]
    assert len(curved[0]["polygon"]) > 4  # an arc's polygon follows the curve


def test_label_amounts_and_best_before_are_printed_as_on_packs():
    unit = r"(g|kg|ml|L|г|кг|мл|л|克|千克|毫升|升)"
    for lang in ("en", "ru", "zh"):
        scene, labels = compose(ProductLabel(), lang, 2, layout="jar")
        amount = next(f["answer"] for f in scene.facts if "net amount" in f["question"])
        assert re.fullmatch(rf"[\d.,\u00a0 ]+\s?{unit}", amount), amount
        texts = [line["text"] for line in labels["lines"]]
        best = phrasebook.translate("best_before", lang)
        assert any(t.startswith(best[:6]) for t in texts), (best, texts)


def test_price_tag_price_is_a_fact_and_the_largest_text():
    scene, labels = compose(ProductLabel(), "en", 1, layout="price_tag")
    price = next(b for b in scene.blocks if b["role"] == "price")
    assert max(scene.blocks, key=lambda b: b["size"]) is price
    assert next(f for f in scene.facts if "price" in f["question"])["answer"] == prompts.block_text(price)


def test_sticky_note_text_turns_with_the_note():
    for seed in range(0, 40, 4):
        scene, labels = compose(GreetingCard(), "en", seed, effects=1.0, layout="sticky_note")
        if abs(scene.blocks[0]["angle"]) >= 1:
            break
    else:
        pytest.fail("no turned sticky note")
    note = shape_points([s for s in scene.shapes if s["kind"] == "polygon"][1])
    for line in labels["lines"]:
        assert inside(line["polygon"], note), line["text"]


def test_photo_region_uses_the_given_photos_else_scenery(tmp_path):
    rng = np.random.default_rng(0)
    Image.fromarray(rng.integers(0, 255, (300, 400, 3), dtype=np.uint8), "RGB").save(tmp_path / "street.png")
    scene, labels = compose(PhotoRegion(), "en", 0, photo_dirs=(str(tmp_path),), layout="caption")
    assert scene.background["kind"] == "photo" and scene.background["path"].endswith("street.png")
    check_layout(scene, labels)
    scene, _ = compose(PhotoRegion(), "en", 0, layout="caption")
    assert scene.background["kind"] == "scenery"


def test_text_straight_on_a_busy_photo_falls_back_to_a_plate(tmp_path):
    """Pure noise has no calm corner: the watermark gets a strip, the title a plate."""
    rng = np.random.default_rng(1)
    Image.fromarray(rng.integers(0, 255, (300, 400, 3), dtype=np.uint8), "RGB").save(tmp_path / "noise.png")
    for layout in ("watermark", "title"):
        scene, labels = compose(PhotoRegion(), "en", 0, photo_dirs=(str(tmp_path),), layout=layout)
        assert scene.shapes, layout  # something opaque went under the text
        check_layout(scene, labels)


@pytest.mark.skipif("ar" not in available_languages(), reason="Arabic needs raqm")
def test_arabic_scenes_mirror_their_layout():
    scene, _ = compose(GreetingCard(), "ar", 0, layout="inside")
    assert {b["align"] for b in scene.blocks if b["role"] in ("greeting", "body")} == {"right"}
    scene, _ = compose(PhotoRegion(), "ar", 0, layout="lower_third")
    name = next(b for b in scene.blocks if b["role"] == "name")
    assert name["align"] == "right" and name["canvas_box"][0] > scene.width / 3
    scene, _ = compose(Poster(), "ar", 0, layout="sale")
    percent = next(b for b in scene.blocks if b["role"] == "price")
    assert percent["direction"] == "ltr"  # "-30%" stays one left-to-right run


def test_faces_suit_the_language():
    """Chinese in SC faces, Japanese in JP faces (regional forms read as other characters),
    Latin in Latin faces, and never a symbol, all-caps or unreadable face."""
    for lang, region in (("zh", "SC"), ("ja", "JP")):
        for template in TEMPLATES:
            scene, _ = compose(template, lang, 11)
            for block in scene.blocks:
                family = block["font"]["family"]
                assert family not in EXCLUDED_FAMILIES and family != "Noto Nastaliq Urdu"
                if block["lang"] == lang and "CJK" in family:
                    assert region in family.split(), (template.name, family)
                if block["lang"] == "ja":
                    assert not family.startswith("Nanum"), family
    for template in TEMPLATES:  # Latin text in Latin faces, not in a CJK face's afterthought Latin
        scene, _ = compose(template, "en", 11)
        assert not any("CJK" in b["font"]["family"] or b["font"]["family"].startswith(("IPA", "Nanum"))
                       for b in scene.blocks), template.name


# --- scenery ------------------------------------------------------------------------------

def test_scenery_is_deterministic_and_varied():
    spec = sample_scenery(np.random.default_rng(3))
    a, b = render_scenery(spec, 320, 200), render_scenery(dict(spec), 320, 200)
    assert a.size == (320, 200) and a.mode == "RGB" and a.tobytes() == b.tobytes()
    other = render_scenery({**spec, "seed": spec["seed"] + 1}, 320, 200)
    assert a.tobytes() != other.tobytes()
    # The sky is calm (a gradient: titles go there), the land below it is not uniform.
    pixels = np.asarray(a, dtype=float)
    assert pixels[:20].std(axis=(0, 1)).max() < 25


def test_every_scenery_kind_and_time_renders_fast():
    rng = np.random.default_rng(0)
    render_scenery(sample_scenery(rng), 64, 64)  # warm caches
    times = []
    for kind in KINDS:
        for when in TIMES:
            spec = {**sample_scenery(rng), "scenery": kind, "time": when}
            start = time.perf_counter()
            image = render_scenery(spec, 1024, 768)
            times.append(time.perf_counter() - start)
            assert np.asarray(image).std() > 5, (kind, when)
            assert describe_scenery(spec, "en") and describe_scenery(spec, "zh")
    assert float(np.median(times)) < 0.1  # ~15-25 ms on a quiet core; generous for shared CI machines


def test_bad_scenery_spec_is_a_one_line_error():
    with pytest.raises(ValueError, match="scenery spec needs scenery in"):
        render_scenery({"kind": "scenery", "scenery": "moon", "time": "day", "seed": 1, "horizon": 0.5}, 64, 64)
