"""Faker per locale: one cached instance re-seeded from the numpy Generator, and what each locale really has.

Faker falls back to en_US for providers a locale lacks, so `faker_coverage` says which
ones the language's own locale defines; `faker_list` reads a locale's raw lists (names,
countries, lorem words) for the lexicon clean-up.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util

import numpy as np

from synthesis.text_rendering.text.languages import LANGUAGES


@functools.cache
def _faker(locale: str):
    from faker import Faker

    return Faker(locale)


def seeded_faker(rng: np.random.Generator, lang: str):
    """The cached Faker of `lang`'s locale, re-seeded from `rng` (one draw)."""
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


def faker_list(locale: str, provider: str, attribute: str) -> list[str]:
    """The strings of a provider's list attribute in `locale` ([] where the locale lacks the provider)."""
    if importlib.util.find_spec(f"faker.providers.{provider}.{locale}") is None:
        return []
    values = getattr(importlib.import_module(f"faker.providers.{provider}.{locale}").Provider, attribute, ())
    if isinstance(values, dict):  # OrderedDict of value -> weight
        values = list(values)
    return [v for v in values if isinstance(v, str)]


def lorem_words(locale: str) -> frozenset[str]:
    """The locale's lorem words, lower case: common words of its language."""
    return frozenset(w.lower() for w in faker_list(locale, "lorem", "word_list"))
