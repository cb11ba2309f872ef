"""Realistic multilingual text for the text-rendering templates, and where lines may break.

`sample_text(rng, lang, kind)` writes one piece of text of a kind a poster, sign, label,
receipt, UI screen or card needs (a price, a date, a slogan, a paragraph...) in one of
`languages.LANGUAGES`. Everything is a function of the numpy Generator's state: word picks
draw from it, and the one cached Faker per locale is re-seeded from it on every call.

Words come from wordfreq's frequency lists (shipped in its wheel, no network), cleaned up
per language (script, fragments, profanity, proper-noun case, German noun case, Greek
final sigma, German ß); names, addresses, companies and phones come from Faker where the
locale really has the provider (`faker_coverage`); numbers, prices, dates and times are
formatted here with each language's own conventions, so that the edits in `text_edits`
can find and rewrite them.

`break_units(text, lang)` gives the pieces a line may be broken between. A number and its
unit or currency are joined by a no-break space (U+00A0), so they stay on one line.
"""

from __future__ import annotations

import datetime as _dt
import functools
import importlib.util
import re
from dataclasses import dataclass

import numpy as np

from synthesis.text_rendering import phrasebook
from synthesis.text_rendering.languages import LANGUAGES, language

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

NBSP = "\u00a0"
_LEXICON_SIZE = 5000


# ---------------------------------------------------------------------------------------
# Scripts of characters


_SCRIPT_LETTERS = {
    "latin": "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "cyrillic": "\u0400-\u0482\u048a-\u04ff",
    "greek": "\u0386\u0388-\u03ff\u1f00-\u1ffe",
    "han": "\u3400-\u4dbf\u4e00-\u9fff",
    "japanese": "\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\u3005\u3400-\u4dbf\u4e00-\u9fff",
    "hangul": "\uac00-\ud7a3",
    "arabic": "\u0621-\u065f\u0670-\u06d3\u06fa-\u06ff",
    "devanagari": "\u0900-\u0963\u0971-\u097f",
}
_WORD_RE = {script: re.compile(f"[{chars}]+") for script, chars in _SCRIPT_LETTERS.items()}


def is_script_word(token: str, script: str) -> bool:
    """True when every character of `token` is a letter (or mark) of `script`."""
    return _WORD_RE[script].fullmatch(token) is not None


# ---------------------------------------------------------------------------------------
# The word lexicon (wordfreq, cleaned)


@dataclass(frozen=True)
class Lexicon:
    words: tuple[str, ...]  # display form, most frequent first
    cum_weights: np.ndarray  # for frequency-weighted picks (tempered: freq ** 0.5)
    content: tuple[str, ...]  # words fit to stand alone on a sign (no function words)
    content_cum: np.ndarray
    index: dict[str, int]  # display form -> rank in `words`


def _tempered_cum(freqs: list[float], power: float) -> np.ndarray:
    weights = np.asarray(freqs, dtype=np.float64) ** power
    cum = np.cumsum(weights)
    return cum / cum[-1]


def _wordfreq_top(lang: str) -> list[tuple[str, float]]:
    """(word, frequency) for the most frequent tokens without digits, as wordfreq stores them."""
    from wordfreq import get_frequency_list

    out = []
    for bucket, words in enumerate(get_frequency_list(LANGUAGES[lang].wordfreq_code)):
        for word in words:
            if not any(ch.isdigit() for ch in word):
                out.append((word, 10.0 ** (-bucket / 100)))
        if len(out) >= _LEXICON_SIZE:
            break
    return out[:_LEXICON_SIZE]


@functools.cache
def lexicon(lang: str) -> Lexicon:
    """The cleaned, cached word list of `lang` (built once per process, ~0.1 s)."""
    lang_obj = language(lang)
    proper = _proper_nouns(lang)
    drop = _drop_set(lang)
    borrowed = _borrowed_tokens(lang)
    words: list[str] = []
    freqs: list[float] = []
    seen: set[str] = set()
    for rank, (raw, freq) in enumerate(_wordfreq_top(lang)):
        if raw in borrowed:
            continue
        if len(raw) == 2 and rank >= 300 and lang_obj.script in ("latin", "cyrillic") and lang != "en":
            continue  # rare two-letter tokens are abbreviations and fragments (sp, th, ла)
        if lang == "vi" and not _VI_SYLLABLE.fullmatch(raw):
            continue  # Vietnamese words are syllables; anything else is borrowed (fax, club)
        word = _display_form(raw, lang, proper, drop)
        if word is None or word in seen:
            continue
        if not is_script_word(word.replace("'", "").replace("-", ""), lang_obj.script):
            continue
        seen.add(word)
        words.append(word)
        freqs.append(freq)
    content = [(w, f) for rank, (w, f) in enumerate(zip(words, freqs)) if _is_content(w, rank, lang)]
    return Lexicon(
        words=tuple(words),
        cum_weights=_tempered_cum(freqs, 0.5),
        content=tuple(w for w, _ in content),
        content_cum=_tempered_cum([f for _, f in content], 0.3),
        index={w: i for i, w in enumerate(words)},
    )


def _display_form(raw: str, lang: str, proper: dict[str, str], drop: frozenset[str]) -> str | None:
    """How `raw` (wordfreq's case-folded token) is written, or None when it is not usable."""
    script = LANGUAGES[lang].script
    if lang == "el":
        raw = re.sub("σ(?=$|[^\\w])", "ς", raw)  # wordfreq case-folds final sigma to σ
    if lang == "de":
        raw = _german_eszett(raw)
    if raw in drop or any(raw.startswith(stem) for stem in _DROP_PREFIXES.get(lang, ())):
        return None
    if script in ("latin", "cyrillic", "greek", "arabic", "devanagari", "hangul"):
        if len(raw) == 1 and raw not in _SINGLE_LETTER_WORDS.get(lang, ()):
            return None
    if "'" in raw and lang != "en":
        return None  # elision fragments (l', d', dell'): wordfreq splits them inconsistently
    if raw.startswith(("'", "-")) or raw.endswith(("'", "-")):
        return None
    if lang == "en" and len(raw) == 2 and raw not in _EN_TWO_LETTER:
        return None
    if lang == "ko" and not _korean_content_ok(raw):
        return None
    if lang == "ja" and not _japanese_word_ok(raw):
        return None
    if raw in proper:
        return proper[raw]
    for stem, cased, endings in _PROPER_STEMS.get(lang, ()):
        if raw.startswith(stem) and raw[len(stem):] in endings:
            return cased + raw[len(stem):]
    if lang == "en":
        if raw == "i" or raw.startswith("i'"):
            return "I" + raw[1:]
    if lang == "de":
        return _german_case(raw)
    return raw


# Same-script neighbours: a token far more frequent in a neighbour is borrowed from it.
_SCRIPT_NEIGHBOURS = {
    "latin": ("en", "de", "fr", "es", "it", "pt", "vi"),
    "cyrillic": ("ru", "uk"),
}
_BORROWED_RATIO = 4.0
_NATIVE_RANK = 150  # the most frequent tokens of a language are its own ("le" in Italian)


