"""Languages, multilingual text sources, line-break units and the phrasebook."""

from __future__ import annotations

import re

import numpy as np
import pytest

from synthesis.text_rendering.text import phrasebook
from synthesis.text_rendering.text import text_sources as ts
from synthesis.text_rendering.text.languages import LANGUAGES, SCRIPTS, available_languages, language

ALL_LANGS = tuple(LANGUAGES)
SEEDS = range(5)
# Kinds whose text is words of the language (the others are numbers, codes, emails...).
LINGUISTIC_KINDS = tuple(k for k in ts.KINDS if k not in ts.NUMERIC_KINDS)
# Faker's address/company/name data carries some Latin letters (zh "B座", ja "コート" is fine).
STRICT_KINDS = ("words", "title", "heading", "sentence", "paragraph", "button", "sign", "greeting", "slogan")


def _letters(text: str) -> list[str]:
    return [ch for ch in text if ch.isalpha()]


def native_fraction(text: str, lang: str) -> float:
    script = LANGUAGES[lang].script
    letters = _letters(text)
    if not letters:
        return 1.0
    return sum(ts.is_script_word(ch, script) for ch in letters) / len(letters)


def foreign_script_letters(text: str, lang: str) -> list[str]:
    """Letters that are neither the language's script nor Latin."""
    script = LANGUAGES[lang].script
    return [ch for ch in _letters(text) if not ts.is_script_word(ch, script) and not ts.is_script_word(ch, "latin")]


# ---------------------------------------------------------------------------------------
# languages


def test_language_table_is_complete_and_consistent():
    required = {"en", "de", "fr", "es", "it", "pt", "vi", "ru", "uk", "el", "zh", "ja", "ko", "ar", "hi"}
    assert required <= set(LANGUAGES)
    for code, lang in LANGUAGES.items():
        assert lang.code == code and lang.script in SCRIPTS
        assert lang.direction in ("ltr", "rtl") and lang.breaks in ("space", "char")
        assert lang.coverage_sample and lang.name and lang.name_zh
    assert LANGUAGES["ar"].direction == "rtl" and LANGUAGES["ar"].needs_shaping and LANGUAGES["hi"].needs_shaping
    assert LANGUAGES["zh"].breaks == LANGUAGES["ja"].breaks == "char" and LANGUAGES["ko"].breaks == "space"
    # The coverage sample of a script is in that script (plus digits/punctuation/currency).
    for code in ("ru", "el", "zh", "ko", "ar", "hi"):
        assert native_fraction(LANGUAGES[code].coverage_sample, code) == 1.0, code


def test_available_languages_without_raqm_drops_shaped_scripts():
    assert available_languages(raqm=True) == ALL_LANGS
    without = available_languages(raqm=False)
    assert "ar" not in without and "hi" not in without and "zh" in without and "en" in without
    assert set(available_languages()) in (set(ALL_LANGS), set(without))


def test_unknown_language_is_a_one_line_error():
    with pytest.raises(ValueError, match="unknown language 'xx'; allowed: en, de") as err:
        language("xx")
    assert "\n" not in str(err.value)
    with pytest.raises(ValueError, match="unknown text kind"):
        ts.sample_text(np.random.default_rng(0), "en", "poem")


def test_wordfreq_lists_ship_offline_for_every_language():
    from wordfreq import top_n_list

    for code in ALL_LANGS:
        assert len(top_n_list(LANGUAGES[code].wordfreq_code, 5000)) == 5000, code


# ---------------------------------------------------------------------------------------
# lexicon


def test_lexicons_are_clean():
    for code in ALL_LANGS:
        lex = ts.lexicon(code)
        assert len(lex.words) > 2500 and len(lex.content) > 2000, code
        assert all(native_fraction(w, code) == 1.0 for w in lex.words), code
        assert not any(ch.isdigit() for w in lex.words for ch in w), code
    en = ts.lexicon("en").index
    assert "I" in en and "i" not in en and "fuck" not in en and "the" in en
    assert "the" not in ts.lexicon("en").content  # function words do not stand alone on a sign
    de = ts.lexicon("de").index
    assert "Zeit" in de and "zeit" not in de and "nicht" in de  # German nouns are capitalised
    assert "groß" in de and "gross" not in de and "dass" in de  # ß restored where German spells it
    assert "the" not in de  # English tokens of the German list
    assert not any(w.endswith("σ") for w in ts.lexicon("el").words)  # final sigma restored
    assert "что" not in ts.lexicon("uk").index  # Russian tokens of the Ukrainian list
    assert "club" not in ts.lexicon("vi").index and "không" in ts.lexicon("vi").index
    assert all(len(w) >= 2 for w in ts.lexicon("ko").words)  # Korean morpheme fragments dropped


