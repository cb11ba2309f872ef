"""An on-disk cache of MLLM results, so that rerunning a job costs no model calls.

A result is keyed by what decided it: the model, the rubric's prompt version, the
sha256 of the image bytes (and of the source image for edits) and the sha256 of the
prompt's text (instruction and CoT). One sqlite3 file, shared by all actors on a
machine (WAL mode: readers never wait for the writer). Only answers that parsed are
stored: a failed call is retried on the next run.

Default location: `$UNISYNTH_CACHE/mllm_judge.sqlite`, `$UNISYNTH_CACHE` defaulting to
`~/.cache/unisynth`.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path


def default_cache_path(filename: str = "mllm_judge.sqlite") -> Path:
    root = os.environ.get("UNISYNTH_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "unisynth")
    return Path(root) / filename


def sha256(data: bytes | str | None) -> str:
    if data is None:
        return "-"
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def cache_key(model: str, prompt_version: str, image: bytes | None, source_image: bytes | None,
              text: str) -> str:
    parts = [model, prompt_version, sha256(image), sha256(source_image), sha256(text)]
    return sha256(json.dumps(parts))


class ResultCache:
    """key -> JSON value, in sqlite. Safe across processes; one connection per instance."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path else default_cache_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread off: the judge may be called from Ray's worker threads, one at a time.
        self._db = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL, "
                         "created REAL NOT NULL)")
        self._db.commit()

    def get_many(self, keys: list[str]) -> dict[str, dict]:
        found: dict[str, dict] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):  # sqlite caps the number of bound parameters
            chunk = unique[start:start + 500]
            rows = self._db.execute(
                f"SELECT key, value FROM results WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            found.update((key, json.loads(value)) for key, value in rows)
        return found

    def put_many(self, items: dict[str, dict]) -> None:
        if not items:
            return
        now = time.time()
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO results (key, value, created) VALUES (?, ?, ?)",
                                 [(k, json.dumps(v, ensure_ascii=False), now) for k, v in items.items()])

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0]

    def close(self) -> None:
        self._db.close()
