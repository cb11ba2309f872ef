"""Dates and times of day written with each language's own conventions.

Month names (genitive where the language needs it), the date styles each language uses
(numeric ones first), and clock styles: 24-hour, 12-hour with the language's am/pm words,
"14h30", "14点30分", "शाम 7:30 बजे" and opening-hour ranges.
"""

from __future__ import annotations

import datetime as _dt

import numpy as np

from synthesis.text_rendering.text.formats import ARABIC_INDIC_DIGITS, use_arabic_digits
from synthesis.text_rendering.text.linebreak import NBSP

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


def sample_date(rng: np.random.Generator, lang: str) -> str:
    """A date from 2015 to 2029 in one of `lang`'s date styles."""
    start = _dt.date(2015, 1, 1).toordinal()
    date = _dt.date.fromordinal(start + int(rng.integers(0, 365 * 15)))
    styles = DATE_STYLES[lang]
    style = styles[int(rng.integers(len(styles)))]
    return format_date(date, style, lang, arabic_digits=use_arabic_digits(rng, lang))


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


def sample_time(rng: np.random.Generator, lang: str) -> str:
    """A time of day in one of `lang`'s clock styles, or an opening-hours range."""
    minute = int(rng.choice([0, 0, 15, 30, 45, int(rng.integers(60))]))
    if rng.random() < 0.3:  # opening hours
        open_h = int(rng.integers(6, 12))
        close_h = int(rng.integers(16, 24))
        text = f"{open_h:02d}:{minute:02d}–{close_h:02d}:00"
    else:
        text = _clock(rng, lang, int(rng.integers(0, 24)), minute)
    if use_arabic_digits(rng, lang):
        text = text.translate(str.maketrans("0123456789", ARABIC_INDIC_DIGITS))
    return text