def test_sample_words_follow_frequency():
    rng = np.random.default_rng(0)
    words = ts.sample_words(rng, "en", 4000)
    counts = {w: words.count(w) for w in set(words)}
    assert counts.get("the", 0) > counts.get("university", 0)
    assert max(counts, key=counts.get) in ("the", "to", "and", "of", "a", "I", "in")


def test_faker_coverage_names_missing_providers():
    assert ts.faker_coverage("en")["company_catch_phrase"]
    assert not ts.faker_coverage("hi")["company"] and not ts.faker_coverage("uk")["company"]
    assert not ts.faker_coverage("de")["company_catch_phrase"]
    assert all(ts.faker_coverage(code)["person"] for code in ALL_LANGS)


# ---------------------------------------------------------------------------------------
# sample_text


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_every_kind_is_deterministic_and_in_the_languages_script(lang):
    for kind in ts.KINDS:
        for seed in SEEDS:
            first = ts.sample_text(np.random.default_rng(seed), lang, kind)
            again = ts.sample_text(np.random.default_rng(seed), lang, kind)
            assert first == again, (lang, kind, seed)
            assert first.strip() == first and first, (lang, kind, seed)
            assert not foreign_script_letters(first, lang), (lang, kind, first)
            if kind in LINGUISTIC_KINDS:
                words = re.sub(r"[^ ]*\d[^ ]*", "", first)  # quantities and prices may use Latin units
                assert native_fraction(words, lang) >= 0.8, (lang, kind, first)
            if kind in STRICT_KINDS:
                assert native_fraction(first, lang) == 1.0, (lang, kind, first)


def test_different_seeds_give_different_text():
    for kind in ts.KINDS:
        texts = {ts.sample_text(np.random.default_rng(seed), "en", kind) for seed in range(8)}
        assert len(texts) >= 3, kind


def test_cjk_text_has_no_spaces_between_words_and_uses_cjk_punctuation():
    for seed in SEEDS:
        zh = ts.sample_text(np.random.default_rng(seed), "zh", "sentence")
        assert " " not in zh and zh[-1] in "。！？"
        ja = ts.sample_text(np.random.default_rng(seed), "ja", "paragraph")
        assert " " not in ja and ja[-1] in "。！？"
        hi = ts.sample_text(np.random.default_rng(seed), "hi", "sentence")
        assert hi[-1] in "।!?"


