"""Text edits for editing pairs: the renderer draws the same scene twice, once with
`text_before` and once with `text_after`.

Each edit function takes (rng, text, lang) and returns a `TextEdit`, or None when the edit
does not apply to that text (no price to change, no cased letters...). The instructions
quote the exact old and new strings in English and Chinese, and the chain of thought says
step by step what is found and what changes. The location of the text is the caller's:
instructions and CoT carry a "{where}" placeholder that `TextEdit.filled` replaces with a
prepositional phrase in English ("in the top-left sign") and a locative phrase in Chinese
("在左上角的标牌上").

For `fix_typo` the SOURCE image has the mistake: `old` is the misspelt word (in
`text_before`), `new` the correct one (in `text_after`, which is the text given).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from synthesis.text_rendering.text import phrasebook
from synthesis.text_rendering.text import text_sources as ts
from synthesis.text_rendering.text.languages import LANGUAGES, language

WHERE = "{where}"


@dataclass(frozen=True)
class TextEdit:
    kind: str
    old: str  # the changed span as it reads in text_before
    new: str  # the same span as it reads in text_after
    instruction_en: str
    instruction_zh: str
    cot_en: str
    text_before: str
    text_after: str
    lang: str
    lang_after: str  # differs from lang only for translate_line

    def filled(self, where_en: str = "", where_zh: str = "") -> TextEdit:
        """The edit with its "{where}" placeholders replaced (empty: no location words)."""
        def fill_en(s: str) -> str:
            return s.replace(" " + WHERE, " " + where_en if where_en else "").replace(WHERE, where_en)

        zh = where_zh + ("，" if where_zh else "")
        return replace(
            self,
            instruction_en=fill_en(self.instruction_en),
            instruction_zh=self.instruction_zh.replace(WHERE, zh),
            cot_en=fill_en(self.cot_en),
        )


def _pick(rng: np.random.Generator, items):
    return items[int(rng.integers(len(items)))]


def _shown(text: str, limit: int = 90) -> str:
    """The text as quoted in a CoT: long paragraphs are shortened."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _cot(text_before: str, text_after: str, change: str) -> str:
    return (
        f"1. Locate the text {WHERE} that reads “{_shown(text_before)}”.\n"
        f"2. {change}\n"
        "3. Keep the font, size, colour, alignment and position of the text; only these characters change, "
        "and the line is re-laid out if it gets longer or shorter. Everything else in the image stays as it is.\n"
        f"4. The text then reads “{_shown(text_after)}”."
    )


def _edit(kind, rng, old, new, text_before, text_after, lang, en, zh, change, lang_after=None) -> TextEdit:
    fmt = {"old": old, "new": new}
    return TextEdit(
        kind=kind,
        old=old,
        new=new,
        instruction_en=_pick(rng, en).format_map(_Keep(fmt)),
        instruction_zh=_pick(rng, zh).format_map(_Keep(fmt)),
        cot_en=_cot(text_before, text_after, change),
        text_before=text_before,
        text_after=text_after,
        lang=lang,
        lang_after=lang_after or lang,
    )


class _Keep(dict):
    """format_map helper that leaves unknown fields ({where}) in place."""

    def __missing__(self, key):
        return "{" + key + "}"


def _splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


# ---------------------------------------------------------------------------------------
# Words of a text


# A letter of a word: \w misses the vowel signs of Devanagari and the harakat of Arabic.
_WORD_CHAR = r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0963\u0971-\u097f]"


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str


def _is_letter_token(token: str, script: str) -> bool:
    return ts.is_script_word(token.replace("'", "").replace("-", ""), script)


def _words_in(text: str, lang: str) -> list[_Word]:
    """Whole words of the language's script, without surrounding punctuation.

    Space languages: the letter core of each space-separated unit. CJK: lexicon words
    found in the text (longest first, no overlaps).
    """
    script = LANGUAGES[lang].script
    if LANGUAGES[lang].breaks == "space":
        out = []
        for m in re.finditer(r"[^ \t\r\n]+", text):
            core = re.search(rf"{_WORD_CHAR}(?:(?:{_WORD_CHAR}|['\-])*{_WORD_CHAR})?", m.group())
            if core and _is_letter_token(core.group(), script):
                out.append(_Word(m.start() + core.start(), m.start() + core.end(), core.group()))
        return out
    vocab = _cjk_vocab(lang)
    out, i = [], 0
    while i < len(text):
        for size in (4, 3, 2):
            if text[i : i + size] in vocab:
                out.append(_Word(i, i + size, text[i : i + size]))
                i += size
                break
        else:
            i += 1
    return out