@functools.cache
def _borrowed_tokens(lang: str) -> frozenset[str]:
    """Tokens of `lang`'s list that are really another language's ("the" in German, "что" in Ukrainian)."""
    neighbours = [n for n in _SCRIPT_NEIGHBOURS.get(LANGUAGES[lang].script, ()) if n != lang]
    if not neighbours:
        return frozenset()
    other: dict[str, float] = {}
    for neighbour in neighbours:
        for word, freq in _wordfreq_top(neighbour):
            other[word] = max(freq, other.get(word, 0.0))
    return frozenset(
        word
        for rank, (word, freq) in enumerate(_wordfreq_top(lang))
        if rank >= _NATIVE_RANK and other.get(word, 0.0) > _BORROWED_RATIO * freq
    )


_VI_VOWELS = "aăâeêioôơuưyàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"
_VI_SYLLABLE = re.compile(
    f"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[{_VI_VOWELS}]{{1,3}}(?:ng|nh|ch|[cmnpt])?"
)


def _is_content(word: str, rank: int, lang: str) -> bool:
    """Words that read well alone on a sign: not among the most frequent (function) words."""
    script = LANGUAGES[lang].script
    if script == "han":
        return len(word) >= 2 and rank >= 30
    if script == "japanese":
        # Nouns: the word ends in a kanji or katakana (verbs and adjectives end in kana).
        return (
            rank >= 30
            and re.search("[\u3400-\u9fff\u30a1-\u30fa]", word) is not None
            and re.fullmatch(".*[\u3400-\u9fff\u30a1-\u30fa\u30fc]", word) is not None
        )
    if script == "hangul":
        return rank >= 30
    return rank >= 120 and len(word) >= 3


def sample_words(rng: np.random.Generator, lang: str, n: int, content: bool = False) -> list[str]:
    """`n` frequency-weighted words of `lang` (content words: no function words)."""
    lex = lexicon(lang)
    pool, cum = (lex.content, lex.content_cum) if content else (lex.words, lex.cum_weights)
    picks = np.searchsorted(cum, rng.random(n), side="right")
    return [pool[min(int(i), len(pool) - 1)] for i in picks]


# ---------------------------------------------------------------------------------------
# Faker


@functools.cache
def _faker(locale: str):
    from faker import Faker

    return Faker(locale)


def _seeded_faker(rng: np.random.Generator, lang: str):
    fake = _faker(LANGUAGES[lang].faker_locale)
    fake.seed_instance(int(rng.integers(2**31)))
    return fake


_FAKER_PROVIDERS = ("person", "address", "company", "phone_number", "internet", "lorem", "date_time", "currency")


@functools.cache
def faker_coverage(lang: str) -> dict[str, bool]:
    """Which Faker providers the language's locale defines itself (False: Faker falls back to en_US).

    `company_catch_phrase` is True only where the locale writes slogans in its own language.
    """
    locale = LANGUAGES[lang].faker_locale
    cover = {p: importlib.util.find_spec(f"faker.providers.{p}.{locale}") is not None for p in _FAKER_PROVIDERS}
    own_slogans = False
    if cover["company"]:
        module = importlib.import_module(f"faker.providers.company.{locale}")
        own_slogans = any(a in vars(module.Provider) for a in ("catch_phrase", "catch_phrase_words"))
    cover["company_catch_phrase"] = locale == "en_US" or own_slogans
    return cover


# ---------------------------------------------------------------------------------------
# Numbers


@dataclass(frozen=True)
class NumberStyle:
    decimal: str
    group: str
    indian: bool = False  # 12,34,567 grouping


_NUMBER_STYLES = {
    "en": NumberStyle(".", ","),
    "de": NumberStyle(",", "."),
    "fr": NumberStyle(",", NBSP),
    "es": NumberStyle(",", "."),
    "it": NumberStyle(",", "."),
    "pt": NumberStyle(",", "."),
    "vi": NumberStyle(",", "."),
    "ru": NumberStyle(",", NBSP),
    "uk": NumberStyle(",", NBSP),
    "el": NumberStyle(",", "."),
    "zh": NumberStyle(".", ","),
    "ja": NumberStyle(".", ","),
    "ko": NumberStyle(".", ","),
    "ar": NumberStyle(".", ","),
    "hi": NumberStyle(".", ",", indian=True),
}
_ARABIC_INDIC = str.maketrans("0123456789.,", "٠١٢٣٤٥٦٧٨٩٫٬")
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"


def format_number(value: float, decimals: int, lang: str, *, arabic_digits: bool = False, grouped: bool = True) -> str:
    """`value` with the language's decimal and group separators (Indian grouping for hi)."""
    style = _NUMBER_STYLES[lang]
    text = f"{abs(value):.{decimals}f}"
    whole, _, frac = text.partition(".")
    if grouped and len(whole) > 3:
        if style.indian:
            head, tail = whole[:-3], whole[-3:]
            parts = []
            while len(head) > 2:
                parts.insert(0, head[-2:])
                head = head[:-2]
            whole = ",".join([head, *parts, tail])
        else:
            whole = f"{int(whole):,}"
        whole = whole.replace(",", "\0").replace("\0", style.group)
    out = ("-" if value < 0 else "") + whole + (style.decimal + frac if decimals else "")
    if arabic_digits:
        out = out.translate(str.maketrans("0123456789", ARABIC_INDIC_DIGITS)).replace(".", "٫").replace(",", "٬")
    return out


def _arabic_digits(rng: np.random.Generator, lang: str) -> bool:
    return lang == "ar" and rng.random() < 0.35


# ---------------------------------------------------------------------------------------
# Prices


@dataclass(frozen=True)
class Currency:
    symbol: str
    before: bool  # symbol before the number
    space: bool  # no-break space between symbol and number
    decimals: int
    scale: float  # how many of this currency buy what one euro buys (for plausible amounts)
    step: int = 1  # amounts are multiples of this (in whole units; 0 decimals only)


_CURRENCIES: dict[str, tuple[Currency, ...]] = {
    "en": (Currency("$", True, False, 2, 1.1), Currency("£", True, False, 2, 0.85)),
    "de": (Currency("€", False, True, 2, 1.0),),
    "fr": (Currency("€", False, True, 2, 1.0),),
    "es": (Currency("€", False, True, 2, 1.0),),
    "it": (Currency("€", False, True, 2, 1.0), Currency("€", True, True, 2, 1.0)),
    "pt": (Currency("R$", True, True, 2, 6.0),),
    "vi": (Currency("₫", False, True, 0, 27000, 1000), Currency("đ", False, False, 0, 27000, 1000)),
    "ru": (Currency("₽", False, True, 0, 95, 10), Currency("руб.", False, True, 2, 95)),
    "uk": (Currency("грн", False, True, 0, 45, 5), Currency("₴", False, True, 2, 45)),
    "el": (Currency("€", False, True, 2, 1.0),),
    "zh": (Currency("¥", True, False, 2, 7.8), Currency("元", False, False, 0, 7.8), Currency("￥", True, False, 0, 7.8)),
    "ja": (Currency("¥", True, False, 0, 160, 10), Currency("円", False, False, 0, 160, 10)),
    "ko": (Currency("원", False, False, 0, 1450, 100), Currency("₩", True, False, 0, 1450, 100)),
    "ar": (Currency("ر.س", False, True, 2, 4.1), Currency("د.إ", False, True, 2, 4.0), Currency("ج.م", False, True, 0, 53)),
    "hi": (Currency("₹", True, False, 0, 92), Currency("₹", True, False, 2, 92), Currency("रुपये", False, True, 0, 92)),
}
CURRENCY_SYMBOLS = tuple(sorted({c.symbol for cs in _CURRENCIES.values() for c in cs}, key=lambda s: (-len(s), s)))
_CENT_ENDINGS = (99, 95, 49, 50, 0, 90, 25, 79)


