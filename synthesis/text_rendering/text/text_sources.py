"""Realistic multilingual text for the text-rendering templates: `sample_text(rng, lang, kind)`.

`sample_text` writes one piece of text of a kind a poster, sign, label, receipt, UI screen
or card needs (a price, a date, a slogan, a paragraph...) in one of `languages.LANGUAGES`.
Everything is a function of the numpy Generator's state: word picks draw from it, and the
one cached Faker per locale is re-seeded from it on every call.

This module holds the kinds themselves (`KINDS`), the Faker-based ones (names, addresses,
companies, phones) and sentence/paragraph building. The pieces live beside it:
`lexicon` (wordfreq word lists), `formats` (numbers, prices, units), `dates` (dates,
times), `linebreak` (break units, kinsoku, `NBSP`) and `faker_locales`. Their public
names are re-exported here, so `text_sources.format_number` and friends keep working.
"""

from __future__ import annotations

import re

import numpy as np

from synthesis.text_rendering.text import phrasebook
from synthesis.text_rendering.text.dates import (
    DATE_STYLES,
    MONTHS,
    MONTHS_SHORT_EN,
    format_date,
    sample_date,
    sample_time,
)
from synthesis.text_rendering.text.faker_locales import faker_coverage, seeded_faker
from synthesis.text_rendering.text.formats import (
    ARABIC_INDIC_DIGITS,
    CURRENCY_SYMBOLS,
    UNIT_NAMES,
    UNIT_SPELLINGS,
    Currency,
    NumberStyle,
    format_number,
    format_price,
    sample_number_unit,
    sample_price,
    use_arabic_digits,
)
from synthesis.text_rendering.text.languages import LANGUAGES, language
from synthesis.text_rendering.text.lexicon import Lexicon, is_script_word, lexicon, sample_words
from synthesis.text_rendering.text.linebreak import CLOSING, NBSP, OPENING, break_units, joiner, truncate

# The public names of this module before it was split; the re-exported ones keep working
# as `text_sources.<name>` for every importer.
__all__ = [
    # defined here
    "KINDS", "NUMERIC_KINDS", "sample_text", "title_case_en",
    # formats
    "ARABIC_INDIC_DIGITS", "CURRENCY_SYMBOLS", "UNIT_SPELLINGS", "Currency", "NumberStyle", "format_number", "format_price",
    # dates
    "DATE_STYLES", "MONTHS", "MONTHS_SHORT_EN", "format_date",
    # lexicon
    "Lexicon", "is_script_word", "lexicon", "sample_words",
    # linebreak
    "CLOSING", "NBSP", "OPENING", "break_units", "joiner", "truncate",
    # faker_locales, languages
    "faker_coverage", "LANGUAGES", "language",
]


KINDS = (
    "words",
    "title",
    "heading",
    "name",
    "address",
    "company",
    "slogan",
    "price",
    "discount",
    "date",
    "time",
    "phone",
    "email",
    "url",
    "code",
    "number_unit",
    "sentence",
    "paragraph",
    "product",
    "menu_item",
    "button",
    "sign",
    "greeting",
)
# Kinds whose text is mostly digits, Latin-script identifiers or symbols in every language.
NUMERIC_KINDS = ("price", "discount", "date", "time", "phone", "email", "url", "code", "number_unit")


# ---------------------------------------------------------------------------------------
# Sentences


def _case_sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


_MINOR_EN = frozenset("a an the and but or for nor on at to from by of in with as vs".split())


def title_case_en(words: list[str]) -> list[str]:
    out = []
    for i, w in enumerate(words):
        keep_minor = 0 < i < len(words) - 1 and w in _MINOR_EN
        out.append(w if keep_minor or w[:1].isupper() else w[:1].upper() + w[1:])
    return out


