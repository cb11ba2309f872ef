"""The languages the text-rendering generator writes, and what rendering each one needs.

A `Language` says which script it uses, where lines may break (between space-separated
words, or between CJK characters), whether PIL needs raqm to shape it (Arabic joining,
Devanagari conjuncts) and which characters a font must have before it is tried at all.
"""

from __future__ import annotations

from dataclasses import dataclass

SCRIPTS = ("latin", "cyrillic", "greek", "han", "japanese", "hangul", "arabic", "devanagari")

_LATIN_BASE = "AaBbZz0129.,€$"


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, also the key of LANGUAGES
    name: str
    name_zh: str
    script: str  # one of SCRIPTS
    faker_locale: str
    wordfreq_code: str
    direction: str  # "ltr" or "rtl"
    breaks: str  # "space": break between space-separated words; "char": between CJK characters
    needs_shaping: bool  # complex shaping (joining, conjuncts): unusable without raqm
    coverage_sample: str  # characters a font must have to be usable for this language


def _latin(code: str, name: str, name_zh: str, locale: str, accents: str) -> Language:
    return Language(code, name, name_zh, "latin", locale, code, "ltr", "space", False, _LATIN_BASE + accents)


_ALL = (
    _latin("en", "English", "英语", "en_US", ""),
    _latin("de", "German", "德语", "de_DE", "ÄäÖöÜüß"),
    _latin("fr", "French", "法语", "fr_FR", "ÀàÂâÇçÉéÈèÊêËëÎîÏïÔôÙùÛûŒœ«»"),
    _latin("es", "Spanish", "西班牙语", "es_ES", "ÁáÉéÍíÑñÓóÚúÜü¿¡"),
    _latin("it", "Italian", "意大利语", "it_IT", "ÀàÈèÉéÌìÒòÙù"),
    # Brazilian Faker data: pt_PT lacks localized company slogans and currency.
    _latin("pt", "Portuguese", "葡萄牙语", "pt_BR", "ÁáÂâÃãÀàÇçÉéÊêÍíÓóÔôÕõÚú"),
    # Vietnamese needs every precomposed tone letter: a font missing one renders tofu mid-word.
    _latin(
        "vi",
        "Vietnamese",
        "越南语",
        "vi_VN",
        "ĂăÂâĐđÊêÔôƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộ"
        "ỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ₫",
    ),
    Language("ru", "Russian", "俄语", "cyrillic", "ru_RU", "ru", "ltr", "space", False, "АаБбЖжЯяЁёЫыЪъЭэЮю0129.,₽"),
    Language("uk", "Ukrainian", "乌克兰语", "cyrillic", "uk_UA", "uk", "ltr", "space", False, "АаБбЖжЯяЄєІіЇїҐґ0129.,₴"),
    Language("el", "Greek", "希腊语", "greek", "el_GR", "el", "ltr", "space", False, "ΑαΒβΓγΔδΘθΛλΞξΠπΣσςΦφΨψΩωάέήίόύώϊΐ0129.,€"),
    # Simplified-only characters (们这国说为来时) so a Traditional-only font is rejected.
    Language(
        "zh",
        "Chinese",
        "中文",
        "han",
        "zh_CN",
        "zh",
        "ltr",
        "char",
        False,
        "的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事，。",
    ),
    Language(
        "ja",
        "Japanese",
        "日语",
        "japanese",
        "ja_JP",
        "ja",
        "ltr",
        "char",
        False,
        "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがでっゃょ"
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハマミムメモラリルレロンーッ日本人年月時間会社円、。「」",
    ),
    Language("ko", "Korean", "韩语", "hangul", "ko_KR", "ko", "ltr", "space", False, "가나다라마바사아자차카타파하한국어는을를이에서의도고습니다원0129.,"),
    Language(
        "ar", "Arabic", "阿拉伯语", "arabic", "ar_DZ", "ar", "rtl", "space", True,
        "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة٠١٢٣٤٥٦٧٨٩،؟",
    ),
    Language(
        "hi", "Hindi", "印地语", "devanagari", "hi_IN", "hi", "ltr", "space", True,
        "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसहािीुूेैोौंःँ्०१२३४५६७८९।₹",
    ),
)
LANGUAGES: dict[str, Language] = {lang.code: lang for lang in _ALL}


def language(code: str) -> Language:
    """The `Language` for an ISO code; a one-line error naming the allowed codes otherwise."""
    try:
        return LANGUAGES[code]
    except KeyError:
        raise ValueError(f"unknown language {code!r}; allowed: {', '.join(LANGUAGES)}") from None


def raqm_available() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


def available_languages(raqm: bool | None = None) -> tuple[str, ...]:
    """Languages PIL can render: all with raqm (auto-detected when None), else no shaped scripts."""
    if raqm is None:
        raqm = raqm_available()
    return tuple(code for code, lang in LANGUAGES.items() if raqm or not lang.needs_shaping)
