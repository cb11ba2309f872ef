"""Installed fonts: an index of faces (family, style, weight, category, scripts), built
once and cached on disk, and exact glyph coverage.

Families and styles are the names FreeType reports through PIL (`getname()`), e.g.
("Noto Serif CJK SC", "Bold"). Weight comes from the OS/2 table, scripts from the
cmap: a face covers a script when it has a glyph for every character of the script's
sample. Coverage of a string is read from the cmap too, so a sample never contains a
glyph its font lacks (no tofu boxes) — checked exactly, not by rendering.

Building the index opens every face (≈ 600 files, tens of seconds); the result is
cached in `$UNISYNTH_CACHE` (default `~/.cache/unisynth`) under a key made of the
font files' paths, sizes and mtimes, so installing a font rebuilds it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont
from PIL import ImageFont, features

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
INDEX_FORMAT = 3  # bump when FontFace changes: old cache files are then ignored

# Complex scripts (Arabic joining, Devanagari conjuncts) need HarfBuzz shaping through
# libraqm; Pillow's wheels ship it. Without raqm those scripts are excluded upstream.
HAS_RAQM = features.check("raqm")
LAYOUT = ImageFont.Layout.RAQM if HAS_RAQM else ImageFont.Layout.BASIC

# A face "covers" a script when it has every character of its sample.
SCRIPT_SAMPLES = {
    "latin": "AaBbCcDdEeFfGgMmQqWwZz0123456789.,:;!?-",
    "cyrillic": "АаБбВвГгДдЖжЗзИиЙйКкЛлПпФфЦцЧчШшЩщЪъЫыЬьЭэЮюЯя",
    "greek": "ΑαΒβΓγΔδΕεΘθΛλΞξΠπΣσςΦφΨψΩω",
    "han": "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可",
    "japanese": "あいうえおかきくけこさしすせそアイウエオカキクケコサシスセソー",
    "hangul": "가나다라마바사아자차카타파하한국어의는을를이에",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "devanagari": "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह",
}
SCRIPTS = tuple(SCRIPT_SAMPLES)
CATEGORIES = ("sans", "serif", "mono", "handwriting", "display")

# Families left out of the index, each for a reason a cmap cannot show.
EXCLUDED_FAMILIES = {
    "D050000L": "dingbats under Latin code points",
    "Standard Symbols PS": "symbols under Latin code points",
    "Linux Biolinum Keyboard O": "draws keycaps, not letters",
    "Humor Sans": "draws lower case as capitals: labels would disagree with the pixels",
    "DkgHandwriting": "too irregular to read back (OCR CER 0.3-0.9)",
    "Breip": "too irregular to read back (OCR CER 0.3-0.9)",
    "DejaVu Math TeX Gyre": "math symbols font",
    "Noto Sans Math": "math symbols font",
}
# Characters drawn to check that a face's glyphs for a script are not empty boxes of
# nothing (NanumSquare maps kana to blank glyphs).
_INK_PROBES = {"latin": "Ag", "cyrillic": "Жя", "greek": "Ωλ", "han": "国的", "japanese": "あア",
               "hangul": "한국", "arabic": "بم", "devanagari": "कम"}

# Family-name words that decide a face's category (first match wins, in this order).
_CATEGORY_WORDS = (
    ("mono", ("Mono", "Code", "Coding", "Hack", "Inconsolata", "Courier", "Cousine", "Cursor", "Typewriter")),
    ("handwriting", ("Dancing", "Comic", "Humor", "dkg", "Chancery", "Z003", "Breip", "Script", "Handwriting")),
    ("serif", ("Serif", "Garamond", "Libertine", "Times", "Tinos", "Caladea", "Vollkorn", "Gentium",
               "Termes", "Pagella", "Schola", "Bonum", "Roman", "P052", "C059", "Bookman", "Mincho",
               "Myeongjo", "Song", "Andika", "Cambria", "Georgia", "Baskerville", "PT Serif")),
    ("display", ("Yanone", "Spartan", "Quicksand", "Cantarell", "Condensed", "Display", "Black", "Heros Cn")),
)


@dataclass(frozen=True)
class FontFace:
    path: str
    index: int  # face number inside a .ttc/.otc collection, else 0
    family: str
    style: str
    weight: int  # OS/2 usWeightClass: 400 regular, 700 bold
    italic: bool
    category: str  # one of CATEGORIES
    scripts: tuple[str, ...]

    @property
    def full_name(self) -> str:
        return f"{self.family} {self.style}".strip()

    @property
    def bold(self) -> bool:
        return self.weight >= 600

    def ref(self) -> dict:
        """How a render spec names this face (enough to load it and to describe it)."""
        return {"path": self.path, "index": self.index, "family": self.family, "style": self.style}


def font_files(dirs: tuple[Path, ...] = FONT_DIRS) -> tuple[str, ...]:
    files = []
    for root in dirs:
        if root.is_dir():
            files += [str(p) for p in root.rglob("*") if p.suffix.lower() in FONT_SUFFIXES and p.is_file()]
    return tuple(sorted(files))


def _category(family: str) -> str:
    for category, words in _CATEGORY_WORDS:
        if any(word in family for word in words):
            return category
    return "sans"


def _faces_in(path: str) -> list[FontFace]:
    """Every usable face of one file; [] for what PIL or fontTools cannot read."""
    try:
        fonts = TTCollection(path, lazy=True).fonts if path.lower().endswith((".ttc", ".otc")) else [
            TTFont(path, lazy=True)]
    except Exception:  # not a font after all, or a format fontTools rejects: not installed for us
        return []
    faces = []
    for index, tt in enumerate(fonts):
        try:
            family, style = ImageFont.truetype(path, 16, index=index, layout_engine=LAYOUT).getname()
            cmap = set(tt.getBestCmap() or ())
            os2 = tt["OS/2"] if "OS/2" in tt else None
        except Exception:
            continue
        if not family or family in EXCLUDED_FAMILIES:
            continue
        pil = ImageFont.truetype(path, 32, index=index, layout_engine=LAYOUT)
        scripts = tuple(s for s, sample in SCRIPT_SAMPLES.items()
                        if all(ord(c) in cmap for c in sample) and _draws_ink(pil, _INK_PROBES[s]))
        if not scripts:  # symbol, emoji and dingbat fonts draw no text we make
            continue
        style = style or "Regular"
        weight = int(os2.usWeightClass) if os2 is not None else (700 if "Bold" in style else 400)
        italic = "Italic" in style or "Oblique" in style
        faces.append(FontFace(path, index, family, style, weight, italic, _category(family), scripts))
    for tt in fonts:
        tt.close()
    return faces


def _draws_ink(font: ImageFont.FreeTypeFont, probe: str) -> bool:
    """Every probe character leaves ink (a mapped but empty glyph does not)."""
    for ch in probe:
        box = font.getmask(ch).getbbox()
        if not box or box[2] - box[0] < 2 or box[3] - box[1] < 2:
            return False
    return True


def _cache_dir() -> Path:
    return Path(os.environ.get("UNISYNTH_CACHE", Path.home() / ".cache" / "unisynth"))


def _files_key(files: tuple[str, ...]) -> str:
    digest = hashlib.sha256(f"{INDEX_FORMAT}|{LAYOUT}".encode())
    for path in files:
        stat = os.stat(path)
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w") as out:
        out.write(text)
    os.replace(tmp, path)  # concurrent builders (Ray actors) each write whole files


@functools.lru_cache(maxsize=8)
def _index_of(files: tuple[str, ...]) -> tuple[FontFace, ...]:
    cache = _cache_dir() / f"font_index-{_files_key(files)}.json"
    try:
        rows = json.loads(cache.read_text())
        return tuple(FontFace(**{**row, "scripts": tuple(row["scripts"])}) for row in rows)
    except (OSError, ValueError, TypeError, KeyError):
        pass  # absent or stale: build it
    faces = tuple(face for path in files for face in _faces_in(path))
    try:
        _write_atomic(cache, json.dumps([asdict(face) for face in faces]))
    except OSError:
        pass  # a read-only home only costs rebuilding next time
    return faces


@functools.lru_cache(maxsize=1)
def all_faces() -> tuple[FontFace, ...]:
    """Every usable face installed (cached per process and on disk; fonts installed
    while a process runs are seen by the next one)."""
    return _index_of(font_files())


def font_index() -> dict[str, tuple[FontFace, ...]]:
    """family -> faces, families sorted by name."""
    by_family: dict[str, list[FontFace]] = {}
    for face in all_faces():
        by_family.setdefault(face.family, []).append(face)
    return {family: tuple(by_family[family]) for family in sorted(by_family)}


def installed_families() -> list[str]:
    return list(font_index())


@functools.lru_cache(maxsize=256)
def faces_for(script: str, categories: tuple[str, ...] | None = None,
              families: tuple[str, ...] | None = None) -> tuple[FontFace, ...]:
    """Faces covering `script`, optionally limited to categories and family names."""
    if script not in SCRIPT_SAMPLES:
        raise ValueError(f"unknown script {script!r}; allowed: {', '.join(SCRIPTS)}")
    return tuple(
        face for face in all_faces()
        if script in face.scripts
        and (categories is None or face.category in categories)
        and (families is None or face.family in families)
    )


@functools.lru_cache(maxsize=4096)
def load_font(path: str, size: int, index: int = 0) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index, layout_engine=LAYOUT)


def load_face(ref: dict, size: int) -> ImageFont.FreeTypeFont:
    return load_font(ref["path"], size, ref.get("index", 0))


@functools.lru_cache(maxsize=512)
def codepoints(path: str, index: int = 0) -> frozenset[int]:
    if path.lower().endswith((".ttc", ".otc")):
        collection = TTCollection(path, lazy=True)
        try:
            return frozenset(collection.fonts[index].getBestCmap() or ())
        finally:
            collection.close()
    with TTFont(path, lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap() or ())


def needed_codepoints(text: str) -> frozenset[int]:
    """The code points of `text` a face must have: spaces and the invisible joining
    controls (ZWJ/ZWNJ) need no glyph."""
    return frozenset(ord(ch) for ch in set(text) if not ch.isspace() and ch not in "\u200c\u200d")


def covers(path: str, text: str, index: int = 0) -> bool:
    """Whether the face has a glyph for every non-space character of `text`."""
    return needed_codepoints(text) <= codepoints(path, index)


@functools.lru_cache(maxsize=65536)
def _inked(path: str, index: int, ch: str) -> bool:
    return load_font(path, 24, index).getmask(ch).getbbox() is not None


def inked(path: str, text: str, index: int = 0) -> bool:
    """Whether every visible character of `text` leaves ink: some faces map characters
    to empty glyphs (NanumSquare's ideographs), which the cmap check passes."""
    return all(_inked(path, index, ch) for ch in set(text)
               if not ch.isspace() and unicodedata.category(ch) not in ("Mn", "Cf"))


def missing_glyphs(path: str, text: str, index: int = 0) -> str:
    have = codepoints(path, index)
    return "".join(sorted({ch for ch in text if not ch.isspace() and ord(ch) not in have}))