@functools.cache
def _content_set(lang: str) -> frozenset[str]:
    return frozenset(ts.lexicon(lang).content)


@functools.cache
def _cjk_vocab(lang: str) -> frozenset[str]:
    return frozenset(w for w in ts.lexicon(lang).content if 2 <= len(w) <= 4)


def _unique(text: str, word: _Word, lang: str) -> bool:
    """The word occurs once in the text (as a whole word where words are spaced)."""
    if LANGUAGES[lang].breaks == "space":
        return len(re.findall(rf"(?<!{_WORD_CHAR}){re.escape(word.text)}(?!{_WORD_CHAR})", text)) == 1
    return text.count(word.text) == 1


def _lexicon_rank(word: str, lang: str) -> int | None:
    index = ts.lexicon(lang).index
    for form in (word, word.lower(), word[:1].upper() + word[1:].lower()):
        if form in index:
            return index[form]
    return None


def _cased_like(word: str, model: str, model_lexicon_form: str) -> str:
    """`word` in the letter case `model` has in the text (UPPER, Capitalised by position...)."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper() and not model_lexicon_form[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# ---------------------------------------------------------------------------------------
# replace_word


def replace_word(rng: np.random.Generator, text: str, lang: str) -> TextEdit | None:
    """Swap one word for another word of similar frequency (same language and script)."""
    language(lang)
    lex = ts.lexicon(lang)
    candidates = []
    for word in _words_in(text, lang):
        rank = _lexicon_rank(word.text, lang)
        if rank is not None and len(word.text) >= 2 and _unique(text, word, lang):
            candidates.append((word, rank))
    if not candidates:
        return None
    word, rank = _pick(rng, candidates)
    lexicon_form = lex.words[rank]
    spaced = LANGUAGES[lang].breaks == "space"
    pool = lex.content if not spaced or lexicon_form in _content_set(lang) else lex.words
    window = max(40, rank // 5)
    options = [
        w
        for w in pool
        if abs(lex.index[w] - rank) <= window
        and w.lower() != word.text.lower()
        and len(w) >= 2
        and (spaced or len(w) == len(word.text))
    ]
    if not options:
        return None
    new = _cased_like(_pick(rng, options), word.text, lexicon_form)
    after = _splice(text, word.start, word.end, new)
    return _edit(
        "replace_word", rng, word.text, new, text, after, lang,
        ("Replace the word “{old}” with “{new}” {where}.", "Change “{old}” to “{new}” {where}.",
         "In the text {where}, swap the word “{old}” for “{new}”."),
        ("{where}将“{old}”替换为“{new}”。", "{where}把文字“{old}”改成“{new}”。"),
        f"The word “{word.text}” is replaced by “{new}”; the words around it stay unchanged.",
    )


# ---------------------------------------------------------------------------------------
# change_price

_DIGIT = "0-9٠-٩"
_NUM = rf"[{_DIGIT}]+(?:[.,\u00a0\u202f٬'][{_DIGIT}]{{2,3}})*(?:[.,٫][{_DIGIT}]{{1,2}})?"
_SYM = "|".join(re.escape(s) for s in ts.CURRENCY_SYMBOLS)
_UNIT = "|".join(re.escape(u) for u in ts.UNIT_SPELLINGS)
_GAP = r"[ \u00a0]?"
_NUMBER_NOT_IN = rf"(?<![{_DIGIT}:/\-+#–.,A-Za-z])"  # not part of a date, time, code or phone
_NUMBER_END = rf"(?![{_DIGIT}]|[:/\-–][{_DIGIT}])"
_PRICE_RES = (
    ("price", re.compile(rf"(?:{_SYM}){_GAP}(?P<num>{_NUM}){_NUMBER_END}")),
    ("price", re.compile(rf"{_NUMBER_NOT_IN}(?P<num>{_NUM}){_GAP}(?:{_SYM})")),
    # A discount's minus sign may precede a percentage ("-30 %").
    ("percent", re.compile(rf"(?<![{_DIGIT}:/+#.,A-Za-z])(?P<num>{_NUM}){_GAP}[%％]")),
    # Not "2022 г." (a year in Russian) nor "5 minutes": a unit ends the word, without a full stop.
    ("unit", re.compile(rf"{_NUMBER_NOT_IN}(?P<num>{_NUM}){_GAP}(?:{_UNIT})(?![\w².])")),
)


@dataclass(frozen=True)
class _NumberFormat:
    decimals: int
    decimal_sep: str
    group_sep: str  # "" when the number has no grouping
    indian: bool
    arabic: bool


def parse_number(s: str) -> tuple[float, _NumberFormat]:
    """The value of a formatted number ("1.299,00", "₹1,29,999", "٤٩٫٩٩") and how it is written."""
    arabic = any(ch in ts.ARABIC_INDIC_DIGITS for ch in s)
    ascii_s = s.translate(str.maketrans(ts.ARABIC_INDIC_DIGITS + "٫٬", "0123456789.,"))
    decimals, decimal_sep = 0, ""
    m = re.search(r"[.,]([0-9]{1,2})$", ascii_s)
    if m:
        decimals = len(m.group(1))
        decimal_sep = s[m.start()]
        whole = ascii_s[: m.start()]
        frac = m.group(1)
    else:
        whole, frac = ascii_s, ""
    groups = re.findall(r"[^0-9]", whole)
    group_sep = groups[0] if groups else ""
    if arabic and group_sep == ",":
        group_sep = "٬"
    indian = bool(re.search(r"[^0-9][0-9]{2}[^0-9]", whole))
    value = float(re.sub("[^0-9]", "", whole) + ("." + frac if frac else ""))
    return value, _NumberFormat(decimals, decimal_sep, group_sep, indian, arabic)


def format_number_like(value: float, fmt: _NumberFormat) -> str:
    text = f"{value:.{fmt.decimals}f}"
    whole, _, frac = text.partition(".")
    if fmt.group_sep and len(whole) > 3:
        if fmt.indian:
            head, parts = whole[:-3], [whole[-3:]]
            while len(head) > 2:
                parts.insert(0, head[-2:])
                head = head[:-2]
            whole = "\0".join([head, *parts])
        else:
            whole = f"{int(whole):,}".replace(",", "\0")
        whole = whole.replace("\0", fmt.group_sep)
    out = whole + (fmt.decimal_sep + frac if fmt.decimals else "")
    if fmt.arabic:
        out = out.translate(str.maketrans("0123456789", ts.ARABIC_INDIC_DIGITS))
    return out


def _new_amount(rng: np.random.Generator, value: float, fmt: _NumberFormat, kind: str) -> float | None:
    if kind == "percent":
        options = [p for p in range(5, 100, 5) if p != value]
        return float(_pick(rng, options))
    for _ in range(10):
        factor = float(rng.uniform(0.6, 1.6))
        if abs(factor - 1) < 0.08:
            continue
        new = value * factor
        if fmt.decimals == 2 and kind == "price":
            cents = _pick(rng, (99, 95, 49, 50, 0, 90, 29))
            new = float(int(new)) + cents / 100
        elif fmt.decimals:
            new = round(new, fmt.decimals)
        else:
            whole = int(round(value))
            step = 1
            while whole and whole % (step * 10) == 0 and step < 1000:
                step *= 10  # keep the original's roundness: 12,900 -> 100s, 500 -> 100s
            new = float(max(step, round(new / step) * step))
        if new > 0 and format_number_like(new, fmt) != format_number_like(value, fmt):
            return new
    return None


def change_price(rng: np.random.Generator, text: str, lang: str) -> TextEdit | None:
    """Change a price, percentage or quantity with a unit ("$4.99" -> "$5.49")."""
    language(lang)
    found = []
    for kind, pattern in _PRICE_RES:
        for m in pattern.finditer(text):
            if not any(m.start() < e and s < m.end() for _, s, e, _ in found):
                found.append((kind, m.start(), m.end(), m))
    if not found:
        return None
    kind, start, end, m = _pick(rng, found)
    value, fmt = parse_number(m.group("num"))
    new_value = _new_amount(rng, value, fmt, kind)
    if new_value is None:
        return None
    old = m.group()
    new = old[: m.start("num") - start] + format_number_like(new_value, fmt) + old[m.end("num") - start :]
    after = _splice(text, start, end, new)
    what_en = {"price": "the price", "percent": "the percentage", "unit": "the amount"}[kind]
    what_zh = {"price": "价格", "percent": "百分比", "unit": "数值"}[kind]
    return _edit(
        "change_price", rng, old, new, text, after, lang,
        (f"Change {what_en} “{{old}}” to “{{new}}” {{where}}.", "Update “{old}” to “{new}” {where}."),
        (f"{{where}}把{what_zh}“{{old}}”改为“{{new}}”。", "{where}将“{old}”改成“{new}”。"),
        f"The number in “{old}” changes to give “{new}”; the currency sign or unit and the number format stay as they are.",
    )


# ---------------------------------------------------------------------------------------
# change_date


def _date_regex(style: str, lang: str) -> re.Pattern:
    months = ts.MONTHS.get(lang, ts.MONTHS["en"])
    fields = {
        "d": r"(?P<d>\d{1,2})", "dd": r"(?P<d>\d{2})", "m": r"(?P<m>\d{1,2})", "mm": r"(?P<m>\d{2})",
        "y": r"(?P<y>\d{4})", "month": "(?P<month>" + "|".join(map(re.escape, months)) + ")",
        "mon": "(?P<mon>" + "|".join(ts.MONTHS_SHORT_EN) + ")",
    }
    parts = re.split(r"(\{\w+\})", style)
    body = "".join(fields[p[1:-1]] if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(rf"(?<![0-9A-Za-z]){body}(?!\d)")  # CJK text runs straight into dates: 至2025年


_AM_PM_AFTER = r"(?P<after> AM| PM| π\.μ\.| μ\.μ\.| ص| م)?"
_AM_PM_BEFORE = r"(?P<before>上午|下午|午前|午後|오전 |오후 |सुबह |दोपहर |शाम |रात )?"
_TIME_RES = (
    re.compile(rf"{_AM_PM_BEFORE}(?<![\d:])(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})(?![\d:]){_AM_PM_AFTER}"),
    re.compile(r"(?<![0-9A-Za-z])(?P<h>\d{1,2})h(?P<mi>\d{2})(?!\d)"),
    re.compile(rf"{_AM_PM_BEFORE}(?<!\d)(?P<h>\d{{1,2}})(?P<unit>点|時|시)(?:(?P<sep> ?)(?P<mi>\d{{1,2}})(?:分|분))?"),
    re.compile(r"(?<!\d)(?P<h>\d{1,2}) giờ(?: (?P<mi>\d{1,2}))?"),
)
# 24-hour ranges of the 12-hour clock words (hi periods cover their part of the day).
_HALF_DAY_RANGES = {
    " AM": (0, 12), "上午": (0, 12), "午前": (0, 12), "오전 ": (0, 12), " π.μ.": (0, 12), " ص": (0, 12),
    " PM": (12, 24), "下午": (12, 24), "午後": (12, 24), "오후 ": (12, 24), " μ.μ.": (12, 24), " م": (12, 24),
    "सुबह ": (5, 12), "दोपहर ": (12, 16), "शाम ": (16, 20), "रात ": (20, 29),
}


def _shift_date(rng: np.random.Generator, text: str, lang: str):
    """(start, end, new text, "date") for one date in `text` moved by a few days, or None."""
    ascii_text = text.translate(str.maketrans(ts.ARABIC_INDIC_DIGITS, "0123456789"))
    found = []
    for style in ts.DATE_STYLES.get(lang, ()):
        for m in _date_regex(style, lang).finditer(ascii_text):
            if not any(m.start() < e and s < m.end() for s, e, *_ in found):
                found.append((m.start(), m.end(), style, m))
    if not found:
        return None
    start, end, style, m = _pick(rng, found)
    groups = m.groupdict()
    month = int(groups["m"]) if groups.get("m") else None
    if groups.get("month"):
        month = ts.MONTHS.get(lang, ts.MONTHS["en"]).index(groups["month"]) + 1
    if groups.get("mon"):
        month = ts.MONTHS_SHORT_EN.index(groups["mon"]) + 1
    year = int(groups["y"]) if groups.get("y") else 2024
    try:
        date = _dt.date(year, month, int(groups["d"]))
    except (TypeError, ValueError):
        return None
    days = int(rng.integers(1, 61)) * (1 if rng.random() < 0.5 else -1)
    new_date = date + _dt.timedelta(days=days)
    if "{y}" not in style and new_date.year != date.year:
        new_date = date - _dt.timedelta(days=days)
    arabic = any(ch in ts.ARABIC_INDIC_DIGITS for ch in text[start:end])
    return start, end, ts.format_date(new_date, style, lang, arabic_digits=arabic), "date"


def _shift_time(rng: np.random.Generator, text: str, lang: str):
    ascii_text = text.translate(str.maketrans(ts.ARABIC_INDIC_DIGITS, "0123456789"))
    found = []
    for pattern in _TIME_RES:
        for m in pattern.finditer(ascii_text):
            if not any(m.start() < e and s < m.end() for s, e, _ in found):
                found.append((m.start(), m.end(), m))
    if not found:
        return None
    start, end, m = _pick(rng, found)
    g = m.groupdict()
    hour, minute = int(g["h"]), int(g["mi"] or 0)
    marker = g.get("before") or g.get("after")
    low, high = _HALF_DAY_RANGES.get(marker, (0, 24)) if marker else (0, 24)
    if minute > 59 or hour > 23 or (marker and not 1 <= hour <= 12):
        return None
    if marker:  # the 24-hour time that the 12-hour reading means within its part of the day
        options = [h for h in (hour % 12, hour % 12 + 12, hour % 12 + 24) if low <= h < high]
        if not options:
            return None
        hour = options[0]
    for _ in range(10):
        delta = int(_pick(rng, (-120, -90, -60, -45, -30, -15, 15, 30, 45, 60, 90, 120)))
        if g["mi"] is None and delta % 60:
            continue  # "3点" has no minutes to change
        total = hour * 60 + minute + delta
        new_h, new_mi = divmod(total, 60)
        if marker and not low <= new_h < high:
            continue
        if not marker and not 0 <= new_h < 24:
            continue
        break
    else:
        return None
    shown_h = (new_h - 1) % 12 + 1 if marker else new_h % 24
    old = ascii_text[start:end]
    new = old
    for name, value in (("mi", new_mi), ("h", shown_h)):  # right to left keeps the spans valid
        if g[name] is None:
            continue
        s, e = m.start(name) - start, m.end(name) - start
        width = e - s if old[s] == "0" or name == "mi" and e - s == 2 else 1
        new = new[:s] + f"{value:0{width}d}" + new[e:]
    if any(ch in ts.ARABIC_INDIC_DIGITS for ch in text[start:end]):
        new = new.translate(str.maketrans("0123456789", ts.ARABIC_INDIC_DIGITS))
    return start, end, new, "time"


def change_date(rng: np.random.Generator, text: str, lang: str) -> TextEdit | None:
    """Move a date by a few days or a time by a few quarters of an hour, in the same format."""
    language(lang)
    order = (_shift_date, _shift_time) if rng.random() < 0.5 else (_shift_time, _shift_date)
    for shift in order:
        found = shift(rng, text, lang)
        if found:
            break
    else:
        return None
    start, end, new, what = found
    old = text[start:end]
    if new == old:
        return None
    after = _splice(text, start, end, new)
    what_zh = "日期" if what == "date" else "时间"
    return _edit(
        "change_date", rng, old, new, text, after, lang,
        (f"Change the {what} “{{old}}” to “{{new}}” {{where}}.", "Update “{old}” to “{new}” {where}."),
        (f"{{where}}把{what_zh}“{{old}}”改为“{{new}}”。", "{where}将“{old}”改成“{new}”。"),
        f"The {what} “{old}” becomes “{new}”, written in the same format.",
    )


# ---------------------------------------------------------------------------------------
# translate_line


def translate_line(
    rng: np.random.Generator, text: str, lang: str, *, targets: tuple[str, ...] | None = None
) -> TextEdit | None:
    """Replace a phrasebook phrase by the same phrase in another language (mostly en <-> zh)."""
    language(lang)
    matches = phrasebook.find_phrases(text, lang)
    if not matches:
        return None
    match = _pick(rng, matches)
    allowed = [c for c in (targets or tuple(LANGUAGES)) if c != lang]
    if not allowed:
        return None
    preferred = {"en": "zh", "zh": "en"}.get(lang, "en")
    first = preferred if preferred in allowed and rng.random() < 0.6 else _pick(rng, allowed)
    old = text[match.start : match.end]
    for target in [first] + [c for c in allowed if c != first]:
        new = phrasebook.translate(match.key, target)
        if match.upper and LANGUAGES[target].script in ("latin", "cyrillic", "greek"):
            new = new.upper()
        if new != old:
            break
    else:
        return None
    after = _splice(text, match.start, match.end, new)
    name, name_zh = LANGUAGES[target].name, LANGUAGES[target].name_zh
    return _edit(
        "translate_line", rng, old, new, text, after, lang,
        (f"Translate “{{old}}” {{where}} into {name}: it should read “{{new}}”.",
         f"Replace “{{old}}” {{where}} with its {name} translation “{{new}}”."),
        (f"{{where}}把“{{old}}”翻译成{name_zh}：“{{new}}”。", f"{{where}}将“{{old}}”改为{name_zh}“{{new}}”。"),
        f"“{old}” is {LANGUAGES[lang].name}; in {name} the same phrase is “{new}”, which takes its place.",
        lang_after=target,
    )


# ---------------------------------------------------------------------------------------
# fix_typo

_KEYBOARD_ROWS = {
    "latin": ("qwertyuiop", "asdfghjkl", "zxcvbnm"),
    "cyrillic": ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"),
    "greek": ("ςερτυθιοπ", "ασδφγηξκλ", "ζχψωβνμ"),
}
_TONOS = {"ά": "α", "έ": "ε", "ή": "η", "ί": "ι", "ό": "ο", "ύ": "υ", "ώ": "ω"}
_DEVANAGARI_SWAPS = {"ि": "ी", "ी": "ि", "ु": "ू", "ू": "ु", "े": "ै", "ै": "े", "ो": "ौ", "ौ": "ो", "ं": "ँ"}
_ARABIC_SWAPS = {"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "ي": "ى"}
# Commonly confused characters (别字): correct -> the mistake.
_CJK_CONFUSABLE = {
    "zh": {"的": "地", "地": "的", "在": "再", "再": "在", "做": "作", "作": "做", "已": "己", "己": "已", "像": "象",
           "即": "既", "既": "即", "候": "侯", "账": "帐", "需": "须", "带": "戴", "戴": "带", "坐": "座", "座": "坐",
           "练": "炼", "辨": "辩", "辩": "辨", "园": "圆", "圆": "园", "进": "近", "近": "进", "历": "厉", "部": "步",
           "步": "部", "买": "卖", "卖": "买", "未": "末", "末": "未", "士": "土", "土": "士", "人": "入", "入": "人"},
    "ja": {"シ": "ツ", "ツ": "シ", "ソ": "ン", "ン": "ソ", "ぬ": "め", "め": "ぬ", "わ": "ね", "ね": "わ", "る": "ろ",
           "ろ": "る", "は": "ば", "ば": "は", "か": "が", "が": "か", "ク": "ケ", "未": "末", "末": "未", "士": "土",
           "土": "士", "人": "入", "入": "人", "己": "已", "待": "持", "持": "待"},
}


def _neighbour_typos(word: str, script: str) -> list[str]:
    rows = _KEYBOARD_ROWS.get(script)
    out = []
    if not rows:
        return out
    for i, ch in enumerate(word):
        low = ch.lower()
        for row in rows:
            j = row.find(low)
            if j < 0:
                continue
            for k in (j - 1, j + 1):
                if 0 <= k < len(row):
                    sub = row[k] if ch == low else row[k].upper()
                    out.append(word[:i] + sub + word[i + 1 :])
    return out


def _typos(word: str, lang: str) -> list[str]:
    """Misspellings of `word` one edit away (transposition, deletion, doubling, substitution)."""
    script = LANGUAGES[lang].script
    out = []
    if script in ("latin", "cyrillic", "greek", "arabic"):
        for i in range(1, len(word) - 1):  # keep the first letter: typos rarely hit it
            if word[i] != word[i + 1]:
                out.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
            out.append(word[:i] + word[i + 1 :])
            if script != "arabic":
                out.append(word[:i] + word[i] + word[i:])
        if script != "arabic":
            out += _neighbour_typos(word, script)
    for i, ch in enumerate(word):
        if script == "latin":
            base = unicodedata.normalize("NFD", ch)
            if len(base) > 1:  # a dropped accent (é -> e, ế -> ê)
                out.append(word[:i] + unicodedata.normalize("NFC", base[:-1]) + word[i + 1 :])
        elif script == "greek" and ch in _TONOS:
            out.append(word[:i] + _TONOS[ch] + word[i + 1 :])
        elif script == "cyrillic" and ch == "ё":
            out.append(word[:i] + "е" + word[i + 1 :])
        elif script == "arabic" and ch in _ARABIC_SWAPS and (ch in "أإآ" or i == len(word) - 1):
            out.append(word[:i] + _ARABIC_SWAPS[ch] + word[i + 1 :])
        elif script == "devanagari":
            if ch in _DEVANAGARI_SWAPS:
                out.append(word[:i] + _DEVANAGARI_SWAPS[ch] + word[i + 1 :])
            elif ch == "\u093c":  # nukta dropped (ज़ -> ज)
                out.append(word[:i] + word[i + 1 :])
        elif script == "hangul":
            code = ord(ch) - 0xAC00
            lead_vowel, final = divmod(code, 28)
            lead, vowel = divmod(lead_vowel, 21)
            swap = {1: 5, 5: 1, 10: 11, 11: 10}.get(vowel)  # ㅐ<->ㅔ, ㅙ<->ㅚ
            if swap is not None:
                out.append(word[:i] + chr(0xAC00 + (lead * 21 + swap) * 28 + final) + word[i + 1 :])
            if final:  # a dropped final consonant
                out.append(word[:i] + chr(0xAC00 + lead_vowel * 28) + word[i + 1 :])
    return [t for t in dict.fromkeys(out) if t != word]


def fix_typo(rng: np.random.Generator, text: str, lang: str) -> TextEdit | None:
    """A misspelt word in the source, spelt correctly in the target (`text` is the correct text)."""
    language(lang)
    if LANGUAGES[lang].breaks == "char":
        return _fix_cjk_typo(rng, text, lang)
    min_len = 2 if LANGUAGES[lang].script == "hangul" else 4
    words = [
        w for w in _words_in(text, lang)
        if len(w.text) >= min_len and _lexicon_rank(w.text, lang) is not None and _unique(text, w, lang)
    ]
    rng.shuffle(words)
    for word in words:
        options = [t for t in _typos(word.text, lang) if _lexicon_rank(t, lang) is None]
        if options:
            typo = _pick(rng, options)
            before = _splice(text, word.start, word.end, typo)
            return _typo_edit(rng, typo, word.text, before, text, lang)
    return None


def _fix_cjk_typo(rng, text, lang):
    table = _CJK_CONFUSABLE.get(lang, {})
    spots = [i for i, ch in enumerate(text) if ch in table]
    rng.shuffle(spots)
    for i in spots:
        before = _splice(text, i, i + 1, table[text[i]])
        lo, hi = max(0, i - 1), min(len(text), i + 2)  # the character with a neighbour each side
        while lo > 0 and before[lo] in ts.CLOSING:  # do not quote from the middle of a word (ェクト)
            lo -= 1
        while hi < len(text) and before[hi] in ts.CLOSING:
            hi += 1
        old, new = before[lo:hi], text[lo:hi]
        if before.count(old) == 1 and old.strip() == old and new.strip() == new:
            return _typo_edit(rng, old, new, before, text, lang)
    return None


def _typo_edit(rng, old, new, before, after, lang):
    return _edit(
        "fix_typo", rng, old, new, before, after, lang,
        ("Fix the spelling mistake {where}: “{old}” should be “{new}”.",
         "Correct the typo “{old}” to “{new}” {where}."),
        ("{where}修正拼写错误：把“{old}”改为“{new}”。", "{where}把错字“{old}”更正为“{new}”。"),
        f"“{old}” is misspelt; the correct spelling is “{new}”, so only that word is corrected.",
    )


def osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


# ---------------------------------------------------------------------------------------
# change_case

CASE_STYLES = ("upper", "lower", "title", "sentence")
_CASE_EN = {"upper": "capital letters", "lower": "lower case", "title": "title case", "sentence": "sentence case"}
_CASE_ZH = {"upper": "全大写", "lower": "全小写", "title": "每个单词首字母大写", "sentence": "仅句首字母大写"}


def recase(text: str, style: str, lang: str) -> str:
    """`text` in letter case `style` (Greek capitals drop their accents, as Greek typesetting does)."""
    if style == "upper":
        out = text.upper()
        if LANGUAGES[lang].script == "greek":
            out = unicodedata.normalize("NFC", unicodedata.normalize("NFD", out).replace("\u0301", ""))
        return out
    if style == "lower":
        return text.lower()
    if style == "title":
        return re.sub(r"(^|\s)(\W*)(\w)(\S*)", lambda m: m[1] + m[2] + m[3].upper() + m[4].lower(), text)
    low = text.lower()
    m = re.search(r"\w", low)
    return low if not m else low[: m.start()] + low[m.start()].upper() + low[m.start() + 1 :]


def change_case(rng: np.random.Generator, text: str, lang: str) -> TextEdit | None:
    """Restyle the letter case of the whole text (upper, lower, title, sentence case)."""
    language(lang)
    if LANGUAGES[lang].script not in ("latin", "cyrillic", "greek") or not any(ch.isalpha() for ch in text):
        return None
    # German lower/sentence/title case would misspell its nouns: capitals only.
    styles = ("upper",) if lang == "de" else CASE_STYLES
    options = [(s, recase(text, s, lang)) for s in styles]
    options = [(s, t) for s, t in options if t != text]
    if not options:
        return None
    style, after = _pick(rng, options)
    return _edit(
        "change_case", rng, text, after, text, after, lang,
        (f"Rewrite “{{old}}” {{where}} in {_CASE_EN[style]}: “{{new}}”.",
         f"Change the text {{where}} to {_CASE_EN[style]}, so “{{old}}” becomes “{{new}}”."),
        (f"{{where}}把“{{old}}”改为{_CASE_ZH[style]}：“{{new}}”。",),
        f"The letters are set in {_CASE_EN[style]}: “{_shown(text)}” becomes “{_shown(after)}”; spelling and punctuation stay the same.",
    )


# ---------------------------------------------------------------------------------------

EditFn = Callable[[np.random.Generator, str, str], "TextEdit | None"]
EDITS: dict[str, EditFn] = {
    "replace_word": replace_word,
    "change_price": change_price,
    "change_date": change_date,
    "translate_line": translate_line,
    "fix_typo": fix_typo,
    "change_case": change_case,
}
EDIT_KINDS = tuple(EDITS)


def sample_edit(
    rng: np.random.Generator,
    text: str,
    lang: str,
    kinds: tuple[str, ...] = EDIT_KINDS,
    *,
    targets: tuple[str, ...] | None = None,
) -> TextEdit | None:
    """An edit of one of `kinds` (tried in random order) that applies to `text`, or None.

    `targets`: languages translate_line may translate into (e.g. those the fonts cover).
    """
    language(lang)
    unknown = [k for k in kinds if k not in EDITS]
    if unknown:
        raise ValueError(f"unknown edit kinds {unknown}; allowed: {', '.join(EDIT_KINDS)}")
    for i in rng.permutation(len(kinds)):
        kind = kinds[int(i)]
        if kind == "translate_line":
            edit = translate_line(rng, text, lang, targets=targets)
        else:
            edit = EDITS[kind](rng, text, lang)
        if edit is not None:
            return edit
    return None