def _amount(rng: np.random.Generator, cur: Currency, low: float = 0.5, high: float = 300.0) -> float:
    euros = float(np.exp(rng.uniform(np.log(low), np.log(high))))
    value = euros * cur.scale
    if cur.decimals == 0:
        step = max(cur.step, 1)
        value = max(step, round(value / step) * step)
        if step == 1 and value > 20 and rng.random() < 0.4:
            value = value - 1 if value % 10 == 0 else value  # 499-style endings
        return float(value)
    cents = _CENT_ENDINGS[int(rng.integers(len(_CENT_ENDINGS)))]
    return float(int(value)) + cents / 100


def format_price(value: float, cur: Currency, lang: str, *, arabic_digits: bool = False) -> str:
    number = format_number(value, cur.decimals, lang, arabic_digits=arabic_digits)
    sep = NBSP if cur.space else ""
    return f"{cur.symbol}{sep}{number}" if cur.before else f"{number}{sep}{cur.symbol}"


def _price(rng: np.random.Generator, lang: str, low: float = 0.5, high: float = 300.0) -> str:
    options = _CURRENCIES[lang]
    cur = options[int(rng.integers(len(options)))]
    return format_price(_amount(rng, cur, low, high), cur, lang, arabic_digits=_arabic_digits(rng, lang))


# ---------------------------------------------------------------------------------------
# Dates and times

MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"),
    # Genitive forms: "14 марта", "14 березня", "14 Μαρτίου".
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"),
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"),
    "el": ("Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου", "Ιουλίου", "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου"),
    "ar": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
    "hi": ("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"),
}
MONTHS_SHORT_EN = tuple(m[:3] for m in MONTHS["en"])

# Each style: format string over {d} {dd} {m} {mm} {y} {month} {mon}; numeric ones first.
DATE_STYLES: dict[str, tuple[str, ...]] = {
    "en": ("{mm}/{dd}/{y}", "{month} {d}, {y}", "{mon} {d}, {y}", "{d} {month} {y}", "{y}-{mm}-{dd}"),
    "de": ("{dd}.{mm}.{y}", "{d}. {month} {y}", "{y}-{mm}-{dd}"),
    "fr": ("{dd}/{mm}/{y}", "{d} {month} {y}"),
    "es": ("{dd}/{mm}/{y}", "{d} de {month} de {y}"),
    "it": ("{dd}/{mm}/{y}", "{d} {month} {y}"),
    "pt": ("{dd}/{mm}/{y}", "{d} de {month} de {y}"),
    "vi": ("{dd}/{mm}/{y}", "ngày {d} tháng {m} năm {y}"),
    "ru": ("{dd}.{mm}.{y}", "{d} {month} {y} г.", "{d} {month} {y}"),
    "uk": ("{dd}.{mm}.{y}", "{d} {month} {y} р."),
    "el": ("{dd}/{mm}/{y}", "{d} {month} {y}"),
    "zh": ("{y}年{m}月{d}日", "{y}-{mm}-{dd}", "{y}/{mm}/{dd}", "{m}月{d}日"),
    "ja": ("{y}年{m}月{d}日", "{y}/{mm}/{dd}", "{m}月{d}日"),
    "ko": ("{y}년 {m}월 {d}일", "{y}. {m}. {d}.", "{y}-{mm}-{dd}"),
    "ar": ("{dd}/{mm}/{y}", "{d} {month} {y}"),
    "hi": ("{dd}/{mm}/{y}", "{d} {month} {y}"),
}


def format_date(date: _dt.date, style: str, lang: str, *, arabic_digits: bool = False) -> str:
    months = MONTHS.get(lang, MONTHS["en"])
    text = style.format(
        d=date.day,
        dd=f"{date.day:02d}",
        m=date.month,
        mm=f"{date.month:02d}",
        y=date.year,
        month=months[date.month - 1],
        mon=MONTHS_SHORT_EN[date.month - 1],
    )
    if arabic_digits:
        text = text.translate(str.maketrans("0123456789", ARABIC_INDIC_DIGITS))
    return text


def _date(rng: np.random.Generator, lang: str) -> str:
    start = _dt.date(2015, 1, 1).toordinal()
    date = _dt.date.fromordinal(start + int(rng.integers(0, 365 * 15)))
    styles = DATE_STYLES[lang]
    style = styles[int(rng.integers(len(styles)))]
    return format_date(date, style, lang, arabic_digits=_arabic_digits(rng, lang))


# 12-hour clock words: (before the time, after the time) for am and pm.
_HALF_DAY = {
    "en": (("", " AM"), ("", " PM")),
    "el": (("", " π.μ."), ("", " μ.μ.")),
    "zh": (("上午", ""), ("下午", "")),
    "ja": (("午前", ""), ("午後", "")),
    "ko": (("오전 ", ""), ("오후 ", "")),
    "ar": (("", " ص"), ("", " م")),
}
_HI_PERIODS = ((5, "सुबह"), (12, "दोपहर"), (16, "शाम"), (20, "रात"))


def _clock(rng: np.random.Generator, lang: str, hour: int, minute: int) -> str:
    hhmm = f"{hour:02d}:{minute:02d}"
    style = int(rng.integers(3))
    if style == 0:
        return hhmm
    if lang in _HALF_DAY and style == 1:
        before, after = _HALF_DAY[lang][hour >= 12]
        return f"{before}{(hour - 1) % 12 + 1}:{minute:02d}{after}"
    if lang == "de":
        return f"{hhmm}{NBSP}Uhr"
    if lang in ("fr", "pt"):
        return f"{hour}h{minute:02d}"
    if lang == "zh":
        return f"{hour}点{minute:02d}分" if minute else f"{hour}点"
    if lang == "ja":
        return f"{hour}時{minute}分" if minute else f"{hour}時"
    if lang == "ko":
        return f"{hour}시 {minute}분" if minute else f"{hour}시"
    if lang == "vi":
        return f"{hour} giờ {minute}" if minute else f"{hour} giờ"
    if lang == "hi":
        period = [name for start, name in _HI_PERIODS if hour >= start] or ["रात"]
        return f"{period[-1]} {(hour - 1) % 12 + 1}:{minute:02d} बजे"
    return hhmm


def _time(rng: np.random.Generator, lang: str) -> str:
    minute = int(rng.choice([0, 0, 15, 30, 45, int(rng.integers(60))]))
    if rng.random() < 0.3:  # opening hours
        open_h = int(rng.integers(6, 12))
        close_h = int(rng.integers(16, 24))
        text = f"{open_h:02d}:{minute:02d}–{close_h:02d}:00"
    else:
        text = _clock(rng, lang, int(rng.integers(0, 24)), minute)
    if _arabic_digits(rng, lang):
        text = text.translate(str.maketrans("0123456789", ARABIC_INDIC_DIGITS))
    return text


