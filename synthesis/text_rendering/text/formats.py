"""Numbers, prices and quantities written with each language's own conventions.

Decimal and group separators (Indian grouping for Hindi), optional Arabic-Indic digits,
the currencies each language prices in (symbol side, spacing, decimals, plausible
amounts), and units of measure with their per-language spellings. The `sample_*`
functions draw a plausible value from the Generator and format it; `text_edits` finds
and rewrites these texts again by `CURRENCY_SYMBOLS` and `UNIT_SPELLINGS`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from synthesis.text_rendering.text.linebreak import NBSP

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


def use_arabic_digits(rng: np.random.Generator, lang: str) -> bool:
    """Whether this text writes Arabic-Indic digits (about a third of Arabic texts; draws only for ar)."""
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


def sample_price(rng: np.random.Generator, lang: str, low: float = 0.5, high: float = 300.0) -> str:
    """A plausible price in one of `lang`'s currencies, worth `low`..`high` euros (log-uniform)."""
    options = _CURRENCIES[lang]
    cur = options[int(rng.integers(len(options)))]
    return format_price(_amount(rng, cur, low, high), cur, lang, arabic_digits=use_arabic_digits(rng, lang))


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
UNIT_NAMES = {
    "ru": {"g": "г", "kg": "кг", "mg": "мг", "ml": "мл", "L": "л", "cm": "см", "m": "м", "mm": "мм", "km": "км", "km/h": "км/ч", "m²": "м²", "GB": "ГБ", "MB": "МБ", "GHz": "ГГц", "W": "Вт", "kWh": "кВт·ч", "V": "В", "mAh": "мА·ч"},
    "uk": {"g": "г", "kg": "кг", "mg": "мг", "ml": "мл", "L": "л", "cm": "см", "m": "м", "mm": "мм", "km": "км", "km/h": "км/год", "m²": "м²", "GB": "ГБ", "MB": "МБ", "GHz": "ГГц", "W": "Вт", "kWh": "кВт·год", "V": "В", "mAh": "мА·год"},
    "zh": {"g": "克", "kg": "公斤", "ml": "毫升", "L": "升", "cm": "厘米", "m": "米", "km": "公里", "m²": "平方米"},
    "ar": {"g": "غ", "kg": "كغ", "ml": "مل", "L": "لتر", "cm": "سم", "m": "م", "km": "كم"},
    "hi": {"g": "ग्राम", "kg": "किलो", "ml": "मिली", "L": "लीटर", "cm": "सेमी", "m": "मीटर", "km": "किमी"},
}


# Every spelling of a unit that number_unit/product texts use (text_edits finds quantities by them).
UNIT_SPELLINGS = tuple(
    sorted({u for u, *_ in _UNITS if u != "%"} | {u for names in UNIT_NAMES.values() for u in names.values()},
           key=lambda u: (-len(u), u))  # longest first: "km/h" before "km"
)


def sample_number_unit(rng: np.random.Generator, lang: str, units: tuple[str, ...] | None = None) -> str:
    """A plausible quantity with its unit (one of `units`; default: any), spelt as `lang` spells it."""
    table = [u for u in _UNITS if units is None or u[0] in units]
    unit, low, high, decimals = table[int(rng.integers(len(table)))]
    value = float(rng.uniform(low, high))
    if decimals == 0 or rng.random() < 0.5:
        decimals = 0
        value = float(round(value / 5) * 5 if value > 20 else round(value))
    name = unit
    native = UNIT_NAMES.get(lang, {})
    if unit in native and (lang in ("ru", "uk") or rng.random() < 0.4):
        name = native[unit]
    number = format_number(value, decimals, lang, arabic_digits=use_arabic_digits(rng, lang))
    if name == "%":
        return number + (NBSP + "%" if lang in ("de", "fr", "ru", "uk", "el") else "%")
    attached = lang in ("zh", "ja") and name in native.values() or name == "°C" and rng.random() < 0.5
    return number + ("" if attached else NBSP) + name
