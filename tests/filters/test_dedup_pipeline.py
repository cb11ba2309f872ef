"""The dedup judge as a pipeline stage: real Ray (the session's `ray_local`), real Lance.

SceneGenerator (a plugin, loaded by path in the Ray workers) draws one distinct picture
per scene number and can plant near-duplicates: `pairs` makes every odd seed a resized,
re-encoded copy of the scene of the even seed before it; `period` repeats scenes.
"""

from __future__ import annotations

import io

import lance
import pyarrow as pa
import pytest
from PIL import Image, ImageEnhance
from pydantic import Field

from pipelines.runner import run_job
from pipelines.spec import validate_spec
from synthesis.generator import Generator, GeneratorParams
from synthesis.sample import Sample
from tests.filters.test_dedup import draw_scene

SCENES = "tests.filters.test_dedup_pipeline:SceneGenerator"


def _png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def copy_of(im: Image.Image) -> Image.Image:
    """80 % size, 5 % brighter, through JPEG q=70, back to the original size."""
    small = ImageEnhance.Brightness(im.resize((round(im.width * 0.8), round(im.height * 0.8)))).enhance(1.05)
    buf = io.BytesIO()
    small.save(buf, format="JPEG", quality=70)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB").resize(im.size)


class SceneParams(GeneratorParams):
    pairs: bool = Field(False, description="odd seeds: a near-copy of the previous even seed's scene")
    period: int = Field(0, ge=0, description="scene = seed % period (0: scene = seed)")


class SceneGenerator(Generator):
    name = SCENES
    version = "1.0.0"
    Params = SceneParams

    def __call__(self, seed: int, params: SceneParams) -> Sample:
        number = seed // 2 if params.pairs else (seed % params.period if params.period else seed)
        im = draw_scene(number)
        if params.pairs and seed % 2:
            im = copy_of(im)
        return Sample(generator=self.name, generator_version=self.version, template="scene", task="t2i",
                      seed=seed, instruction=f"Draw scene {number}.", image=_png(im),
                      width=im.width, height=im.height)


def spec(tmp_path, name: str, num_samples: int, params: dict | None = None, against=(), job: str = "dd"):
    return validate_spec({
        "job": job, "num_samples": num_samples, "output": str(tmp_path / f"{name}.lance"),
        "batch_size": 4, "commit_every": 4,
        "generators": [{"name": SCENES, "params": params or {}}],
        "filters": [{"name": "image_sanity"},
                    {"name": "dedup", "thresholds": {"against": [str(a) for a in against]},
                     "resources": {"max_actors": 1}}],
    })


def rows(uri: str) -> dict[str, dict]:
    columns = ["id", "seed", "verdict", "reason", "dedup_phash", "dedup_of", "dedup_kind", "dedup_distance"]
    return {r["id"]: r for r in lance.dataset(uri).to_table(columns=columns).to_pylist()}


def scene_id(job: str, seed: int) -> str:
    return f"{job}/{SCENES}/{seed}"


def test_planted_pairs_in_one_job_keep_exactly_one_of_each(ray_local, tmp_path):
    s = spec(tmp_path, "pairs", 12, {"pairs": True})
    result = run_job(s)
    got = rows(s.output)
    assert len(got) == 12 == result.written  # nothing dropped
    assert all(r["dedup_phash"] is not None for r in got.values())
    for pair in range(6):
        a, b = got[scene_id("dd", 2 * pair)], got[scene_id("dd", 2 * pair + 1)]
        kept, copy = (a, b) if a["verdict"] == "keep" else (b, a)
        assert kept["verdict"] == "keep" and kept["dedup_of"] is None
        assert copy["verdict"] == "reject" and copy["dedup_of"] == kept["id"] and copy["dedup_kind"] == "image"
        assert copy["reason"] == f"dedup: phash_distance={int(copy['dedup_distance'])} <= 6"
    assert result.funnel.rejected_by_filter["dedup"] == 6


@pytest.mark.slow  # two jobs: ~20-27 s on the shared 2-core machine
def test_resumed_job_flags_repeats_of_committed_rows(ray_local, tmp_path):
    first = spec(tmp_path, "resume", 6, {"period": 6})
    run_job(first)
    assert {r["verdict"] for r in rows(first.output).values()} == {"keep"}
    result = run_job(spec(tmp_path, "resume", 12, {"period": 6}))
    got = rows(first.output)
    assert result.already_done == 6 and result.written == 6 and len(got) == 12
    for seed in range(6, 12):
        r = got[scene_id("dd", seed)]
        assert r["verdict"] == "reject" and r["dedup_of"] == scene_id("dd", seed - 6), r
        assert r["dedup_distance"] == 0.0
    assert all(got[scene_id("dd", seed)]["verdict"] == "keep" for seed in range(6))


@pytest.mark.slow  # two jobs: ~20 s on the shared 2-core machine
def test_against_datasets_with_and_without_stored_hashes(ray_local, tmp_path):
    earlier = spec(tmp_path, "earlier", 4, job="earlier")
    run_job(earlier)
    # A dataset from elsewhere: ids and images only, so its images are hashed at start.
    plain = str(tmp_path / "plain.lance")
    lance.write_dataset(pa.table({
        "id": [f"photos/{n}" for n in (4, 5)],
        "image": [_png(copy_of(draw_scene(n))) for n in (4, 5)],
    }), plain)
    later = spec(tmp_path, "later", 8, against=[earlier.output, plain], job="later")
    run_job(later)
    got = rows(later.output)
    assert len(got) == 8
    for seed in range(4):
        assert got[scene_id("later", seed)]["dedup_of"] == scene_id("earlier", seed)
    for seed in (4, 5):
        r = got[scene_id("later", seed)]
        assert r["dedup_of"] == f"photos/{seed}" and r["verdict"] == "reject"
    for seed in (6, 7):
        assert got[scene_id("later", seed)]["verdict"] == "keep"