# ---------------------------------------------------------------------------------------
# Numbers with units

# (unit, low, high, decimals): SI spellings; per-language spellings below replace some.
_UNITS = (
    ("g", 5, 1000, 0),
    ("kg", 0.5, 25, 1),
    ("mg", 5, 1000, 0),
    ("ml", 50, 1000, 0),
    ("L", 0.5, 5, 1),
    ("cm", 1, 200, 0),
    ("m", 1, 500, 1),
    ("mm", 1, 100, 0),
    ("km", 1, 900, 1),
    ("km/h", 10, 130, 0),
    ("°C", -10, 45, 1),
    ("m²", 15, 3000, 0),
    ("GB", 4, 2048, 0),
    ("MB", 10, 900, 0),
    ("GHz", 1.2, 5.8, 1),
    ("W", 5, 3000, 0),
    ("kWh", 1, 500, 1),
    ("V", 3, 240, 1),
    ("mAh", 1000, 6000, 0),
    ("%", 1, 100, 0),
)
_UNIT_NAMES = {
    "ru": {"g": "г", "kg": "кг", "mg": "мг", "ml": "мл", "L": "л", "cm": "см", "m": "м", "mm": "мм", "km": "км", "km/h": "км/ч", "m²": "м²", "GB": "ГБ", "MB": "МБ", "GHz": "ГГц", "W": "Вт", "kWh": "кВт·ч", "V": "В", "mAh": "мА·ч"},
    "uk": {"g": "г", "kg": "кг", "mg": "мг", "ml": "мл", "L": "л", "cm": "см", "m": "м", "mm": "мм", "km": "км", "km/h": "км/год", "m²": "м²", "GB": "ГБ", "MB": "МБ", "GHz": "ГГц", "W": "Вт", "kWh": "кВт·год", "V": "В", "mAh": "мА·год"},
    "zh": {"g": "克", "kg": "公斤", "ml": "毫升", "L": "升", "cm": "厘米", "m": "米", "km": "公里", "m²": "平方米"},
    "ar": {"g": "غ", "kg": "كغ", "ml": "مل", "L": "لتر", "cm": "سم", "m": "م", "km": "كم"},
    "hi": {"g": "ग्राम", "kg": "किलो", "ml": "मिली", "L": "लीटर", "cm": "सेमी", "m": "मीटर", "km": "किमी"},
}


# Every spelling of a unit that number_unit/product texts use (text_edits finds quantities by them).
UNIT_SPELLINGS = tuple(
    sorted({u for u, *_ in _UNITS if u != "%"} | {u for names in _UNIT_NAMES.values() for u in names.values()},
           key=lambda u: (-len(u), u))  # longest first: "km/h" before "km"
)


def _number_unit(rng: np.random.Generator, lang: str, units: tuple[str, ...] | None = None) -> str:
    table = [u for u in _UNITS if units is None or u[0] in units]
    unit, low, high, decimals = table[int(rng.integers(len(table)))]
    value = float(rng.uniform(low, high))
    if decimals == 0 or rng.random() < 0.5:
        decimals = 0
        value = float(round(value / 5) * 5 if value > 20 else round(value))
    name = unit
    native = _UNIT_NAMES.get(lang, {})
    if unit in native and (lang in ("ru", "uk") or rng.random() < 0.4):
        name = native[unit]
    number = format_number(value, decimals, lang, arabic_digits=_arabic_digits(rng, lang))
    if name == "%":
        return number + (NBSP + "%" if lang in ("de", "fr", "ru", "uk", "el") else "%")
    attached = lang in ("zh", "ja") and name in native.values() or name == "°C" and rng.random() < 0.5
    return number + ("" if attached else NBSP) + name


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
    return _seeded_faker(rng, lang).name()


def _address(rng, lang):
    text = _seeded_faker(rng, lang).address()
    sep = " " if LANGUAGES[lang].breaks == "char" or lang == "ko" else ", "
    return re.sub(r",?\s*\n\s*", lambda m: ", " if "," in m.group() else sep, text).strip()


_COMPANY_FALLBACK = {
    "uk": ("ТОВ «{n}»", "ПП «{n}»", "{n} і партнери", "{n} Груп"),
    "hi": ("{n} एंड संस", "{n} इंडस्ट्रीज़", "{n} ट्रेडर्स", "{n} प्राइवेट लिमिटेड", "{n} उद्योग"),
}


def _company(rng, lang):
    fake = _seeded_faker(rng, lang)
    if lang in _COMPANY_FALLBACK or not faker_coverage(lang)["company"]:
        formats = _COMPANY_FALLBACK.get(lang, ("{n}",))
        return formats[int(rng.integers(len(formats)))].format(n=fake.last_name())
    return fake.company()


def _slogan(rng, lang):
    if faker_coverage(lang)["company_catch_phrase"]:
        text = _case_sentence(_seeded_faker(rng, lang).catch_phrase())
        return text.replace("tranquilité", "tranquillité")  # misspelt in Faker's fr_FR data
    text = _styled_words(rng, lang, 2, 4, title=True)
    return _exclaim(text, lang) if rng.random() < 0.5 else text


def _discount(rng, lang):
    pct = int(rng.choice([10, 15, 20, 25, 30, 40, 50, 60, 70]))
    if lang == "zh" and rng.random() < 0.4:
        return f"全场{(100 - pct) // 10}折" if pct % 10 == 0 else f"{100 - pct}折"
    if lang == "en" and rng.random() < 0.5:
        return f"{pct}% off" if rng.random() < 0.5 else f"Save {pct}%"
    number = format_number(pct, 0, lang, arabic_digits=_arabic_digits(rng, lang))
    percent = NBSP + "%" if lang in ("de", "fr", "ru", "uk", "el") else "%"
    keys = ("sale", "special_offer", "today_only")
    return f"{phrasebook.translate(keys[int(rng.integers(len(keys)))], lang)} -{number}{percent}"


def _phone(rng, lang):
    return re.sub(r"\s*(x|ext\.?)\s*\d+$", "", _seeded_faker(rng, lang).phone_number())


def _email(rng, lang):
    fake = _seeded_faker(rng, lang)
    return f"{fake.user_name()}@{fake.domain_name()}".lower()


def _url(rng, lang):
    fake = _seeded_faker(rng, lang)
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
        return _seeded_faker(rng, lang).company_prefix()
    if lang == "ja":  # katakana words read as brand names
        katakana = [w for w in sample_words(rng, lang, 8, content=True) if re.fullmatch("[\u30a1-\u30fc]+", w)]
        return katakana[0] if katakana else "ニッポン"
    if lang == "ko":
        return sample_words(rng, lang, 1, content=True)[0]
    return _seeded_faker(rng, lang).last_name()


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
    native = _UNIT_NAMES.get(lang, {})
    if unit in native and (lang in ("ru", "uk") or rng.random() < 0.4):
        name = native[unit]
    number = format_number(value, decimals, lang, arabic_digits=_arabic_digits(rng, lang))
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
    return f"{phrasebook.phrase(rng, lang, 'food')} {_price(rng, lang, 1.5, 30)}"


