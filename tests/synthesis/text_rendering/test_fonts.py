"""The font index: enough faces for every script, cached on disk, exact coverage."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from synthesis.text_rendering import fonts
from synthesis.text_rendering.fonts import SCRIPTS, all_faces, covers, faces_for, font_index, missing_glyphs


def test_the_installed_set_is_large_and_covers_every_script():
    faces = all_faces()
    assert len({f.path for f in faces}) >= 200, "the project's font packages (Makefile FONTS) are not installed"
    assert len(font_index()) >= 60
    for script in SCRIPTS:
        assert len({f.family for f in faces_for(script)}) >= 3, f"fewer than 3 families for {script}"
    assert {f.category for f in faces} == set(fonts.CATEGORIES)
    assert any(f.path.endswith(".ttc") and f.index > 0 for f in faces), "collection faces (CJK .ttc) are indexed"


def test_coverage_is_read_from_the_cmap():
    dejavu = next(f for f in font_index()["DejaVu Sans"] if f.style == "Book")
    assert covers(dejavu.path, "Grüße Ωμέγα привет")
    assert not covers(dejavu.path, "汉字")
    assert missing_glyphs(dejavu.path, "a汉b字") == "字汉"
    cjk = faces_for("han")[0]
    assert covers(cjk.path, "汉字 ok", cjk.index)


def test_index_is_cached_on_disk_and_reused(tmp_path):
    code = "from synthesis.text_rendering.fonts import all_faces; print(len(all_faces()))"
    env = {**os.environ, "UNISYNTH_CACHE": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    cached = list(tmp_path.glob("font_index-*.json"))
    rows = json.loads(cached[0].read_text())
    assert len(cached) == 1 and len(rows) == int(first.stdout)
    # Drop one face from the cache: a process that reads the cache (not rebuilds) sees one less.
    cached[0].write_text(json.dumps(rows[1:]))
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert int(second.stdout) == int(first.stdout) - 1
