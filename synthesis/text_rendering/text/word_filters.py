"""Which wordfreq tokens are not words a sign should show, per language.

Elision and clitic fragments, stray single letters and English two-letter fragments,
profanity, slurs, politicians, foreign words, English first names in other Latin lists,
and Korean/Japanese morphemes that do not stand as words (inflection stubs, endings).
"""

from __future__ import annotations

import functools
import re

from synthesis.text_rendering.text.faker_locales import faker_list, lorem_words
from synthesis.text_rendering.text.languages import LANGUAGES
from synthesis.text_rendering.text.linebreak import CLOSING


def is_usable(raw: str, lang: str) -> bool:
    """False when `raw` (a respelled wordfreq token) is a fragment, a dropped word or a stub."""
    script = LANGUAGES[lang].script
    if raw in _drop_set(lang) or any(raw.startswith(stem) for stem in _DROP_PREFIXES.get(lang, ())):
        return False
    if script in ("latin", "cyrillic", "greek", "arabic", "devanagari", "hangul"):
        if len(raw) == 1 and raw not in _SINGLE_LETTER_WORDS.get(lang, ()):
            return False
    if "'" in raw and lang != "en":
        return False  # elision fragments (l', d', dell'): wordfreq splits them inconsistently
    if raw.startswith(("'", "-")) or raw.endswith(("'", "-")):
        return False
    if lang == "en" and len(raw) == 2 and raw not in _EN_TWO_LETTER:
        return False
    if lang == "ko" and not _korean_content_ok(raw):
        return False
    if lang == "ja" and not _japanese_word_ok(raw):
        return False
    return True


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


def _foreign_names(lang: str) -> set[str]:
    """English first names in non-English Latin lists ('john', 'david'): names, not words."""
    if lang == "en" or LANGUAGES[lang].script != "latin":
        return set()
    own = {n.lower() for n in faker_list(LANGUAGES[lang].faker_locale, "person", "first_names")}
    common = lorem_words(LANGUAGES[lang].faker_locale)
    return {n.lower() for n in faker_list("en_US", "person", "first_names")} - own - common


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