def _button(rng, lang):
    return phrasebook.phrase(rng, lang, "ui")


def _sign(rng, lang):
    return phrasebook.phrase(rng, lang, ("sign", "shop", "label")[int(rng.integers(3))])


def _greeting(rng, lang):
    fake = _seeded_faker(rng, lang)
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
    "price": lambda rng, lang: _price(rng, lang),
    "discount": _discount,
    "date": _date,
    "time": _time,
    "phone": _phone,
    "email": _email,
    "url": _url,
    "code": _code,
    "number_unit": lambda rng, lang: _number_unit(rng, lang),
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


# ---------------------------------------------------------------------------------------
# Line-break units

# Kinsoku: never at the start of a line (attach to the unit before) ...
CLOSING = set(
    "、。，．・：；？！）」』】〕］｝〉》〙〗”’ー～…‥々ゝゞヽヾ〻%％℃°,.;:!?)]}»›"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
)
# ... and never at the end of a line (attach to the unit after).
OPENING = set("（「『【〔［｛〈《〘〖“‘([{«‹¥￥$€£₩#")
_ALNUM_RUN = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:[.,:/'@_+&\-][A-Za-z0-9\u00c0-\u024f]+)*")
_BREAK_SPACES = re.compile(r"[ \t\r\n\u3000]+")
_NO_BREAK_SPACES = ("\u00a0", "\u202f", "\u2007", "\u2060")


def joiner(lang: str) -> str:
    """What the typesetter puts between two units on one line."""
    return "" if language(lang).breaks == "char" else " "


def break_units(text: str, lang: str) -> list[str]:
    """The units a line may be broken between.

    Space languages: the space-separated words (no-break spaces stay inside a unit).
    CJK: one unit per character, but ASCII/Latin words and numbers stay whole, closing
    punctuation and small kana join the unit before, opening brackets and currency signs
    the unit after, a space joins the unit before it and a no-break space glues its two
    neighbours (joining with "" is lossless).
    """
    if language(lang).breaks == "space":
        return [u for u in _BREAK_SPACES.split(text) if u]
    units: list[str] = []
    pending = ""  # opening marks waiting for the next unit
    glue = False  # the last unit ended in a no-break space: the next piece joins it
    i = 0
    while i < len(text):
        ch = text[i]
        run = _ALNUM_RUN.match(text, i)
        if run:
            piece = run.group()
            i = run.end()
        else:
            piece = ch
            i += 1
        if glue and units and not piece.isspace():
            units[-1] += pending + piece
            pending, glue = "", False
            continue
        if piece in _NO_BREAK_SPACES and units:
            units[-1] += piece
            glue = True
            continue
        if piece.isspace():
            if units:
                units[-1] += piece
            continue
        if piece in OPENING:
            pending += piece
            continue
        if piece in CLOSING and units and not pending:
            units[-1] += piece
            continue
        units.append(pending + piece)
        pending = ""
    if pending:
        if units:
            units[-1] += pending
        else:
            units.append(pending)
    return units


def truncate(text: str, lang: str, max_chars: int) -> str:
    """The longest prefix of whole break units (joined as the typesetter would) within `max_chars`."""
    units = break_units(text, lang)
    glue = joiner(lang)
    out = ""
    for unit in units:
        candidate = unit if not out else out + glue + unit
        if len(candidate.rstrip()) > max_chars:
            break
        out = candidate
    return out.rstrip().rstrip(",，、،;:")


# ---------------------------------------------------------------------------------------
# Lexicon clean-up data (why each list exists is said above it)

# Single-letter tokens that are words; all others are elision/clitic fragments.
_SINGLE_LETTER_WORDS = {
    "en": ("a", "i"),
    "fr": ("a", "à", "y"),
    "es": ("a", "y", "o", "e", "u"),
    "it": ("a", "e", "è", "o"),
    "pt": ("a", "e", "o", "é", "à"),
    "vi": ("ở", "ý"),
    "ru": ("в", "и", "с", "к", "у", "о", "а", "я"),
    "uk": ("в", "і", "у", "з", "а", "я", "й", "о"),
    "el": ("ο", "η", "ή"),
    "hi": ("व",),
}
_EN_TWO_LETTER = frozenset("of to in is it be as at by we he or an my so up if me no do us go am on oh".split())

# Profanity, slurs, politicians, foreign words and fragments a sign should not show.
_DROP = {
    "en": "shit fuck fucking fucked fucks damn ass bitch dick cock pussy cunt whore slut porn sex sexual sexy bush "
    "nigga nigger retard fag gay boobs tits penis vagina rape suicide nazi hitler terrorist trump obama clinton "
    "wanna gonna gotta kinda dont thats im lol haha yeah hey wow dude etc http www ya ll ve re em al la de et el "
    "en co st ca ha da ad ft mm vs ah ex mr mrs dr ms ok tv uk us usa eu pm dc pc id ii iii jr inc bbc nfl nba "
    "sub pre multi anti non semi pro wo hi ma un ed ben bob jim tom max don",
    "de": "scheisse scheiss arsch ficken fick geil schwanz hure fotze wichser verdammt sex hitler nazi nazis hasse "
    "merkel trump the and for you with that this one all not new big best black air love life last open real "
    "world high red media news city show star shop social business community management marketing league "
    "single story design user server blog info homepage website online you i'm spd cdu csu afd fdp ddr nrw nato "
    "lkw usa eu usw bzw etc gmbh hrsg abs geb prof min mio pdf http iii nen ner nem sag hab geh komm find seh "
    "denk glaub nix naja tja ach hey okay cool super top live la ii vw of or box time eur bmw",
    "fr": "merde putain cul con cons bordel foutre chier gueule sexe salope connard pute bite couille macron sarkozy "
    "hollande the and you for etc http mec ouais hein bah ben etre meme",
    "es": "puta mierda joder carajo culo coño pendejo sexo cabrón polla verga mamada chingar pinche jajaja jaja "
    "the and for you http maduro castro dia aqui tambien despues estan habia",
    "it": "cazzo merda fottuto stronzo culo puttana minchia figa vaffanculo sesso porca troia schifo the and for "
    "you http perchè piu cosi salvini renzi berlusconi",
    "pt": "porra caralho merda foda puta buceta sexo viado bosta cacete fdp the and for you http pra",
    "vi": "địt đụ lồn cặc đéo buồi the and you for",
    "ru": "блять бля хуй хуя хуе нахуй пиздец пизда сука мудак жопа говно дерьмо хрен секс порно путин порошенко сша "
    "ссср рф сми оон тыс млрд млн руб блин",
    "uk": "блять хуй пизда сука курва дупа лайно секс блін путін порошенко сша ссср",
    "el": "γαμώ γαμω μαλάκας μαλακα πούστη σκατά πουτάνα καριόλη σεξ τσίπρα παπανδρέου μητσοτάκη",
    "zh": "操 妈的 傻逼 他妈的 屌 色情 尼玛 卧槽 牛逼 逼 性交 习近平 毛泽东",
    "ja": "クソ 死ね エロ セックス 糞 ちんこ まんこ",
    "ko": "씨발 시발 개새끼 새끼 병신 좆 섹스 존나 ㅋㅋ",
    "ar": "سكس كس زب نيك شرموطة قحبة منيوك خرا",
    "hi": "चूतिया भोसड़ी मादरचोद बहनचोद गांड लंड चोद सेक्स हरामी साला मोदी बीजेपी भाजपा कांग्रेस",
}
# Stems whose every inflection is dropped.
_DROP_PREFIXES = {
    "ru": ("хуй", "хуе", "хуя", "пизд", "еба", "ёба", "бляд"),
    "uk": ("хуй", "пизд", "їба"),
    "el": ("γαμ", "μαλακ", "μαλάκ"),
}


@functools.cache
def _drop_set(lang: str) -> frozenset[str]:
    words = set(_DROP.get(lang, "").split())
    return frozenset(words | _foreign_names(lang))


def _faker_list(locale: str, provider: str, attribute: str) -> list[str]:
    if importlib.util.find_spec(f"faker.providers.{provider}.{locale}") is None:
        return []
    values = getattr(importlib.import_module(f"faker.providers.{provider}.{locale}").Provider, attribute, ())
    if isinstance(values, dict):  # OrderedDict of value -> weight
        values = list(values)
    return [v for v in values if isinstance(v, str)]


def _lorem_words(locale: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _faker_list(locale, "lorem", "word_list"))


def _foreign_names(lang: str) -> set[str]:
    """English first names in non-English Latin lists ('john', 'david'): names, not words."""
    if lang == "en" or LANGUAGES[lang].script != "latin":
        return set()
    own = {n.lower() for n in _faker_list(LANGUAGES[lang].faker_locale, "person", "first_names")}
    common = _lorem_words(LANGUAGES[lang].faker_locale)
    return {n.lower() for n in _faker_list("en_US", "person", "first_names")} - own - common


@functools.cache
def _proper_nouns(lang: str) -> dict[str, str]:
    """wordfreq's lower-case token -> its capitalised spelling, for names and places."""
    lang_obj = LANGUAGES[lang]
    if lang_obj.script not in ("latin", "cyrillic", "greek"):
        return {}
    locale = lang_obj.faker_locale
    names: list[str] = []
    # Vietnamese given names are ordinary words (Phúc, Lan, Minh); city lists are full of
    # ordinary words too (Italian towns Meta, Fosse), so only countries and US states.
    if lang != "vi":
        for attribute in ("first_names", "first_names_female", "first_names_male"):
            names += _faker_list(locale, "person", attribute)
    names += _faker_list(locale, "address", "countries")
    if lang == "en":
        names += _faker_list(locale, "address", "states")
    common = _lorem_words(locale) | frozenset(_NOT_PROPER.get(lang, "").split())
    out = {}
    for name in names:
        if " " not in name and "-" not in name and name[:1].isupper() and name.lower() not in common:
            out[name.lower()] = name
    for name in _PROPER.get(lang, "").split():
        out[name.lower()] = name
    if lang_obj.script == "latin":
        for name in _BRANDS.split():
            if lang != "en" or name not in ("Windows", "Amazon"):
                out[name.lower()] = name
    if lang == "es":  # patronymic surnames (Sánchez, Pérez) are never common words
        for name in _faker_list(locale, "person", "last_names"):
            if name.endswith("ez") and " " not in name:
                out[name.lower()] = name
    return out


_BRANDS = "Instagram Windows Facebook YouTube Google Twitter iPhone WhatsApp Netflix Android Microsoft Samsung TikTok Spotify Amazon"


# Words that Faker lists as names but that are common words of the language.
_NOT_PROPER = {
    "en": "will may mark bill rose grace hope joy faith dawn art frank pat sue ray guy rich page love summer "
    "autumn crystal amber ruby heather holly ivy jade angel chance hunter lane chase gay cash major king miles "
    "drew rock sky river rain star dean early young case north west",
    "fr": "rose claire grace france",
    "es": "rosa luz paz sol mar pilar gracia",
    "it": "rosa luce sole stella bella gloria grazia serena vera",
    "pt": "rosa luz paz glória graça vera",
    "de": "rose",
    "vi": "",
}
# Proper nouns and nouns spelled with a capital that Faker's lists miss.
_PROPER = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July "
    "August September October November December English American British French German Chinese Russian "
    "Indian Japanese European African Italian Spanish Canadian Asian Irish Scottish Australian Mexican "
    "Korean Arab Arabic Jewish Muslim Christian Catholic Christmas Easter God Jesus Christ Bible Americans "
    "London Paris Chicago Boston Sydney Manchester Hollywood Washington England Europe Africa Asia America "
    "Britain Scotland Ireland Wales Internet Smith Jones Johnson Williams Wilson Miller Davis Lewis Harris "
    "Walker Houston York",
    "de": "Deutschland Österreich Schweiz Europa Frankreich Russland China Italien Spanien Polen Türkei Israel "
    "Japan Syrien Afrika Amerika England Griechenland Ukraine Ungarn Schweden Island Großbritannien Bayern "
    "Sachsen Hessen Baden Württemberg Brandenburg Niedersachsen Westfalen Rhein Berlin München Hamburg Wien "
    "Köln Frankfurt Stuttgart Leipzig Hannover Dresden Bremen Düsseldorf Dortmund Nürnberg Münster Bonn Mainz "
    "Freiburg Augsburg Karlsruhe Mannheim Salzburg Zürich Paris London Rom Moskau Washington Gott Jesus "
    "Müller Schmidt Schulz Meyer Wagner",
    "fr": "Paris France Europe Québec Canada Londres Lyon Marseille Bruxelles Belgique Suisse Allemagne Espagne "
    "Italie Russie Chine Japon Afrique Amérique Angleterre Bordeaux Toulouse Dieu Jésus Noël",
    "es": "España Madrid Barcelona México Argentina Colombia Chile Perú Venezuela Cuba Brasil Francia Europa "
    "América Alemania Italia China Rusia Londres París Valencia Sevilla Dios Jesús Navidad Iglesias Torres "
    "Morales Rivera Mendoza Rojas Castillo",
    "it": "Italia Roma Milano Napoli Torino Firenze Venezia Bologna Genova Sicilia Europa Francia Germania "
    "Spagna Russia Cina Londra Parigi America Dio Gesù Natale Rossi Bianchi Ferrari",
    "pt": "Brasil Portugal Lisboa Rio Paulo Europa América Angola França Espanha Alemanha China Londres Paris "
    "Deus Jesus Natal Silva Santos Oliveira Souza Sousa Pereira Ferreira Rodrigues Alves Gomes Carvalho "
    "Ribeiro Almeida Martins Mendes Barbosa Fernandes Araújo Cardoso Teixeira Gonçalves Monteiro Moreira "
    "Nascimento Machado Vieira Andrade Lopes Marques Cunha Melo Borges",
    "vi": "Việt Nam Hà Nội Sài Gòn Trung Quốc Mỹ Pháp Nhật Hàn Đức Anh Nga",
    "ru": "Медведев Иванов Москва Европа Германия Франция Китай Япония Италия Англия Америка Украина Крым Бог Киев Интернет",
    "uk": "Київ Україна Європа Польща Німеччина Франція Америка Львів Одеса Харків Бог",
    "el": "Ελλάδα Αθήνα Θεσσαλονίκη Ευρώπη Κύπρος Τουρκία Γερμανία Γαλλία Ιταλία Αμερική Κρήτη Θεός Χριστός",
}
# Inflected place names: lower-case stem, its capitalised spelling, and the case endings that
# make the noun (the adjectives built on the same stem are lower case: "российский", "українських").
_A_DECL = ("а", "ы", "е", "у", "ой")
_YA_DECL = ("я", "и", "ю", "ей")
_UK_A_DECL = ("а", "и", "і", "у", "ою")
_EL_A_DECL = ("α", "ας")
_EL_I_DECL = ("η", "ης")
_PROPER_STEMS = {
    "ru": (("росси", "Росси", _YA_DECL), ("москв", "Москв", _A_DECL), ("украин", "Украин", _A_DECL),
           ("европ", "Европ", _A_DECL), ("америк", "Америк", ("а", "и", "е", "у", "ой")),
           ("германи", "Германи", _YA_DECL), ("франци", "Франци", _YA_DECL), ("япони", "Япони", _YA_DECL),
           ("итали", "Итали", _YA_DECL), ("англи", "Англи", _YA_DECL), ("грузи", "Грузи", _YA_DECL),
           ("петербург", "Петербург", ("", "а", "е", "у", "ом")), ("киев", "Киев", ("", "а", "е", "у", "ом"))),
    "uk": (("україн", "Україн", _UK_A_DECL), ("київ", "Київ", ("",)), ("києв", "Києв", ("а", "і", "ом")),
           ("європ", "Європ", _UK_A_DECL), ("росі", "Росі", ("я", "ї", "ю", "єю")), ("польщ", "Польщ", ("а", "і", "у", "ею")),
           ("львів", "Львів", ("",)), ("львов", "Львов", ("а", "і")), ("харків", "Харків", ("",)),
           ("харков", "Харков", ("а", "і")), ("одес", "Одес", _UK_A_DECL), ("дніпр", "Дніпр", ("о", "а", "і"))),
    "el": (("ελλάδ", "Ελλάδ", _EL_A_DECL), ("αθήν", "Αθήν", _EL_A_DECL), ("θεσσαλονίκ", "Θεσσαλονίκ", _EL_I_DECL),
           ("ευρώπ", "Ευρώπ", _EL_I_DECL), ("κύπρ", "Κύπρ", ("ος", "ου", "ο")), ("τουρκί", "Τουρκί", _EL_A_DECL),
           ("γερμανί", "Γερμανί", _EL_A_DECL), ("γαλλί", "Γαλλί", _EL_A_DECL), ("ιταλί", "Ιταλί", _EL_A_DECL),
           ("αμερικ", "Αμερικ", ("ή", "ής")), ("κρήτ", "Κρήτ", _EL_I_DECL), ("χριστ", "Χριστ", ("ός", "ού", "ό", "έ"))),
}

