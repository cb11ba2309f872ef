"""Text edits: each one changes exactly the quoted span and says so in both languages."""

from __future__ import annotations

import re

import numpy as np
import pytest

from synthesis.text_rendering.text import text_edits as te
from synthesis.text_rendering.text import text_sources as ts
from synthesis.text_rendering.text.languages import LANGUAGES

ALL_LANGS = tuple(LANGUAGES)
CASED = tuple(code for code, lang in LANGUAGES.items() if lang.script in ("latin", "cyrillic", "greek"))
# Source texts each edit can work on.
SOURCES = {
    "replace_word": ("words", "title", "heading", "sentence", "paragraph", "sign"),
    "change_price": ("price", "menu_item", "discount", "number_unit", "product"),
    "change_date": ("date", "time"),
    "translate_line": ("sign", "button", "greeting", "menu_item", "product"),
    "fix_typo": ("words", "title", "sentence", "paragraph", "sign"),
    "change_case": ("words", "title", "sign", "button", "heading"),
}


def _edits(kind: str, lang: str, n: int = 6):
    """Up to n (source text, edit) pairs of `kind` for `lang`, deterministic."""
    out = []
    for seed in range(60):
        rng = np.random.default_rng(seed)
        text = ts.sample_text(rng, lang, SOURCES[kind][seed % len(SOURCES[kind])])
        edit = te.EDITS[kind](rng, text, lang)
        if edit is not None:
            out.append((text, edit))
            if len(out) == n:
                break
    return out


def _check_common(text: str, edit: te.TextEdit, kind: str, lang: str):
    assert edit.kind == kind and edit.lang == lang
    assert edit.old != edit.new and edit.old and edit.new
    assert edit.old in edit.text_before and edit.new in edit.text_after
    assert edit.text_before != edit.text_after
    for instruction in (edit.instruction_en, edit.instruction_zh):
        assert edit.old in instruction and edit.new in instruction, instruction
        assert te.WHERE in instruction
    assert te.WHERE in edit.cot_en and edit.cot_en.count("\n") == 3
    if kind == "fix_typo":
        assert edit.text_after == text  # the given text is the correct one: the target
        assert te.osa_distance(edit.old, edit.new) == 1, (edit.old, edit.new)
    else:
        assert edit.text_before == text
    # Exactly one span differs between the two texts: the quoted one.
    start = edit.text_before.find(edit.old)
    spliced = {
        edit.text_before[:i] + edit.new + edit.text_before[i + len(edit.old):]
        for i in [m.start() for m in re.finditer(re.escape(edit.old), edit.text_before)] or [start]
    }
    assert edit.text_after in spliced


@pytest.mark.parametrize("lang", ALL_LANGS)
@pytest.mark.parametrize("kind", te.EDIT_KINDS)
def test_edit_kinds_in_every_language(kind, lang):
    found = _edits(kind, lang)
    if kind == "change_case" and lang not in CASED:
        assert not found  # no letter case in this script
        return
    assert found, f"{kind} never applied to {lang}"
    for text, edit in found:
        _check_common(text, edit, kind, lang)


def test_edits_are_deterministic():
    for kind in te.EDIT_KINDS:
        for lang in ("en", "zh", "ar"):
            text = ts.sample_text(np.random.default_rng(1), lang, SOURCES[kind][0])
            a = te.EDITS[kind](np.random.default_rng(7), text, lang)
            b = te.EDITS[kind](np.random.default_rng(7), text, lang)
            assert a == b


def test_filled_replaces_the_location_placeholder():
    edit = te.change_price(np.random.default_rng(0), "Coffee $4.99", "en")
    filled = edit.filled("on the menu board", "在菜单板上")
    for s in (filled.instruction_en, filled.instruction_zh, filled.cot_en):
        assert te.WHERE not in s
    assert "on the menu board" in filled.instruction_en and filled.instruction_zh.startswith("在菜单板上，")
    bare = edit.filled()
    assert te.WHERE not in bare.instruction_en + bare.instruction_zh + bare.cot_en
    assert "  " not in bare.instruction_en and " ." not in bare.instruction_en
    assert not bare.instruction_zh.startswith("，")


