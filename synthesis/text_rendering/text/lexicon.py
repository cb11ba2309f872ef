"""The word list of each language: wordfreq's most frequent tokens, cleaned, for weighted picks.

wordfreq's lists ship in its wheel (no network). A token is kept when it is written in the
language's script, is not borrowed from a same-script neighbour ("the" in German), is not
a fragment or a word a sign should not show (`word_filters`), and is shown with its real
spelling and capital (`word_case`). `sample_words` draws frequency-weighted words, all of
them or only content words (those that read well alone on a sign).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np

from synthesis.text_rendering.text import word_case, word_filters
from synthesis.text_rendering.text.languages import LANGUAGES, language

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
        word = _display_form(raw, lang)
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


def _display_form(raw: str, lang: str) -> str | None:
    """How `raw` (wordfreq's case-folded token) is written, or None when it is not usable."""
    raw = word_case.respell(raw, lang)
    if not word_filters.is_usable(raw, lang):
        return None
    return word_case.cased(raw, lang)


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