_ZH_NO_START = frozenset("的 了 着 过 吗 呢 吧 啊 和 与 及 或 而 但".split())


# German ----------------------------------------------------------------------------------

def _german_eszett(word: str) -> str:
    """Undo wordfreq's case folding of ß to ss where German spells ß (after long vowels)."""
    if "ss" not in word:
        return word
    word = re.sub("(ei|ie|eu|äu)ss", r"\1ß", word)
    word = re.sub("^(dr)?auss(e[nr])", r"\1auß\2", word)  # außen, außer(dem), draußen
    word = re.sub("äuss", "äuß", word)
    for wrong, right in _GERMAN_SS_STEMS:
        word = word.replace(wrong, right)
    return word


_GERMAN_SS_STEMS = (
    ("gross", "groß"), ("grösse", "größe"), ("grösst", "größt"), ("grösser", "größer"), ("strass", "straß"),
    ("spass", "spaß"), ("fuss", "fuß"), ("mässig", "mäßig"), ("gemäss", "gemäß"), ("süss", "süß"),
    ("grüss", "grüß"), ("bloss", "bloß"), ("massnahm", "maßnahm"), ("stoss", "stoß"), ("schloss", "schloss"),
)


def _german_case(word: str) -> str:
    """German nouns are capitalised; wordfreq lower-cases everything."""
    if word in _GERMAN_NOUNS or any(
        word.endswith(suffix) and len(word) >= len(suffix) + 3 for suffix in _GERMAN_NOUN_SUFFIXES
    ):
        return word[:1].upper() + word[1:]
    # Plural/case forms (Jahre, Hauses); not -en/-n, which would also capitalise verbs (aufbauen).
    for ending in ("e", "er", "ern", "es", "s"):
        if word.endswith(ending) and word[: -len(ending)] in _GERMAN_NOUNS:
            return word[:1].upper() + word[1:]
    return word


