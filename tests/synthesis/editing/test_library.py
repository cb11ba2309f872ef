"""The object-kind library: every drawing stays in its box, fills it, reacts to its
states, is deterministic, and the metadata (names, colours, categories) is consistent.
Checked in pixels of real drawings at 96 px box height."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from PIL import Image, ImageDraw

from synthesis.editing import palette
from synthesis.editing.library import CATEGORIES, KINDS, Canvas, kind, kinds_in

HEIGHT = 96
MARGIN = 12  # room around the box, so anything drawn outside it shows up


def draw(name: str, state: str, color: str = "blue", height: int = HEIGHT) -> tuple[np.ndarray, np.ndarray, tuple]:
    """Body mask (bool, H×W) and ink (uint8, H×W×4) of one kind drawn in a box with a margin
    round it, and the box in pixels (x0, y0, x1, y1), x1/y1 exclusive."""
    k = kind(name)
    w = round(height * k.aspect)
    size = (w + 2 * MARGIN, height + 2 * MARGIN)
    body, ink = Image.new("L", size, 0), Image.new("RGBA", size, (0, 0, 0, 0))
    box = (MARGIN, MARGIN, MARGIN + w, MARGIN + height)
    k.draw(Canvas(ImageDraw.Draw(body), ImageDraw.Draw(ink), box, palette.rgb(color)), state)
    return np.asarray(body) > 0, np.asarray(ink), box


def inked(ink: np.ndarray) -> np.ndarray:
    return ink[..., 3] > 0


def in_box(mask: np.ndarray, box: tuple) -> np.ndarray:
    x0, y0, x1, y1 = box
    return mask[y0:y1, x0:x1]


ALL_STATES = [(name, state) for name, k in KINDS.items() for state in k.states]


def test_enough_kinds_in_every_category():
    assert len(KINDS) >= 36
    for category in CATEGORIES:
        assert len(kinds_in(category)) >= 3, category
    assert sum(len(kinds_in(c)) for c in CATEGORIES) == len(KINDS)


def test_metadata_is_consistent():
    for name, k in KINDS.items():
        assert k.name == name and re.fullmatch(r"[a-z]+(_[a-z]+)*", name), name
        assert k.states and len(set(k.states)) == len(k.states), name
        assert all(color in palette.COLORS for color in k.colors), name
        assert 0.3 <= k.aspect <= 3.5, name
        assert k.zh, name
        assert k.plural_name != name or name in ("fish", "broccoli"), name


def test_irregular_plurals():
    assert kind("cherry").plural_name == "cherries"
    assert kind("fish").plural_name == "fish"
    assert kind("bus").plural_name == "buses"
    assert kind("apple").plural_name == "apples"


def test_unknown_kind_names_the_allowed_ones():
    with pytest.raises(KeyError) as err:
        kind("unicorn")
    message = str(err.value)
    assert "unicorn" in message and "apple" in message and "hexagon" in message
    with pytest.raises(KeyError):
        kinds_in("weapons")


@pytest.mark.parametrize("name,state", ALL_STATES)
def test_drawing_stays_in_its_box(name, state):
    body, ink, (x0, y0, x1, y1) = draw(name, state)
    ink = inked(ink)
    assert body.any(), "empty body"
    # PIL includes the right/bottom edge pixel of a shape, so allow one pixel past the box.
    allowed = np.zeros_like(body)
    allowed[y0:y1 + 1, x0:x1 + 1] = True
    assert not (body & ~allowed).any(), "body drawn outside the box"
    assert not (ink & ~allowed).any(), "ink drawn outside the box"


@pytest.mark.parametrize("name,state", ALL_STATES)
def test_body_covers_a_sensible_fraction(name, state):
    """Thin things (a bicycle frame, a closed umbrella) have little body, but never none;
    in its usual state every object shows a solid amount of itself."""
    body, ink, box = draw(name, state)
    assert 0.04 <= in_box(body, box).mean() <= 1.0
    if state == KINDS[name].states[0]:
        assert in_box(body | inked(ink), box).mean() >= 0.2


@pytest.mark.parametrize("name", [n for n, k in KINDS.items() if k.category != "shape"])
def test_usual_state_fills_the_box_and_stands_on_its_bottom(name):
    body, ink, box = draw(name, KINDS[name].states[0])
    ys, xs = np.nonzero(in_box(body | inked(ink), box))
    height, width = box[3] - box[1], box[2] - box[0]
    assert ys.max() >= height - 3, "does not reach the bottom edge"
    assert (ys.max() - ys.min() + 1) >= 0.8 * height, "fills too little of the height"
    assert (xs.max() - xs.min() + 1) >= 0.8 * width, "fills too little of the width"


@pytest.mark.parametrize("name", [n for n, k in KINDS.items() if len(k.states) > 1])
def test_every_state_looks_different(name):
    k = KINDS[name]
    first_body, first_ink, _ = draw(name, k.states[0])
    for state in k.states[1:]:
        body, ink, box = draw(name, state)
        changed = in_box((body != first_body) | (ink != first_ink).any(axis=2), box).mean()
        assert changed > 0.01, f"{state} barely differs from {k.states[0]} ({changed:.3f})"


def test_drawing_is_deterministic():
    for name, state in ALL_STATES:
        a_body, a_ink, _ = draw(name, state, "red")
        b_body, b_ink, _ = draw(name, state, "red")
        assert (a_body == b_body).all() and (a_ink == b_ink).all(), (name, state)


def test_ink_relative_to_the_body_colour_follows_it():
    """Shading drawn from canvas.base changes with the colour; the silhouette does not."""
    def ink_rgb(color):
        k = kind("car")
        body, ink = Image.new("L", (200, 100)), Image.new("RGBA", (200, 100))
        canvas = Canvas(ImageDraw.Draw(body), ImageDraw.Draw(ink), (0, 0, 200, 100), palette.rgb(color))
        k.draw(canvas, "lights_off")
        return np.asarray(body), np.asarray(ink)

    red_body, red_ink = ink_rgb("red")
    blue_body, blue_ink = ink_rgb("blue")
    assert (red_body == blue_body).all()
    assert (red_ink != blue_ink).any()


@pytest.mark.parametrize("name", [k.name for k in kinds_in("shape")])
def test_shapes_are_symmetric_and_centred(name):
    assert kind(name).aspect == 1.0 and kind(name).states == ("default",)
    body, _, box = draw(name, "default", height=120)
    mask = in_box(body, box)
    mirrored = mask[:, ::-1]
    iou = (mask & mirrored).sum() / (mask | mirrored).sum()
    assert iou > 0.95, iou
    ys, xs = np.nonzero(mask)
    side = box[2] - box[0]
    assert abs((xs.min() + xs.max()) / 2 - (side - 1) / 2) <= 1.0, "not centred left-right"
    assert abs((ys.min() + ys.max()) / 2 - (side - 1) / 2) <= 1.0, "not centred top-bottom"
    assert max(xs.max() - xs.min(), ys.max() - ys.min()) >= side - 2, "does not span the box"


def _extent(name: str) -> tuple[float, float]:
    body, _, box = draw(name, "default", height=240)
    ys, xs = np.nonzero(in_box(body, box))
    return xs.max() - xs.min() + 1, ys.max() - ys.min() + 1


def test_shapes_have_their_exact_proportions():
    w, h = _extent("triangle")
    assert h / w == pytest.approx(3 ** 0.5 / 2, abs=0.01)
    w, h = _extent("hexagon")
    assert h / w == pytest.approx(3 ** 0.5 / 2, abs=0.01)
    w, h = _extent("diamond")
    assert w / h == pytest.approx(0.8, abs=0.01)
    w, h = _extent("star")
    assert h / w == pytest.approx((1 + math.cos(math.radians(36))) / (2 * math.cos(math.radians(18))), abs=0.01)
    body, _, box = draw("circle", "default", height=240)
    assert in_box(body, box).mean() == pytest.approx(math.pi / 4, abs=0.01)
    body, _, box = draw("square", "default", height=240)
    assert in_box(body, box).mean() > 0.99


def test_preview_sheet_shows_every_kind_in_its_colour():
    from synthesis.editing.library import preview

    tile = preview.render(kind("apple"), "whole", "red", 40)
    pixels = np.asarray(tile)
    assert ((pixels[..., :3] == palette.rgb("red")).all(axis=2) & (pixels[..., 3] == 255)).mean() > 0.2
    sheet = preview.contact_sheet(height=24)
    cells = sum(len(k.states) for k in KINDS.values())
    assert sheet.height >= -(-cells // 6) * 24