_END_MARKS = {
    "zh": ("。", "！", "？"),
    "ja": ("。", "！", "？"),
    "hi": ("।", "!", "?"),
    "ar": (".", "!", "؟"),
    "el": (".", "!", ";"),
}
_COMMA = {"zh": "，", "ja": "、", "ar": "،"}
_ZH_NO_START = frozenset("的 了 着 过 吗 呢 吧 啊 和 与 及 或 而 但".split())

_JA_PATTERNS = (
    ("{a}は{b}です", ""),
    ("{a}の{b}を{vt}", ""),
    ("{a}で{b}を{vt}", ""),
    ("{a}と{b}が{vi}", ""),
    ("{a}の{b}は{c}です", ""),
)
_JA_VT = ("使います", "作ります", "見ます", "選びます", "楽しみます", "紹介します", "始めます", "届けます", "探しています", "発表しました", "お届けします")
_JA_VI = ("あります", "始まります", "人気です", "増えています", "変わります", "大切です", "待っています")

_KO_PREDICATES = (
    "있습니다", "없습니다", "좋습니다", "필요합니다", "중요합니다", "시작합니다", "준비했습니다", "확인하세요",
    "만나 보세요", "기다립니다", "드립니다", "바뀝니다", "늘어납니다", "소개합니다", "추천합니다", "사용합니다",
)


def _has_batchim(word: str) -> bool:
    last = word[-1]
    return "\uac00" <= last <= "\ud7a3" and (ord(last) - 0xAC00) % 28 != 0


def _ko_particle(word: str, with_final: str, without_final: str) -> str:
    return word + (with_final if _has_batchim(word) else without_final)


def _korean_sentence(rng: np.random.Generator) -> str:
    a, b = sample_words(rng, "ko", 2, content=True)
    style = int(rng.integers(3))
    pred = _KO_PREDICATES[int(rng.integers(len(_KO_PREDICATES)))]
    if style == 0:
        return f"{_ko_particle(a, '은', '는')} {_ko_particle(b, '이', '가')} {pred}."
    if style == 1:
        return f"{_ko_particle(a, '의', '의')} {_ko_particle(b, '을', '를')} {pred}."
    c = sample_words(rng, "ko", 1, content=True)[0]
    return f"{_ko_particle(a, '에서', '에서')} {_ko_particle(b, '과', '와')} {_ko_particle(c, '을', '를')} {pred}."


def _japanese_sentence(rng: np.random.Generator) -> str:
    a, b, c = sample_words(rng, "ja", 3, content=True)
    pattern, _ = _JA_PATTERNS[int(rng.integers(len(_JA_PATTERNS)))]
    vt = _JA_VT[int(rng.integers(len(_JA_VT)))]
    vi = _JA_VI[int(rng.integers(len(_JA_VI)))]
    end = "。" if rng.random() < 0.9 else "！"
    return pattern.format(a=a, b=b, c=c, vt=vt, vi=vi) + end


def _sentence(rng: np.random.Generator, lang: str) -> str:
    if lang == "ko":
        return _korean_sentence(rng)
    if lang == "ja":
        return _japanese_sentence(rng)
    spaced = LANGUAGES[lang].breaks == "space"
    n = int(rng.integers(5, 13)) if spaced else int(rng.integers(3, 8))
    words = sample_words(rng, lang, n)
    if not spaced:
        # A Chinese sentence does not open with a particle.
        while words and words[0] in _ZH_NO_START:
            words = words[1:] + sample_words(rng, lang, 1, content=True)
    comma = _COMMA.get(lang, ",")
    if n >= 6 and rng.random() < 0.5:
        at = int(rng.integers(2, n - 2))
        words[at] = words[at] + comma
    if lang == "hi" and rng.random() < 0.5 and words[-1] not in ("है", "हैं"):
        words.append("है")
    roll = rng.random()
    marks = _END_MARKS.get(lang, (".", "!", "?"))
    end = marks[0] if roll < 0.85 else marks[1] if roll < 0.92 else marks[2]
    body = (" " if spaced else "").join(words)
    if LANGUAGES[lang].script in ("latin", "cyrillic", "greek"):
        body = _case_sentence(body)
    if lang == "es" and end in "!?":
        body = ("¡" if end == "!" else "¿") + body
    if lang == "fr" and end in "!?":
        end = NBSP + end
    return body + end