_GERMAN_NOUN_SUFFIXES = ("ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion", "tionen",
                         "tät", "täten", "ismus", "nis", "nisse", "ment", "ments", "tur", "ik", "ie", "ien")
_GERMAN_NOUNS = frozenset(
    """
    zeit mensch menschen leben jahr tag mann frau stadt welt leute kind kinder geld teil arbeit frage fall art seite
    spiel liebe land platz geschichte euro familie haus bild minute minuten polizei unternehmen woche grund name
    namen problem nacht stand stunde stunden thema beispiel schule essen abend dank hand musik wasser ort auto kopf
    männer person gesellschaft anfang eltern mutter augen auge gruppe million millionen artikel folge glück herr
    hilfe politik sache film internet regierung richtung team buch ding dinge prozent sohn stelle wort bereich
    mädchen vater zukunft form idee wahl wert freund freunde kosten ziel angst erfolg krieg lage rolle kirche
    blick meinung partei moment video raum system möglichkeit rahmen stück höhe job sommer titel tochter wohnung
    zahl kunst mitarbeiter sprache weise bad band chance fehler menge meter sicherheit spieler gefühl medien
    saison antwort bahn gesicht monat monate vergleich entscheidung gedanke gedanken gemeinde herz nähe sinn daten
    foto interesse kultur könig luft lösung reihe stimme boden bruder fußball kritik opfer region situation
    wirtschaft bevölkerung firma kreis körper mitglied mitglieder nachricht nachrichten punkt rede typ verein
    ausbildung beginn ergebnis freundin licht markt politiker recht rechte regel staat bedeutung hälfte programm
    schüler text verbindung zeitung ahnung bürger erfahrung kampf kraft projekt präsident sport zimmer druck liste
    wochenende kunde kunden schritt unterstützung verfügung angebot bett gefahr linie natur schuld wahrheit
    mannschaft ordnung reich satz aufgabe chef dollar lehrer runde schluss serie bank beitrag gebäude gesetz hotel
    zug bewegung ehe erde flüchtlinge gewalt gold nummer reise sieg tür universität verhalten besuch bildung post
    rest ruhe werk begriff bericht fenster freiheit verfahren zeichen freude leistung plan versuch vertrag
    zusammenhang angaben arzt grenze grenzen hund sicht zeitpunkt anzahl bau hintergrund karte lust meister sonne
    tier tiere volk handy kaffee kontakt laden mittel position schloss schutz studium unterschied wagen winter
    kollege kollegen leid quelle studie technik tisch union urlaub werbung amt betrieb bier club einfluss gebiet
    gericht himmel jahrhundert jugend patient patienten teilnehmer energie hoffnung kilometer version wald
    abschluss basis gespräch partner party qualität richter schaden tor aktion anteil beziehung funktion haut
    inhalt kontrolle rücken soldat soldaten vergangenheit vertrauen zustand dame damen diskussion künstler
    literatur organisation sekunde sekunden umgebung wunsch wünsche zusammenarbeit geburtstag gegensatz insel netz
    prozess schwester zuhause autor dienst eindruck feuer halle interview kamera praxis preis preise szene telefon
    wetter album demokratie flughafen krankenhaus mund osten verkehr verlag armee auftrag ausland behandlung dorf
    herbst konzept professor rat spiegel spitze test tour verantwortung weg wege blut bürgermeister büro farbe
    führung garten gegner gast gäste heimat industrie leitung lied liga mehrheit waffe waffen westen bus fernsehen
    finale general kaiser leiter meer park theater traum verwendung wirkung anlage ausgabe baby brief fahrt kauf
    kommentar landkreis modell museum produkt produkte religion urteil veranstaltung vertreter verwaltung angriff
    forschung grundlage karriere material polizist polizisten seele strom unfall ausstellung erklärung frieden
    gelegenheit geschäft lauf milliarden strecke wind zentrum öffentlichkeit alternative aussage fahrer gesundheit
    hof mama presse produktion radio sendung song wand wissenschaft wunder bahnhof bedarf bedingung bedingungen ecke
    einführung generation küche schiff stiftung beruf computer finger fleisch geist stein verhältnis zweifel
    alkohol bund ebene erinnerung handel hinweis institut kurs lager norden reaktion student studenten zuschauer
    zweck aufmerksamkeit ball breite dienstag gegend holz kommission länge risiko sorge stil stimmung tatsache täter
    wein besucher darstellung feld gewinn information kino nase original pause prinzip prüfung regen tradition
    training tätigkeit umwelt vorstellung vorteil weihnachten wille willen abstand antrag anwendung baum berg bühne
    fischer haar haare parlament respekt schuh schuhe analyse aufnahme auftritt behörde behörden brücke förderung
    glas konzert nachbar nachbarn publikum rechnung sammlung service standard streit theorie umgang verkauf
    verständnis beschreibung charakter gang gerät realität republik termin witz zugang eis einrichtung experte
    experten fan gegenteil kategorie krankheit nutzer nutzung papier pflanze pflanzen sitz ton verlauf wechsel
    ansicht aufbau bein beine chancen design keller staffel untersuchung anhänger anlass dach dauer einheit
    gewicht hersteller minister niveau philosophie software süden unterricht vorschlag widerstand wolf zentrale
    abteilung adresse ausnahme fläche hauptstadt medizin mission nachmittag pass pflicht ruf zeug zeuge zeugen
    beweis droge drogen geschenk kommunikation leser manager mühe rang revolution schauspieler temperatur
    wettbewerb besitz einstellung fahrzeug figur flucht formel griff integration maschine mut phase ring
    teilnahme übersetzung ausdruck bewohner debatte ei eier forum gas geschmack journalist journalisten mord personal
    restaurant schmerz schmerzen schwierigkeit spur standort boot gemeinschaft marke musiker schlaf schnitt silber
    smartphone status tasche aktie aktien anwalt auswirkung engel eigenschaft haltung krise methode milch strafe
    sturm tipp zeitraum zustimmung abschnitt alltag auflage einwohner frühstück geburt hass kern kreuz nerv nerven
    planung schatten schicksal stern tiefe unternehmer ursache verbrechen änderung übersicht arbeitgeber besitzer
    feuerwehr flug katze kraft kräfte messer nachfolger oma operation pfarrer pflege profil rückkehr sender sieger
    statistik stress tausend umfeld weltkrieg arbeiter botschaft fahrrad festival gelände geschwindigkeit herkunft
    hochzeit humor initiative kanal kuchen lächeln variante zeitschrift augenblick bord kombination motor
    niederlage ohr ohren papst rand station verbot vorstand vortrag absicht begründung direktor eintritt flugzeug
    gefängnis hals hunger kleidung königin landschaft lehre menschheit papa trend verfassung viertel vorbereitung
    zufall bescheid bezirk brand engagement hölle koch landwirtschaft schnee stoff studio summe tee therapie
    verband vogel fluss freundschaft heim herstellung hose kapitel klima klinik konto motto nachfrage prinz
    strand strategie struktur stufe stärke brot tür zeile straße jahren frauen zeiten leuten seiten fragen
    wochen sachen ideen themen regeln folgen mädchen
    """.split()
)


