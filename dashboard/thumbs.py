"""Thumbnails, made on demand and cached twice: an LRU in memory (MEMORY_BYTES) and WebP
files under `$UNISYNTH_CACHE/dashboard-thumbs/` (default `~/.cache/unisynth`).

A cache key is (dataset URI, sample id, column, size), hashed: a sample id always names
the same pixels (samples are deterministic from their seed and never rewritten), so an
entry never goes stale when rows are appended or the dataset is compacted, and the key
never becomes a path a client could steer.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from dashboard.errors import BadRequest

SIZES = (96, 128, 160, 192, 256, 320, 384, 512)
MEMORY_BYTES = 64 * 2**20
QUALITY = 82


def default_cache_dir() -> Path:
    root = os.environ.get("UNISYNTH_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "unisynth")
    return Path(root) / "dashboard-thumbs"


def check_size(size: int) -> int:
    if size not in SIZES:
        raise BadRequest(f"size: {size} is not allowed; allowed: {', '.join(map(str, SIZES))}")
    return size


def make_thumbnail(data: bytes, size: int) -> bytes:
    """`data` (PNG/WebP/JPEG) shrunk to fit size x size, as WebP."""
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (size, size))  # JPEG: decode at a reduced scale
        image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
        image.thumbnail((size, size), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, "WEBP", quality=QUALITY, method=4)
    return out.getvalue()


class ThumbnailCache:
    def __init__(self, folder: Path | None, memory_bytes: int = MEMORY_BYTES):
        self.folder = folder
        self._memory: OrderedDict[str, bytes] = OrderedDict()
        self._memory_bytes = memory_bytes
        self._held = 0
        self._lock = threading.Lock()
        self.made = 0  # thumbnails rendered (cache misses), for tests and the bench

    @staticmethod
    def key(uri: str, sample_id: str, column: str, size: int) -> str:
        return hashlib.sha256("\x1f".join((uri, sample_id, column, str(size))).encode()).hexdigest()

    def get(self, key: str, source: Callable[[], bytes], size: int) -> bytes:
        """The thumbnail under `key`, made from `source()` (the image bytes) on a miss."""
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]
        data = self._read(key)
        if data is None:
            data = make_thumbnail(source(), size)
            self.made += 1
            self._write(key, data)
        self._remember(key, data)
        return data

    def _path(self, key: str) -> Path | None:
        return self.folder / key[:2] / f"{key}.webp" if self.folder else None

    def _read(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            return path.read_bytes() if path else None
        except OSError:
            return None

    def _write(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename: a reader never sees half a file, two writers never mix.
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only or full cache folder costs speed, not correctness

    def _remember(self, key: str, data: bytes) -> None:
        with self._lock:
            if key in self._memory:
                return
            self._memory[key] = data
            self._held += len(data)
            while self._held > self._memory_bytes and self._memory:
                _, old = self._memory.popitem(last=False)
                self._held -= len(old)