def _exclaim(text: str, lang: str) -> str:
    """`text` as an exclamation, with the language's marks (¡...!, « ! », ！)."""
    if lang == "es":
        return f"¡{text}!"
    if lang == "fr":
        return f"{text}{NBSP}!"
    if lang in ("zh", "ja"):
        return f"{text}！"
    return f"{text}!"


def _paragraph(rng: np.random.Generator, lang: str) -> str:
    sentences = [_sentence(rng, lang) for _ in range(int(rng.integers(2, 6)))]
    return (" " if LANGUAGES[lang].breaks == "space" else "").join(sentences)


# ---------------------------------------------------------------------------------------
# The kinds


def _join(lang: str, parts: list[str]) -> str:
    return joiner(lang).join(parts)


def _styled_words(rng: np.random.Generator, lang: str, lo: int, hi: int, *, title: bool, content: bool = True) -> str:
    words = sample_words(rng, lang, int(rng.integers(lo, hi + 1)), content=content)
    script = LANGUAGES[lang].script
    if title and lang == "en":
        words = title_case_en(words)
    text = _join(lang, words)
    if title and script in ("latin", "cyrillic", "greek"):
        text = _case_sentence(text)
    return text


def _words(rng, lang):
    content = rng.random() < 0.7 or lang in ("ja", "ko")  # their function words are morphemes
    return _styled_words(rng, lang, 1, 4, title=False, content=content)


def _title(rng, lang):
    if lang == "en":
        words = sample_words(rng, lang, int(rng.integers(2, 6)), content=False)
        words[0] = sample_words(rng, lang, 1, content=True)[0]
        return " ".join(title_case_en(words))
    content = rng.random() < 0.6 or lang in ("ja", "ko")
    return _styled_words(rng, lang, 2, 5, title=True, content=content)


def _heading(rng, lang):
    return _styled_words(rng, lang, 1, 3, title=True)


def _name(rng, lang):
    return seeded_faker(rng, lang).name()


def _address(rng, lang):
    text = seeded_faker(rng, lang).address()
    sep = " " if LANGUAGES[lang].breaks == "char" or lang == "ko" else ", "
    return re.sub(r",?\s*\n\s*", lambda m: ", " if "," in m.group() else sep, text).strip()


_COMPANY_FALLBACK = {
    "uk": ("ТОВ «{n}»", "ПП «{n}»", "{n} і партнери", "{n} Груп"),
    "hi": ("{n} एंड संस", "{n} इंडस्ट्रीज़", "{n} ट्रेडर्स", "{n} प्राइवेट लिमिटेड", "{n} उद्योग"),
}


def _company(rng, lang):
    fake = seeded_faker(rng, lang)
    if lang in _COMPANY_FALLBACK or not faker_coverage(lang)["company"]:
        formats = _COMPANY_FALLBACK.get(lang, ("{n}",))
        return formats[int(rng.integers(len(formats)))].format(n=fake.last_name())
    return fake.company()


def _slogan(rng, lang):
    if faker_coverage(lang)["company_catch_phrase"]:
        text = _case_sentence(seeded_faker(rng, lang).catch_phrase())
        return text.replace("tranquilité", "tranquillité")  # misspelt in Faker's fr_FR data
    text = _styled_words(rng, lang, 2, 4, title=True)
    return _exclaim(text, lang) if rng.random() < 0.5 else text