def _korean_content_ok(word: str) -> bool:
    """Korean wordfreq tokens are morphemes: keep those that stand as words (mostly nouns)."""
    if len(word) < 2 or word in _KO_ENDINGS:
        return False
    return not word.endswith(("다", "요", "서", "고", "면", "며", "지", "까", "록", "죠", "니", "데", "라", "야", "는", "던")) and not word.startswith(
        ("으", "는", "습", "려", "었", "았", "였", "셔", "어", "아서")
    )


_KO_ENDINGS = frozenset(
    "에서 으로 지만 는데 에게 라고 세요 다고 면서 부터 라는 어서 다는 으면 해서 처럼 한테 이렇 그러 는지 도록 보이 다가 "
    "어떻 아서 인데 거나 는다 이러 시키 어야 해도 인지 다니 려고 라면 보여 나오 드리 은데 이랑 한다고 만큼 마다 들어가 "
    "버리 로서 구나 힘들 아야 따르 로부터 스럽 잖아 가진 일어나 어도 으니까 군요 나왔 가요 는데요 고요 마시 와서 려는 "
    "시켜 의해 기다리 더니 다르 만드 한데 건데 라구 으로서 으로써 으시 느끼 생겼 생기 셔서 야지 냐고 려면 든지 에선 텐데 "
    "당하 위하 봐야 겁니다 그리 듯이 만든 열린 나와 그렇 모르 만들 괜찮 러워 대해 대해서 위해 위한 통해 관한 인해 따라"
    .split()
)


def _japanese_word_ok(word: str) -> bool:
    """Japanese wordfreq tokens are morphemes: drop inflection stubs (言っ, 知ら, 受け)."""
    if len(word) == 1 and not re.fullmatch("[\u3400-\u9fff]", word) and word not in "をはがのにでとも":
        return False
    if word[0] in CLOSING:
        return False  # っぽく, ー...: fragments that cannot start a word
    last = word[-1]
    if re.fullmatch("[\u3400-\u9fff\u30a1-\u30ff\u30fc\u3005]", last):
        return True
    # Dictionary forms of verbs/adjectives end in these; other kana endings are stubs.
    return last in "うくすつぬぶむるぐい" or re.fullmatch("[\u3041-\u309f]+", word) is not None and len(word) >= 3
