"""Names that scenes show: street names, shop names, and a Faker for the scene's language.

Street and town names come from Faker in the scene's locale, seeded from the scene's
generator so that a seed always gives the same name; shop names are Faker's companies
without their legal form, the way a shop front writes them.
"""

from __future__ import annotations

import functools
import re

from faker import Faker

from synthesis.text_rendering.scene import SceneBuilder
from synthesis.text_rendering.text.languages import language


@functools.cache
def _faker(locale: str) -> Faker:
    return Faker(locale)


def seeded_faker(scene: SceneBuilder) -> Faker:
    """The Faker of the scene's language, seeded from the scene's generator."""
    fake = _faker(language(scene.lang).faker_locale)
    fake.seed_instance(int(scene.rng.integers(2**31)))
    return fake


# --- street names ------------------------------------------------------------------------
# Faker's street names, dressed the way each language's street plates write them (ja_JP
# and hi_IN have no real street provider: a town + 通り, a surname + मार्ग).
_STREET_FORMS = {"ja": "{town}通り", "hi": "{last} मार्ग", "ko": "{street}로", "el": "Οδός {street}",
                 "uk": "вул. {street}"}


def street_name(scene: SceneBuilder) -> str:
    fake = seeded_faker(scene)
    form = _STREET_FORMS.get(scene.lang, "{street}")
    return form.format(street=fake.street_name() if "{street}" in form else "",
                       town=fake.town() if "{town}" in form else "", last=fake.last_name() if "{last}" in form else "")


# --- shop names --------------------------------------------------------------------------
# Legal forms a shop front leaves out ("Harloff AG" → "Harloff", "АО «Данилов»" → "Данилов").
_LEGAL_SUFFIX = re.compile(
    r"[\s,]+(?:AG & Co\. KG|GmbH & Co\. KG|GmbH|AG|KG|OHG|e\.G\.|S\.A\.S\.|S\.A\.U|S\.A\.|SA|SAS|SARL|S\.L\.N\.E|"
    r"S\.L\.|S\.Com\.|S\.Coop\.|SPA|S\.p\.A\.|s\.r\.l\.|Ltda\.|LLC|Inc|Ltd|PLC|Α\.Ε\..*|Ε\.Π\.Ε\.|"
    r"Doanh nghiệp tư nhân|Công ty TNHH(?: MTV)?|Công ty Cổ phần|प्राइवेट लिमिटेड|लिमिटेड|"
    r"[\u0600-\u06ff]{1,2}\.(?:[\u0600-\u06ff]{1,2}\.?)+)$")
_LEGAL_CJK = re.compile(r"^(?:株式会社|有限会社|合同会社|주식회사|\((?:주|유)\))\s*"
                        r"|(?:股份)?有限公司$|(?:株式会社|有限会社|合同会社)$")
_QUOTED = re.compile(r"^[A-ZА-ЯІЇЄ]{2,4}\s*«(.+)»$")


def shop_name(scene: SceneBuilder, max_chars: int) -> str:
    """A company name as a shop front writes it: without its legal form, short enough."""
    for _ in range(6):
        name = scene.text("company")
        name = _QUOTED.sub(r"\1", _LEGAL_CJK.sub("", _LEGAL_SUFFIX.sub("", name))).strip(" ,")
        if 0 < len(name) <= max_chars:
            return name
    return scene.text("company", max_chars=max_chars)