def _discount(rng, lang):
    pct = int(rng.choice([10, 15, 20, 25, 30, 40, 50, 60, 70]))
    if lang == "zh" and rng.random() < 0.4:
        return f"全场{(100 - pct) // 10}折" if pct % 10 == 0 else f"{100 - pct}折"
    if lang == "en" and rng.random() < 0.5:
        return f"{pct}% off" if rng.random() < 0.5 else f"Save {pct}%"
    number = format_number(pct, 0, lang, arabic_digits=use_arabic_digits(rng, lang))
    percent = NBSP + "%" if lang in ("de", "fr", "ru", "uk", "el") else "%"
    keys = ("sale", "special_offer", "today_only")
    return f"{phrasebook.translate(keys[int(rng.integers(len(keys)))], lang)} -{number}{percent}"


def _phone(rng, lang):
    return re.sub(r"\s*(x|ext\.?)\s*\d+$", "", seeded_faker(rng, lang).phone_number())


def _email(rng, lang):
    fake = seeded_faker(rng, lang)
    return f"{fake.user_name()}@{fake.domain_name()}".lower()


def _url(rng, lang):
    fake = seeded_faker(rng, lang)
    domain = fake.domain_name()
    style = int(rng.integers(3))
    return (f"www.{domain}", domain, f"https://{domain}")[style]


_ORDER_LABELS = {
    "en": ("Order #", "No. ", "Invoice "), "de": ("Best.-Nr. ", "Nr. "), "fr": ("N° ", "Commande n° "),
    "es": ("N.º ", "Pedido n.º "), "it": ("N. ", "Ordine n. "), "pt": ("Nº ", "Pedido nº "),
    "vi": ("Số ", "Mã đơn: "), "ru": ("№ ", "Заказ № "), "uk": ("№ ", "Замовлення № "),
    "el": ("Αρ. ", "Αρ. παραγγελίας "), "zh": ("订单号：", "编号："), "ja": ("注文番号：", "No."),
    "ko": ("주문번호 ", "No. "), "ar": ("رقم الطلب ", "رقم "), "hi": ("ऑर्डर नंबर ", "क्रमांक "),
}


def _code(rng, lang):
    labels = _ORDER_LABELS[lang]
    label = labels[int(rng.integers(len(labels)))]
    digits = "".join(str(int(d)) for d in rng.integers(0, 10, int(rng.integers(4, 10))))
    if rng.random() < 0.3:
        letters = "".join(chr(65 + int(c)) for c in rng.integers(0, 26, 2))
        digits = f"{letters}-{digits}"
    # The number stays on the line of its label ("Nº 4711", not "Nº" / "4711").
    return (label[:-1] + NBSP if label.endswith(" ") else label) + digits


def _brand(rng, lang):
    if lang == "zh":
        return seeded_faker(rng, lang).company_prefix()
    if lang == "ja":  # katakana words read as brand names
        katakana = [w for w in sample_words(rng, lang, 8, content=True) if re.fullmatch("[\u30a1-\u30fc]+", w)]
        return katakana[0] if katakana else "ニッポン"
    if lang == "ko":
        return sample_words(rng, lang, 1, content=True)[0]
    return seeded_faker(rng, lang).last_name()


# Package sizes that suit the product: (unit, low, high, step).
_LIQUID = (("ml", 200, 1000, 50), ("L", 1, 2, 0.5))
_SOLID = (("g", 100, 1000, 50), ("kg", 1, 5, 1))
_PACKAGE = {"milk": _LIQUID, "olive_oil": _LIQUID, "shampoo": _LIQUID, "orange_juice": _LIQUID,
            "mineral_water": _LIQUID, "chicken_soup": _LIQUID, "ice_cream": _LIQUID}