def test_change_price_keeps_the_number_format():
    for seed in range(20):
        rng = np.random.default_rng(seed)
        en = te.change_price(rng, "Coffee $4.99", "en")
        assert re.fullmatch(r"\$\d+\.\d{2}", en.new) and en.old == "$4.99"
        de = te.change_price(rng, "Summe 1.299,00\u00a0€", "de")
        assert re.fullmatch(r"\d{1,3}(\.\d{3})*,\d{2}\u00a0€", de.new), de.new
        ko = te.change_price(rng, "커피 12,900원", "ko")
        assert re.fullmatch(r"\d{1,3}(,\d{3})*원", ko.new) and ko.new.endswith("00원"), ko.new
        off = te.change_price(rng, "Soldes -30\u00a0%", "fr")
        assert re.fullmatch(r"\d+\u00a0%", off.new) and off.old == "30\u00a0%"
    assert te.change_price(np.random.default_rng(0), "Open 09:00–18:00, 12/03/2025", "en") is None
    # The year of a Russian date is not a weight in grams.
    assert te.change_price(np.random.default_rng(0), "14 марта 2025 г.", "ru") is None


@pytest.mark.parametrize(
    "text", ["1,299.00", "1.299,00", "1\u00a0299,00", "12,34,567", "٤٩٫٩٩", "12,900", "4.99", "950", "5.900.000"]
)
def test_parse_and_format_numbers_round_trip(text):
    value, fmt = te.parse_number(text)
    assert te.format_number_like(value, fmt) == text


def test_change_date_keeps_the_style():
    for seed in range(20):
        rng = np.random.default_rng(seed)
        zh = te.change_date(rng, "有效期至2025年3月14日", "zh")
        assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", zh.new), zh.new
        pm = te.change_date(rng, "Doors open 3:45 PM", "en")
        m = re.fullmatch(r"(\d{1,2}):(\d{2}) PM", pm.new)
        assert m and 1 <= int(m.group(1)) <= 12, pm.new
        hours = te.change_date(rng, "Mo–Fr 09:00–18:00", "de")
        assert re.fullmatch(r"\d{2}:\d{2}", hours.new) and hours.old in ("09:00", "18:00")
        ru = te.change_date(rng, "14 марта 2025 г.", "ru")
        assert re.fullmatch(r"\d{1,2} [а-я]+ 2025 г\.", ru.new), ru.new
    assert te.change_date(np.random.default_rng(0), "No dates here", "en") is None


def test_translate_line_uses_the_phrasebook():
    edit = te.translate_line(np.random.default_rng(0), "EXIT", "en", targets=("zh",))
    assert (edit.old, edit.new, edit.lang_after) == ("EXIT", "出口", "zh")
    edit = te.translate_line(np.random.default_rng(0), "Sortie de secours", "fr", targets=("en",))
    assert edit.new == "Emergency exit" and "English" in edit.instruction_en and "英语" in edit.instruction_zh
    assert te.translate_line(np.random.default_rng(0), "Hello there", "en") is None
    assert te.translate_line(np.random.default_rng(0), "Exit", "en", targets=("en",)) is None


def test_fix_typo_puts_the_mistake_in_the_source():
    edit = te.fix_typo(np.random.default_rng(3), "Fresh bread every morning", "en")
    assert edit.text_after == "Fresh bread every morning" and edit.old not in edit.text_after.split()
    assert te.osa_distance("recieve", "receive") == 1 and te.osa_distance("abc", "abc") == 0
    assert te.osa_distance("kitten", "sitting") == 3


def test_change_case():
    rng = np.random.default_rng(0)
    assert te.change_case(rng, "Frisches Brot", "de").new == "FRISCHES BROT"  # German: capitals only
    assert te.change_case(rng, "FRISCHES BROT", "de") is None
    assert te.change_case(rng, "مرحبا", "ar") is None
    assert te.recase("Καλή χρονιά", "upper", "el") == "ΚΑΛΗ ΧΡΟΝΙΑ"  # no accents on Greek capitals
    assert te.recase("don't stop", "title", "en") == "Don't Stop"
    assert te.recase("HELLO WORLD", "sentence", "en") == "Hello world"


def test_sample_edit():
    rng = np.random.default_rng(0)
    edit = te.sample_edit(rng, "Sale -30% Today only", "en")
    assert edit is not None and edit.kind in te.EDIT_KINDS
    assert te.sample_edit(rng, "", "en") is None
    assert te.sample_edit(rng, "Coffee $4.99", "en", kinds=("change_price",)).kind == "change_price"
    with pytest.raises(ValueError, match="unknown edit kinds"):
        te.sample_edit(rng, "x", "en", kinds=("rotate",))
