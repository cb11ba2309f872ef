"""Typesetting: break text units into lines and find the largest font size at which
they fit a box; return word positions in the block's local coordinates.

Horizontal text is anchored at the left end of each word's baseline ("ls"), with words
of a right-to-left line placed from the right. Vertical CJK runs top to bottom in
columns that go right to left, one character per cell anchored at its centre ("mm").
"""

from __future__ import annotations

from dataclasses import dataclass

from synthesis.text_rendering.fonts import HAS_RAQM, load_face
from synthesis.text_rendering.text.linebreak import CLOSING

REF_SIZE = 100  # advances are measured once at this size and scaled (then checked)
MIN_SIZE = 10


@dataclass(frozen=True)
class Frame:
    """Where and how a block's text is set (all block-local px)."""

    width: float
    height: float
    align: str = "left"  # left | center | right
    valign: str = "top"  # top | middle | bottom
    spacing: float = 1.2  # line pitch in multiples of the font's ascent + descent
    direction: str = "ltr"  # ltr | rtl
    vertical: bool = False
    max_lines: int | None = None


def _advances(face_ref: dict, units: list[str], direction: str) -> list[float]:
    font = load_face(face_ref, REF_SIZE)
    return [font.getlength(u, direction=direction) for u in units]


def wrap(advances: list[float], space: float, max_width: float) -> list[list[int]] | None:
    """Greedy wrap of unit indices to `max_width`; None when a single unit is too wide."""
    lines: list[list[int]] = []
    line: list[int] = []
    width = 0.0
    for i, advance in enumerate(advances):
        if advance > max_width:
            return None
        if line and width + space + advance > max_width:
            lines.append(line)
            line, width = [i], advance
        else:
            width = advance if not line else width + space + advance
            line.append(i)
    if line:
        lines.append(line)
    return lines


def _horizontal(units, joiner, face_ref, size, frame: Frame, forced_breaks) -> dict | None:
    font = load_face(face_ref, size)
    ascent, descent = font.getmetrics()
    advances = [font.getlength(u, direction=frame.direction) for u in units]
    space = font.getlength(joiner, direction=frame.direction) if joiner else 0.0
    lines: list[list[int]] = []
    start = 0
    for end in [*forced_breaks, len(units)]:  # paragraphs wrap separately
        part = wrap(advances[start:end], space, frame.width)
        if part is None:
            return None
        lines += [[start + i for i in line] for line in part]
        start = end
    if frame.max_lines is not None and len(lines) > frame.max_lines:
        return None
    pitch = (ascent + descent) * frame.spacing
    block_h = ascent + descent + (len(lines) - 1) * pitch
    if block_h > frame.height:
        return None
    top = {"top": 0.0, "middle": (frame.height - block_h) / 2, "bottom": frame.height - block_h}[frame.valign]
    out_lines = []
    for n, line in enumerate(lines):
        width = sum(advances[i] for i in line) + space * (len(line) - 1)
        left = {"left": 0.0, "center": (frame.width - width) / 2, "right": frame.width - width}[frame.align]
        baseline = round(top + ascent + n * pitch)
        # Words stay in logical order (the label's reading order); an RTL line places
        # its first word at the right end.
        words, x = [], left
        for i in line:
            xx = x if frame.direction == "ltr" else left + width - (x - left) - advances[i]
            words.append({"text": units[i], "x": round(xx), "y": baseline})
            x += advances[i] + space
        out_lines.append({"text": joiner.join(units[i] for i in line), "words": words})
    return {"size": size, "anchor": "ls", "lines": out_lines}


def columns_of(chars: list[str], per_column: int) -> list[list[str]]:
    """Fill columns top to bottom; a column never starts with closing punctuation or a
    small kana (kinsoku): the character before it moves down with it."""
    columns, start = [], 0
    while start < len(chars):
        end = min(start + per_column, len(chars))
        while end < len(chars) and end - start > 1 and chars[end] in CLOSING:
            end -= 1
        columns.append(chars[start:end])
        start = end
    return columns


def _vertical(units, face_ref, size, frame: Frame) -> dict | None:
    cell = size * 1.05
    pitch = size * frame.spacing
    per_column = int(frame.height // cell)
    if per_column < 1:
        return None
    # One character per cell: units that kinsoku glued together ("チャ", "タ！") would
    # otherwise be drawn sideways across the column.
    columns = columns_of([ch for unit in units for ch in unit if not ch.isspace()], per_column)
    if frame.max_lines is not None and len(columns) > frame.max_lines:
        return None
    block_w = size + (len(columns) - 1) * pitch
    if block_w > frame.width:
        return None
    right = {"left": block_w, "center": (frame.width + block_w) / 2, "right": frame.width}[frame.align]
    out_lines = []
    for n, column in enumerate(columns):
        cx = right - size / 2 - n * pitch
        col_h = len(column) * cell
        top = {"top": 0.0, "middle": (frame.height - col_h) / 2, "bottom": frame.height - col_h}[frame.valign]
        words = [{"text": ch, "x": round(cx), "y": round(top + (k + 0.5) * cell)} for k, ch in enumerate(column)]
        out_lines.append({"text": "".join(column), "words": words})
    # OpenType `vert`: vertical forms of ー, brackets and 。、 (raqm applies it per glyph).
    return {"size": size, "anchor": "mm", "features": ["vert"] if HAS_RAQM else None, "lines": out_lines}


def set_text(units: list[str], joiner: str, face_ref: dict, frame: Frame, max_size: int,
             min_size: int = MIN_SIZE, forced_breaks: tuple[int, ...] = ()) -> dict | None:
    """The largest size in [min_size, max_size] at which `units` fit `frame`, laid out.

    Returns {"size", "anchor", "lines": [{"text", "words": [{"text", "x", "y"}]}]} or
    None when even `min_size` overflows. `forced_breaks` are unit indices that start a
    new line (paragraph ends).
    """
    if not units:
        return None
    if frame.vertical:
        lo, hi = min_size, max_size
        best = None
        while lo <= hi:  # vertical cells are size-proportional: plain bisection
            mid = (lo + hi) // 2
            laid = _vertical(units, face_ref, mid, frame)
            if laid is None:
                hi = mid - 1
            else:
                best, lo = laid, mid + 1
        return best
    # Bisect on advances measured once at REF_SIZE and scaled, then confirm with the real
    # font (hinting makes advances not exactly linear): shrink until it really fits.
    ref = _advances(face_ref, units, frame.direction)
    ref_font = load_face(face_ref, REF_SIZE)
    ref_space = ref_font.getlength(joiner, direction=frame.direction) if joiner else 0.0
    ascent, descent = ref_font.getmetrics()

    def fits(size: int) -> bool:
        k = size / REF_SIZE
        lines = 0
        start = 0
        for end in [*forced_breaks, len(units)]:
            part = wrap([a * k for a in ref[start:end]], ref_space * k, frame.width)
            if part is None:
                return False
            lines += len(part)
            start = end
        if frame.max_lines is not None and lines > frame.max_lines:
            return False
        return (ascent + descent) * k * (1 + (lines - 1) * frame.spacing) <= frame.height

    lo, hi, size = min_size, max_size, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if fits(mid):
            size, lo = mid, mid + 1
        else:
            hi = mid - 1
    size = size or min_size
    while size >= min_size:
        laid = _horizontal(units, joiner, face_ref, size, frame, forced_breaks)
        if laid is not None:
            return laid
        size = min(size - 1, int(size * 0.95))
    return None