def _package_size(rng: np.random.Generator, lang: str, key: str) -> str:
    options = _PACKAGE.get(key, _SOLID)
    unit, low, high, step = options[int(rng.integers(len(options)))]
    value = float(low + step * int(rng.integers(0, int((high - low) / step) + 1)))
    decimals = 0 if value == int(value) else 1
    name = unit
    native = UNIT_NAMES.get(lang, {})
    if unit in native and (lang in ("ru", "uk") or rng.random() < 0.4):
        name = native[unit]
    number = format_number(value, decimals, lang, arabic_digits=use_arabic_digits(rng, lang))
    attached = lang in ("zh", "ja") and name in native.values()
    return number + ("" if attached else NBSP) + name


def _product(rng, lang):
    keys = phrasebook.phrase_keys("product" if rng.random() < 0.6 else "food")
    key = keys[int(rng.integers(len(keys)))]
    item = phrasebook.translate(key, lang)
    brand = _brand(rng, lang)
    size = _package_size(rng, lang, key)
    if LANGUAGES[lang].breaks == "char":
        return f"{brand}{item} {size}"
    if lang in ("ru", "uk"):
        return f"{item} «{brand}» {size}"
    noun_first = lang in ("fr", "es", "it", "pt", "vi", "ar") and rng.random() < 0.6
    return f"{item} {brand} {size}" if noun_first else f"{brand} {item} {size}"


def _menu_item(rng, lang):
    return f"{phrasebook.phrase(rng, lang, 'food')} {sample_price(rng, lang, 1.5, 30)}"


def _button(rng, lang):
    return phrasebook.phrase(rng, lang, "ui")


def _sign(rng, lang):
    return phrasebook.phrase(rng, lang, ("sign", "shop", "label")[int(rng.integers(3))])


def _greeting(rng, lang):
    fake = seeded_faker(rng, lang)
    text = phrasebook.phrase(rng, lang, "greeting")
    if rng.random() < 0.5:
        return _exclaim(text, lang) if rng.random() < 0.5 else text
    if lang == "zh":
        return f"{fake.name()}，{text}！"
    if lang == "ja":
        return f"{fake.last_name()}さん、{text}！"
    first = fake.first_name_female() if rng.random() < 0.5 else fake.first_name_male()
    if lang == "ko":
        return f"{first} 님, {text}!"
    if lang == "ar":
        return f"{text} يا {first}!"
    return f"{text}, {first}{NBSP if lang == 'fr' else ''}!"


_GENERATORS = {
    "words": _words,
    "title": _title,
    "heading": _heading,
    "name": _name,
    "address": _address,
    "company": _company,
    "slogan": _slogan,
    "price": lambda rng, lang: sample_price(rng, lang),
    "discount": _discount,
    "date": sample_date,
    "time": sample_time,
    "phone": _phone,
    "email": _email,
    "url": _url,
    "code": _code,
    "number_unit": lambda rng, lang: sample_number_unit(rng, lang),
    "sentence": _sentence,
    "paragraph": _paragraph,
    "product": _product,
    "menu_item": _menu_item,
    "button": _button,
    "sign": _sign,
    "greeting": _greeting,
}
assert tuple(_GENERATORS) == KINDS


def sample_text(rng: np.random.Generator, lang: str, kind: str, *, max_chars: int | None = None) -> str:
    """One text of `kind` in `lang`, at most `max_chars` long (cut between break units).

    When even the first unit is longer than `max_chars`, a few fresh samples are tried, then
    the longest frequent word that fits; "" only when no word of the language fits at all.
    """
    language(lang)
    if kind not in _GENERATORS:
        raise ValueError(f"unknown text kind {kind!r}; allowed: {', '.join(KINDS)}")
    if max_chars is not None and max_chars < 1:
        raise ValueError(f"max_chars must be >= 1 or None, got {max_chars}")
    for _ in range(4):
        text = _GENERATORS[kind](rng, lang).strip()
        if max_chars is None or len(text) <= max_chars:
            return text
        cut = truncate(text, lang, max_chars)
        if cut:
            return cut
    fitting = [w for w in lexicon(lang).words[:500] if len(w) <= max_chars]
    return fitting[int(rng.integers(len(fitting)))] if fitting else ""
