"""Make the resources SynthTIGER's horizontal template reads, locally, nothing downloaded.

    .peers/synthtiger-venv/bin/python bench/peers/synthtiger/make_resources.py [--out DIR] [--force]

Writes under DIR (default `.peers/synthtiger-resources/` at the repo root):

    font/       symlinks to installed Latin TTFs + `<name>.txt` glyph lists (BaseFont needs
                them: without a glyph list a font is never chosen for any text)
    corpus/words.txt          one text per line (corpus_words.WORDS, English, + short phrases)
    colormap/gray.txt         gray-level clusters, SynthTIGER's colormap format
    texture/*.jpg             procedural paper/noise textures made with numpy
    resources.json            what was made; its presence means "done" (written last)

SynthTIGER's own resources (Google Fonts, MJSynth/SynthText corpora, IIIT5K colormaps,
SynthText backgrounds) are large downloads; these stand-ins exercise the same code paths
with comparable sizes (40-80 px glyphs, 512 px textures). Deterministic: fixed seeds.
Needs only numpy, Pillow and fontTools (all in the peer venv).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np
from fontTools.ttLib import TTFont
from PIL import Image

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_OUT = REPO_ROOT / ".peers" / "synthtiger-resources"
WORDS_MODULE = Path(__file__).resolve().parent / "corpus_words.py"
RESOURCES_VERSION = 1  # bump when the content changes, so old folders are remade

# Latin text faces common on Debian images; whichever of these exist are used.
FONT_CANDIDATES = (
    "truetype/dejavu/DejaVuSans.ttf",
    "truetype/dejavu/DejaVuSans-Bold.ttf",
    "truetype/dejavu/DejaVuSerif.ttf",
    "truetype/dejavu/DejaVuSansCondensed.ttf",
    "truetype/liberation2/LiberationSans-Regular.ttf",
    "truetype/liberation2/LiberationSans-Bold.ttf",
    "truetype/liberation2/LiberationSerif-Regular.ttf",
    "truetype/liberation2/LiberationMono-Regular.ttf",
    "truetype/noto/NotoSans-Regular.ttf",
    "truetype/noto/NotoSans-Bold.ttf",
    "truetype/noto/NotoSerif-Regular.ttf",
    "truetype/noto/NotoSerif-Bold.ttf",
    "truetype/lato/Lato-Regular.ttf",
    "truetype/open-sans/OpenSans-Regular.ttf",
    "truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf",
    "truetype/gentiumplus/GentiumPlus-Regular.ttf",
    "truetype/croscore/Tinos-Regular.ttf",
    "truetype/crosextra/Carlito-Regular.ttf",
)
FONT_ROOTS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
MIN_FONTS = 3

TEXTURE_COUNT = 24
TEXTURE_SIZE = 512
COLORMAP_ROWS = 400  # per k
MAX_TEXT_LENGTH = 25  # SynthTIGER's horizontal config keeps texts of 1-25 characters


def find_fonts() -> list[Path]:
    found = []
    for relative in FONT_CANDIDATES:
        for root in FONT_ROOTS:
            if (root / relative).is_file():
                found.append(root / relative)
                break
    if len(found) < MIN_FONTS:
        raise SystemExit(f"make_resources: found {len(found)} of the Latin fonts it looks for under "
                         f"{', '.join(map(str, FONT_ROOTS))}; need at least {MIN_FONTS} "
                         "(install fonts-dejavu-core, fonts-liberation2 or fonts-noto-core)")
    return found


def glyph_list(font_path: Path) -> str:
    """Characters the font maps (its best cmap), printable ones only, as BaseFont reads them."""
    font = TTFont(str(font_path), lazy=True, fontNumber=0)
    try:
        codepoints = font.getBestCmap() or {}
    finally:
        font.close()
    return "".join(chr(cp) for cp in sorted(codepoints) if chr(cp).isprintable())


def make_fonts(out: Path) -> list[str]:
    out.mkdir(parents=True)
    names = []
    for path in find_fonts():
        link = out / path.name
        link.symlink_to(path)
        # BaseFont reads "<font path without extension>.txt" as the font's charset.
        link.with_suffix(".txt").write_text(glyph_list(path), encoding="utf-8")
        names.append(path.name)
    return names


def load_words() -> tuple[str, ...]:
    # words.py is dependency-free; load it by path so this runs in the peer venv,
    # which does not have the project installed.
    spec = importlib.util.spec_from_file_location("unisynth_words", WORDS_MODULE)
    if spec is None or not WORDS_MODULE.is_file():
        raise SystemExit(f"make_resources: word list not found at {WORDS_MODULE}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return tuple(module.WORDS)


def make_corpus(out: Path, rng: np.random.Generator) -> int:
    """Single words (like MJSynth) plus 2-4 word phrases (like SynthText lines), <= 25 chars."""
    words = load_words()
    lines = list(words)
    while len(lines) < 4 * len(words):
        count = int(rng.integers(2, 5))
        phrase = " ".join(words[i] for i in rng.integers(0, len(words), count))
        if len(phrase) <= MAX_TEXT_LENGTH:
            lines.append(phrase)
    out.mkdir(parents=True)
    (out / "words.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def make_colormap(out: Path, rng: np.random.Generator) -> int:
    """Rows of "center std center std [center std]" (k = 2 or 3 clusters of gray levels).

    ColorMap keeps the rows whose cluster count equals its k, so one file serves both the
    2-colour (text, background) and 3-colour (text, background, style) maps. Centres are
    kept >= 48 gray levels apart so most draws are legible, like colormaps clustered from
    real word crops (IIIT5K), which are mostly high-contrast.
    """
    rows = []
    for k in (2, 3):
        made = 0
        while made < COLORMAP_ROWS:
            centers = rng.uniform(0, 255, k)
            if np.min(np.diff(np.sort(centers))) < 48:
                continue
            stds = rng.uniform(2, 18, k)
            rows.append(" ".join(f"{c:.2f} {s:.2f}" for c, s in zip(centers, stds)))
            made += 1
    out.mkdir(parents=True)
    (out / "gray.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def fractal_noise(rng: np.random.Generator, size: int, octaves: int, persistence: float) -> np.ndarray:
    """Value noise summed over octaves (coarse grids upsampled bicubically), scaled to [0, 1]."""
    total = np.zeros((size, size), np.float32)
    amplitude, weight = 1.0, 0.0
    for octave in range(octaves):
        cells = 2 ** (octave + 2)
        grid = rng.random((cells, cells), dtype=np.float32)
        layer = Image.fromarray(grid, mode="F").resize((size, size), Image.BICUBIC)
        total += amplitude * np.asarray(layer)
        weight += amplitude
        amplitude *= persistence
    total /= weight
    return (total - total.min()) / max(float(np.ptp(total)), 1e-6)


def paper_texture(rng: np.random.Generator, size: int, kind: str) -> np.ndarray:
    """One RGB uint8 texture: paper grain, stains, fibres or woven cloth."""
    base = rng.uniform(150, 250)
    if kind == "grain":
        field = 0.7 * fractal_noise(rng, size, 6, 0.6) + 0.3 * rng.random((size, size), dtype=np.float32)
        gray = base + (field - 0.5) * rng.uniform(30, 80)
    elif kind == "stains":
        field = fractal_noise(rng, size, 4, 0.5)
        gray = base - np.clip(field - rng.uniform(0.45, 0.65), 0, None) * rng.uniform(100, 220)
        gray += (rng.random((size, size), dtype=np.float32) - 0.5) * 12
    elif kind == "fibres":
        streaks = rng.random((size // 16, size), dtype=np.float32)
        streaks = np.asarray(Image.fromarray(streaks, mode="F").resize((size, size), Image.BICUBIC))
        if rng.random() < 0.5:
            streaks = streaks.T
        gray = base + (streaks - 0.5) * rng.uniform(25, 60) + (fractal_noise(rng, size, 5, 0.5) - 0.5) * 25
    else:  # cloth: two sine weaves plus grain
        y, x = np.mgrid[0:size, 0:size].astype(np.float32)
        period = rng.uniform(3, 9)
        weave = np.sin(2 * np.pi * x / period) * np.sin(2 * np.pi * y / period)
        gray = base + weave * rng.uniform(8, 25) + (rng.random((size, size), dtype=np.float32) - 0.5) * 20
    tint = rng.uniform(0.85, 1.0, 3).astype(np.float32)  # slightly warm/cool paper
    rgb = gray[..., None] * tint[None, None, :]
    return np.clip(rgb, 0, 255).astype(np.uint8)


def make_textures(out: Path, rng: np.random.Generator) -> int:
    out.mkdir(parents=True)
    kinds = ("grain", "stains", "fibres", "cloth")
    for index in range(TEXTURE_COUNT):
        kind = kinds[index % len(kinds)]
        image = Image.fromarray(paper_texture(rng, TEXTURE_SIZE, kind), mode="RGB")
        image.save(out / f"{index:02d}_{kind}.jpg", quality=90)
    return TEXTURE_COUNT


def is_complete(out: Path) -> bool:
    marker = out / "resources.json"
    if not marker.is_file():
        return False
    try:
        return json.loads(marker.read_text()).get("version") == RESOURCES_VERSION
    except ValueError:
        return False


def make_resources(out: Path, force: bool = False) -> dict:
    """Build the folder (in a temporary sibling, then renamed, so a crash leaves no half-made set)."""
    if is_complete(out) and not force:
        return json.loads((out / "resources.json").read_text())
    staging = out.with_name(out.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    rng = np.random.default_rng(20240531)
    summary = {
        "version": RESOURCES_VERSION,
        "fonts": make_fonts(staging / "font"),
        "corpus_lines": make_corpus(staging / "corpus", rng),
        "colormap_rows": make_colormap(staging / "colormap", rng),
        "textures": make_textures(staging / "texture", rng),
    }
    (staging / "resources.json").write_text(json.dumps(summary, indent=1) + "\n")
    shutil.rmtree(out, ignore_errors=True)
    os.replace(staging, out)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="resources folder (default: %(default)s)")
    parser.add_argument("--force", action="store_true", help="remake even if the folder is complete")
    args = parser.parse_args()
    already = is_complete(args.out) and not args.force
    summary = make_resources(args.out, force=args.force)
    state = "already present" if already else "made"
    print(f"synthtiger resources {state} at {args.out}: {len(summary['fonts'])} fonts, "
          f"{summary['corpus_lines']} corpus lines, {summary['colormap_rows']} colormap rows, "
          f"{summary['textures']} textures", file=sys.stderr)


if __name__ == "__main__":
    main()