def test_locale_formats_of_prices_and_dates():
    def many(lang, kind):
        return [ts.sample_text(np.random.default_rng(s), lang, kind) for s in range(20)]

    assert all(re.fullmatch(r"[$£]\d{1,3}(,\d{3})*\.\d{2}", p) for p in many("en", "price"))
    assert all(re.fullmatch(r"\d{1,3}(\.\d{3})*,\d{2}\u00a0€", p) for p in many("de", "price"))
    assert all(re.fullmatch(r"(¥\d{1,3}(,\d{3})*|\d{1,3}(,\d{3})*円)", p) for p in many("ja", "price"))
    assert any(re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", d) for d in many("zh", "date"))
    assert any(re.search(r"(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)", d)
               for d in many("ru", "date"))
    assert ts.format_number(1234567.5, 2, "hi") == "12,34,567.50"
    assert ts.format_number(1234.5, 2, "fr") == "1\u00a0234,50"
    assert ts.format_number(49.99, 2, "ar", arabic_digits=True) == "٤٩٫٩٩"


# ---------------------------------------------------------------------------------------
# break units


def _squash(text: str) -> str:
    return re.sub(r"[ \t\r\n\u3000]+", " ", text).strip()


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_break_units_round_trip_and_kinsoku(lang):
    for kind in ts.KINDS:
        for seed in SEEDS:
            text = ts.sample_text(np.random.default_rng(seed), lang, kind)
            units = ts.break_units(text, lang)
            assert units and all(units), (lang, kind, text)
            if LANGUAGES[lang].breaks == "space":
                assert ts.joiner(lang) == " "
                assert all(" " not in u for u in units)
                assert " ".join(units) == _squash(text)
            else:
                assert ts.joiner(lang) == ""
                assert "".join(units) == text  # lossless: spaces ride on the unit before them
                assert not any(u[0] in ts.CLOSING for u in units), (text, units)
                assert not any(u[-1] in ts.OPENING for u in units[:-1]), (text, units)


def test_break_units_examples():
    assert ts.break_units("「東京」は、日本の首都です。", "ja") == ["「東", "京」", "は、", "日", "本", "の", "首", "都", "で", "す。"]
    assert ts.break_units("iPhone 15を買った", "ja") == ["iPhone ", "15", "を", "買っ", "た"]
    assert ts.break_units("¥1,280（税込）", "ja") == ["¥1,280", "（税", "込）"]
    assert ts.break_units("价格：¥49.90，欢迎光临！", "zh") == ["价", "格：", "¥49.90，", "欢", "迎", "光", "临！"]
    assert ts.break_units("コーヒー", "ja") == ["コー", "ヒー"]
    assert ts.break_units("Prix : 4,99\u00a0€ TTC", "fr") == ["Prix", ":", "4,99\u00a0€", "TTC"]
    assert ts.break_units("영업 시간  09:00", "ko") == ["영업", "시간", "09:00"]


# ---------------------------------------------------------------------------------------
# max_chars


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_truncation_keeps_whole_units(lang):
    glue = ts.joiner(lang)
    for kind in ("paragraph", "sentence", "address", "title", "product", "company"):
        for seed in SEEDS:
            text = ts.sample_text(np.random.default_rng(seed), lang, kind)
            units = ts.break_units(text, lang)
            for limit in (4, 9, 20, 40):
                cut = ts.truncate(text, lang, limit)
                assert len(cut) <= limit
                if not cut:
                    assert len(units[0].rstrip()) > limit or limit < 2
                    continue
                got = ts.break_units(cut, lang)
                # Every unit is an original unit; only the last may lose trailing space or a comma.
                assert got[:-1] == units[: len(got) - 1], (text, cut)
                last = units[len(got) - 1]
                assert got[-1] == last or last.rstrip(" ,，、،;:") == got[-1], (text, cut)
                assert glue.join(units[: len(got)]).startswith(cut.rstrip(",，、،;:"))


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_sample_text_respects_max_chars(lang):
    for kind in ts.KINDS:
        for seed in SEEDS:
            full = ts.sample_text(np.random.default_rng(seed), lang, kind)
            for limit in (3, 10, 25):
                text = ts.sample_text(np.random.default_rng(seed), lang, kind, max_chars=limit)
                assert len(text) <= limit, (lang, kind, text)
                if len(full) <= limit:
                    assert text == full
    with pytest.raises(ValueError, match="max_chars"):
        ts.sample_text(np.random.default_rng(0), lang, "words", max_chars=0)


# ---------------------------------------------------------------------------------------
# phrasebook


def test_phrasebook_has_every_phrase_in_every_language():
    assert len(phrasebook.PHRASES) >= 80
    assert {"sign", "shop", "ui", "receipt", "label", "greeting", "food", "product"} <= set(phrasebook.categories())
    for entry in phrasebook.PHRASES.values():
        assert set(entry.texts) == set(LANGUAGES)
        for code, text in entry.texts.items():
            assert text and text == text.strip() and "  " not in text, (entry.key, code)
            assert native_fraction(text, code) == 1.0, (entry.key, code, text)
    for code in LANGUAGES:  # unique within a language, so a phrase maps back to one key
        texts = [entry.texts[code] for entry in phrasebook.PHRASES.values()]
        assert len(texts) == len(set(texts)), code


def test_phrasebook_lookup():
    assert phrasebook.translate("exit", "zh") == "出口"
    assert phrasebook.translate("push", "ja") == "押す"
    assert phrasebook.translate("happy_birthday", "ar") == "عيد ميلاد سعيد"
    with pytest.raises(ValueError, match="unknown phrase key"):
        phrasebook.translate("nope", "en")
    with pytest.raises(ValueError, match="unknown phrase category"):
        phrasebook.phrase_keys("poems")
    ui = {phrasebook.translate(k, "de") for k in phrasebook.phrase_keys("ui")}
    rng = np.random.default_rng(0)
    assert all(phrasebook.phrase(rng, "de", "ui") in ui for _ in range(20))


def test_find_phrases_matches_whole_words_only():
    found = phrasebook.find_phrases("Subtotal 12.00  Total 14.50", "en")
    assert [(m.key, m.start) for m in found] == [("subtotal", 0), ("total", 16)]
    assert [m.key for m in phrasebook.find_phrases("EMERGENCY EXIT", "en")] == ["emergency_exit"]
    assert phrasebook.find_phrases("EXIT →", "en")[0].upper
    assert [m.key for m in phrasebook.find_phrases("合计：¥49.90", "zh")] == ["total"]
    assert phrasebook.find_phrases("कुलपति", "hi") == []  # "कुल" inside a longer word
