"""CER, polygon matching and line crops of the OCR judge on crafted cases (no models)."""

import math

import numpy as np
import pytest

from filters.ocr.matching import (
    cer,
    compose_vertical,
    levenshtein,
    match_detections,
    normalize_text,
    polygon_iou,
    rectify,
    split_column,
)


def rotated_square(cx, cy, side, degrees):
    a = math.radians(degrees)
    corners = [(-1, -1), (1, -1), (1, 1), (-1, 1)]  # TL, TR, BR, BL (y down)
    return [[cx + side / 2 * (x * math.cos(a) - y * math.sin(a)),
             cy + side / 2 * (x * math.sin(a) + y * math.cos(a))] for x, y in corners]


def box(left, top, right, bottom):
    return [[left, top], [right, top], [right, bottom], [left, bottom]]


# --- text ------------------------------------------------------------------

def test_normalisation_folds_width_forms_and_drops_whitespace_but_keeps_case():
    assert normalize_text("Ｇｒａｎｄ　Ｏｐｅｎｉｎｇ １２") == "GrandOpening12"
    assert normalize_text(" a\tb\nc ") == "abc"
    assert normalize_text("ﬁne") == "fine"  # ligature
    assert normalize_text("Sale") != normalize_text("SALE")


@pytest.mark.parametrize("a, b, distance", [
    ("kitten", "kitten", 0),
    ("kitten", "sitten", 1),      # substitution
    ("kitten", "kittens", 1),     # insertion
    ("kitten", "kiten", 1),       # deletion
    ("kitten", "sitting", 3),
    ("", "abc", 3),
    ("abc", "", 3),
    ("", "", 0),
    ("abcdef", "azcdeX", 2),
])
def test_levenshtein(a, b, distance):
    assert levenshtein(a, b) == distance == levenshtein(b, a)


def test_cer_counts_errors_per_reference_character_after_normalisation():
    assert cer("Grand Opening", "Grand Opening") == 0.0
    assert cer("Grand Opening", "Grand 0pening") == pytest.approx(1 / 12)   # substitution
    assert cer("Grand Opening", "Grand Openning") == pytest.approx(1 / 12)  # insertion
    assert cer("Grand Opening", "GrandOpening") == 0.0                      # spacing is not judged
    assert cer("ＧＲＡＮＤ", "GRAND") == 0.0                                    # NFKC
    assert cer("grand", "Grand") == pytest.approx(0.2)                      # case is judged
    assert cer("abc", "") == 1.0
    assert cer("", "") == 0.0
    assert cer("", "xy") == 2.0  # empty reference counts as one character


# --- polygons ----------------------------------------------------------------

def test_iou_of_rotated_quads():
    square = rotated_square(0, 0, 2, 0)
    assert polygon_iou(square, rotated_square(0, 0, 2, 90)) == pytest.approx(1.0)
    # A square and itself turned 45°: the overlap is a regular octagon, IoU = 1/sqrt(2).
    assert polygon_iou(square, rotated_square(0, 0, 2, 45)) == pytest.approx(1 / math.sqrt(2))
    assert polygon_iou(square, rotated_square(10, 0, 2, 30)) == 0.0
    assert polygon_iou(box(0, 0, 2, 1), box(1, 0, 3, 1)) == pytest.approx(1 / 3)


def test_unmatched_detections_are_extra_and_uncovered_lines_missed():
    truth = [box(100, 100, 500, 140), box(100, 200, 500, 240)]
    detected = [
        box(90, 85, 510, 155),    # line 0 with a detector's margin
        box(600, 400, 700, 430),  # stray text nowhere near a label
    ]
    match = match_detections(detected, truth)
    assert match.extra == [1]
    assert match.missed == [1]


def test_a_line_found_as_two_boxes_is_neither_missed_nor_extra():
    truth = [box(100, 100, 500, 140)]
    detected = [box(92, 88, 290, 152), box(310, 88, 508, 152)]
    match = match_detections(detected, truth)
    assert match.extra == [] and match.missed == []


def test_rotated_lines_match_rotated_detections():
    line = rotated_square(300, 300, 100, 30)
    bigger = rotated_square(300, 300, 130, 31)
    match = match_detections([bigger], [line])
    assert match.extra == [] and match.missed == []
    assert match_detections([], [line]).missed == [0]
    assert match_detections([line], []).extra == [0]


def test_bad_polygons_are_refused_with_what_is_allowed():
    with pytest.raises(ValueError, match="4 points or an even number"):
        polygon_iou([[0, 0], [1, 0], [1, 1]], box(0, 0, 1, 1))


# --- crops -------------------------------------------------------------------

def test_rectify_turns_a_rotated_quad_into_an_upright_strip():
    import cv2

    image = np.full((400, 400, 3), 255, np.uint8)
    quad = np.array(rotated_square(200, 200, 100, 30), np.float32)
    # Stretch it into a 160 x 40 rotated "line": black on white, with a red left end.
    centre = quad.mean(axis=0)
    u = (quad[1] - quad[0]) / np.linalg.norm(quad[1] - quad[0])
    v = (quad[3] - quad[0]) / np.linalg.norm(quad[3] - quad[0])
    line = np.array([centre - 80 * u - 20 * v, centre + 80 * u - 20 * v,
                     centre + 80 * u + 20 * v, centre - 80 * u + 20 * v], np.float32)
    cv2.fillPoly(image, [line.astype(np.int32)], (0, 0, 0))
    left_end = np.array([line[0], line[0] + 20 * u, line[3] + 20 * u, line[3]], np.int32)
    cv2.fillPoly(image, [left_end], (0, 0, 255))

    strip = rectify(image, line, pad=0.25)
    assert strip.shape[:2] == (60, 180)  # 40 + 2 x 10 high, 160 + 2 x 10 wide
    inner = strip[15:45, 35:165]
    assert inner.mean() < 20                             # the black body, upright
    assert (strip[15:45, 14:26] == (0, 0, 255)).all(axis=2).mean() > 0.9  # red end is on the left
    assert strip[:4].mean() > 240 and strip[-4:].mean() > 240            # white margins


def test_rectify_straightens_a_curved_line():
    image = np.full((300, 400, 3), 255, np.uint8)
    upper = [[50, 100], [150, 80], [250, 80], [350, 100]]
    lower = [[350, 140], [250, 120], [150, 120], [50, 140]]  # lower edge reversed
    strip = rectify(image, upper + lower, pad=0.0)
    assert strip.shape[0] == 40
    arc = sum(math.dist(a, b) for a, b in zip(upper, upper[1:]))
    assert abs(strip.shape[1] - arc) <= 3


def test_vertical_column_becomes_a_row_of_characters():
    image = np.full((400, 200, 3), 255, np.uint8)
    cells = [box(80, 40 + 50 * k, 120, 80 + 50 * k) for k in range(4)]
    for k, cell in enumerate(cells):  # a dark mark in each cell, darker further down
        image[cell[0][1] + 10:cell[2][1] - 10, 90:110] = 40 * k
    strip = compose_vertical(image, cells, pad=0.0)
    assert strip.shape[:2] == (40, 160)
    marks = [strip[20, 40 * k + 20, 0] for k in range(4)]
    assert marks == [0, 40, 80, 120]  # top-to-bottom order became left-to-right


def test_a_column_without_character_polygons_is_cut_into_equal_cells():
    cells = split_column(box(80, 40, 120, 240), 4)
    assert [c[0].tolist() for c in cells] == [[80, 40], [80, 90], [80, 140], [80, 190]]
    assert cells[-1][2].tolist() == [120, 240]
