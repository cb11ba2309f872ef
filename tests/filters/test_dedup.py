"""The dedup judge without Ray: pHash, MinHash, the index, and the judge on Arrow batches."""

from __future__ import annotations

import io
import json

import numpy as np
import pyarrow as pa
import pytest
from PIL import Image, ImageDraw, ImageEnhance
from pydantic import ValidationError

from filters.dedup.index import DedupIndex, InstructionIndex, PhashIndex
from filters.dedup.judge import DedupJudge, DedupThresholds
from filters.dedup.minhash import Banding, MinHasher, Signature, content_key, jaccard, normalize
from filters.dedup.phash import GRID, LOW, hamming, phash, phash_many
from pipelines.spec import SpecError, validate_spec
from synthesis.generator import generator_class
from synthesis.sample import SAMPLE_SCHEMA, Sample, rows_to_table

# A real instruction of the text_rendering generator (template "sign").
SIGN = ('Create a photo of a sign (743×550 px) on a softly mottled light magenta background showing the '
        'name "Exit" in large white italic serif letters at the centre, rotated by about 1°. Spell every '
        'text exactly as given.')


def encode(im: Image.Image, fmt: str = "PNG", **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format=fmt, **kw)
    return buf.getvalue()


def planted_copy(image: bytes) -> bytes:
    """The same picture at 80 % size, 5 % brighter, re-encoded as JPEG q=70."""
    im = Image.open(io.BytesIO(image)).convert("RGB")
    im = im.resize((round(im.width * 0.8), round(im.height * 0.8)), Image.Resampling.LANCZOS)
    return encode(ImageEnhance.Brightness(im).enhance(1.05), "JPEG", quality=70)


def scene(seed: int, size: int = 96) -> bytes:
    """A distinct picture per seed (PNG bytes)."""
    return encode(draw_scene(seed, size))


def draw_scene(seed: int, size: int = 96) -> Image.Image:
    """A distinct picture per seed: coloured shapes at random places."""
    rng = np.random.default_rng(seed)
    im = Image.new("RGB", (size, size), tuple(int(v) for v in rng.integers(0, 256, 3)))
    draw = ImageDraw.Draw(im)
    for _ in range(6):
        x0, y0 = rng.integers(0, size - 20, 2)
        w, h = rng.integers(10, size // 2, 2)
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape([int(x0), int(y0), int(x0 + w), int(y0 + h)], fill=tuple(int(v) for v in rng.integers(0, 256, 3)))
    return im


def labelled_diagram(label: str) -> bytes:
    """The same layout with another small label: what a templated diagram looks like."""
    im = Image.new("RGB", (320, 240), "white")
    draw = ImageDraw.Draw(im)
    draw.rectangle([40, 60, 280, 180], outline="black", width=3)
    draw.line([40, 120, 280, 120], fill="black", width=2)
    draw.text((140, 30), label, fill="black")
    return encode(im)


def row(seed: int, image: bytes | None, instruction: str = "draw", task: str = "t2i", answer=None,
        verdict: str = "unjudged", reason: str | None = None, generator: str = "g") -> dict:
    s = Sample(generator=generator, generator_version="1", template="t", task=task, seed=seed,
               instruction=instruction, image=image, width=1, height=1, answer=answer, verdict=verdict,
               reason=reason)
    return s.to_row("job")


def judge(**thresholds) -> DedupJudge:
    return DedupJudge(DedupThresholds(**thresholds))


@pytest.fixture(scope="module")
def generated():
    """Real generator samples: 16 science diagrams and 3 text renderings."""
    science = generator_class("science")()
    text = generator_class("text_rendering")()
    samples = [science(seed, science.Params()) for seed in range(16)]
    samples += [text(seed, text.Params()) for seed in (3, 5, 12)]
    return [s for s in samples if s.image]


# ---------------------------------------------------------------------------
# pHash


def reference_phash(image: bytes) -> int:
    """pHash straight from the DCT-II definition (loops, no matrices), for comparison."""
    from filters.dedup.phash import grey_thumbnail

    x = grey_thumbnail(image).astype(np.float64)
    n = GRID
    coeff = np.zeros((LOW, LOW))
    for u in range(LOW):
        for v in range(LOW):
            total = 0.0
            for i in range(n):
                for j in range(n):
                    total += x[i, j] * np.cos(np.pi * (2 * i + 1) * u / (2 * n)) * np.cos(np.pi * (2 * j + 1) * v / (2 * n))
            au = np.sqrt(1 / n) if u == 0 else np.sqrt(2 / n)
            av = np.sqrt(1 / n) if v == 0 else np.sqrt(2 / n)
            coeff[u, v] = au * av * total
    flat = coeff.ravel()
    median = np.median(flat[1:])
    value = 0
    for k in range(1, LOW * LOW):
        if flat[k] > median:
            value |= 1 << (LOW * LOW - 1 - k)
    return value


def test_phash_matches_the_dct_definition_and_ignores_brightness():
    image = scene(3)
    h = phash(image)
    assert h == reference_phash(image)
    assert h >> 63 == 0  # the DC bit
    assert h.bit_count() == 31  # strictly above the median of 63 AC terms
    flat_brighter = np.clip(np.asarray(Image.open(io.BytesIO(image)), dtype=np.int16) + 6, 0, 255).astype(np.uint8)
    assert hamming(h, phash(encode(Image.fromarray(flat_brighter)))) <= 2


def test_phash_of_a_fixed_picture_never_changes():
    # Stored hashes of older datasets stay comparable only while this value holds.
    gradient = np.add.outer(np.arange(64), 2 * np.arange(64)).astype(np.uint8)
    gradient[16:40, 8:30] = 255
    assert hex(phash(encode(Image.fromarray(gradient)))) == "0x463f3fc2c7c7c2"


def test_planted_copies_of_generated_images_are_close_and_distinct_images_are_not(generated):
    images = [s.image for s in generated]
    originals = phash_many(images)
    copies = phash_many([planted_copy(i) for i in images])
    distances = [hamming(a, b) for a, b in zip(originals, copies)]
    assert max(distances) <= 6, distances
    pairwise = [hamming(a, b) for i, a in enumerate(originals) for b in originals[i + 1:]]
    assert np.mean(pairwise) > 20
    assert phash_many([None, b"", b"not an image"]) == [None, None, None]


# ---------------------------------------------------------------------------
# MinHash


def test_instructions_differing_only_in_quoted_text_are_not_duplicates():
    hasher = MinHasher()
    other = SIGN.replace('"Exit"', '"Open"')
    a, b = hasher.signature(SIGN), hasher.signature(other)
    assert jaccard(a, b) == 0.0  # the content differs
    # Why the content rule exists: the shingles alone are above the 0.9 threshold.
    assert jaccard(Signature(0, a.values), Signature(0, b.values)) >= 0.9


def test_case_whitespace_and_punctuation_variants_are_duplicates():
    hasher = MinHasher()
    variant = "  " + SIGN.upper().replace(" ", "   ").replace(",", " ;").replace(".", "!") + "\n"
    assert normalize(variant) == normalize(SIGN)
    assert jaccard(hasher.signature(SIGN), hasher.signature(variant)) == 1.0
    reworded = SIGN.replace("softly mottled", "mottled soft")
    assert 0.9 > jaccard(hasher.signature(SIGN), hasher.signature(reworded)) > 0.7


def test_numbers_are_content():
    lens = "An object 5 cm tall stands 5 cm in front of a converging lens of focal length 12 cm."
    assert content_key(lens) != content_key(lens.replace("12 cm", "15 cm"))
    assert content_key(lens) == content_key(lens.replace("converging", "Converging"))
    assert content_key("Write “通知”.") != content_key("Write “设置”.")
    assert content_key("q", answer='{"lines": ["A"]}') != content_key("q", answer='{"lines": ["B"]}')


def test_signatures_are_deterministic_and_round_trip():
    a, b = MinHasher(64).signature(SIGN), MinHasher(64).signature(SIGN)
    assert np.array_equal(a.values, b.values) and a.content == b.content
    blob = a.to_bytes()
    assert len(blob) == 9 + 4 * 64
    back = Signature.from_bytes(blob)
    assert back.content == a.content and np.array_equal(back.values, a.values)
    with pytest.raises(ValueError, match="MinHash signature"):
        Signature.from_bytes(b"\x02" + blob[1:])
    assert MinHasher().signature("") is None and MinHasher().signature("?!") is None


def test_banding_finds_every_pair_a_full_scan_finds():
    hasher = MinHasher(128)
    rng = np.random.default_rng(1)
    words = ["red", "blue", "sign", "poster", "large", "small", "bold", "at", "the", "top", "left", "card"]
    base = [" ".join(rng.choice(words, 30)) for _ in range(40)]
    texts = base + [t.replace(t.split()[k], "green", 1) for t in base for k in (3, 17)]
    sigs = [hasher.signature(t) for t in texts]
    for threshold in (0.9, 0.8, 0.6):
        index = InstructionIndex(128, threshold)
        for i, s in enumerate(sigs[:40]):
            index.add(s, str(i))
        banding = Banding.for_threshold(128, threshold)
        assert banding.bands * banding.rows <= 128
        for s in sigs:
            found = set(index.matches(s)[0].tolist())
            scan = {i for i, t in enumerate(sigs[:40]) if jaccard(s, t) >= threshold}
            assert found == scan


def test_instruction_index_after_its_buckets_were_merged():
    rng = np.random.default_rng(3)
    index = InstructionIndex(128, 0.9)
    stored = [Signature(int(rng.integers(1, 4)), rng.integers(0, 2**32, 128, dtype=np.uint32)) for _ in range(2000)]
    for i, sig in enumerate(stored):
        index.add(sig, str(i))  # 26,000 band keys: more than the unmerged limit
    assert len(index._buckets._keys) > 0
    for i in range(0, 2000, 50):
        values = stored[i].values.copy()
        values[rng.choice(128, int(rng.integers(0, 14)), replace=False)] += 1
        query = Signature(stored[i].content, values)
        scan = [j for j, s in enumerate(stored) if jaccard(query, s) >= 0.9]
        assert index.matches(query)[0].tolist() == scan


# ---------------------------------------------------------------------------
# The pHash index


def test_multi_index_lookup_equals_a_brute_force_scan():
    rng = np.random.default_rng(7)
    n = 40_000  # above the plain-scan size, so the chunk buckets are used
    hashes = rng.integers(0, 2**64, n, dtype=np.uint64)
    for distance in (0, 3, 6, 9):
        index = PhashIndex(distance)
        index.extend(hashes, np.zeros(n, np.uint64), [str(i) for i in range(n)])
        index.seal()
        for k in range(40):
            flips = rng.choice(64, size=int(rng.integers(0, distance + 3)), replace=False)
            query = int(hashes[int(rng.integers(n))]) ^ sum(1 << int(b) for b in flips)
            if k % 10 == 0:
                index.add(query ^ 1, 0, f"new{k}")  # unsealed entries are found too
            got, ref = index.matches(query), index.brute_force_matches(query)
            assert got[0].tolist() == ref[0].tolist() and got[1].tolist() == ref[1].tolist()
        assert len(index.candidates(int(hashes[0]))) < n / 20  # sub-linear: a small share is checked


# ---------------------------------------------------------------------------
# The judge


def test_planted_near_duplicates_are_flagged_with_the_original_id(generated):
    rows = [row(i, s.image, s.instruction, s.task, s.answer, generator=s.generator) for i, s in enumerate(generated)]
    copies = [dict(r, id=r["id"] + "/copy", seed=r["seed"] + 1000, image=planted_copy(r["image"])) for r in rows]
    out = judge()(rows_to_table(rows + copies)).to_pylist()
    assert len(out) == 2 * len(rows)
    for r in out[: len(rows)]:
        assert (r["verdict"], r["dedup_of"], r["dedup_kind"]) == ("unjudged", None, None), r["reason"]
        assert r["dedup_phash"] is not None and r["dedup_content"] is not None
    for r in out[len(rows):]:
        assert r["verdict"] == "reject" and r["dedup_of"] == r["id"].removesuffix("/copy")
        assert r["dedup_kind"] == "image"
        assert r["reason"] == f"dedup: phash_distance={int(r['dedup_distance'])} <= 6"


def test_nothing_is_flagged_among_distinct_generated_and_drawn_images(generated):
    rows = [row(i, s.image, s.instruction, s.task, s.answer) for i, s in enumerate(generated)]
    rows += [row(100 + i, scene(i), f"draw scene {i}") for i in range(60)]
    out = judge()(rows_to_table(rows))
    assert out["verdict"].to_pylist() == ["unjudged"] * len(rows)
    assert out["dedup_of"].null_count == len(rows)
    # and on pHash alone
    out = judge(image_content_guard=False)(rows_to_table(rows[len(generated):]))
    assert out["dedup_of"].null_count == 60


def test_templated_diagrams_with_other_labels_need_the_content_guard():
    a, b = labelled_diagram("R1 = 10 ohm"), labelled_diagram("R1 = 20 ohm")
    assert hamming(phash(a), phash(b)) <= 6  # pHash cannot read the label
    rows = [row(1, a, "Draw a circuit with R1 = 10 ohm."), row(2, b, "Draw a circuit with R1 = 20 ohm.")]
    assert judge()(rows_to_table(rows))["verdict"].to_pylist() == ["unjudged", "unjudged"]
    unguarded = judge(image_content_guard=False)(rows_to_table(rows)).to_pylist()
    assert unguarded[1]["dedup_of"] == "job/g/1"


def test_instruction_duplicates_in_the_judge():
    variant = SIGN.lower().replace(",", "")
    other_text = SIGN.replace('"Exit"', '"Open"')
    rows = [row(1, None, SIGN), row(2, None, variant), row(3, None, other_text),
            row(4, None, variant, task="edit"), row(5, None, "What does the watermark say?", task="und"),
            row(6, None, "What does the watermark say?", task="und")]
    out = judge()(rows_to_table(rows)).to_pylist()
    assert [r["verdict"] for r in out] == ["unjudged", "reject", "unjudged", "unjudged", "unjudged", "unjudged"]
    assert out[1]["dedup_of"] == "job/g/1" and out[1]["dedup_kind"] == "instruction"
    assert out[1]["reason"] == "dedup: instruction_jaccard=1 >= 0.9" and out[1]["dedup_distance"] == 0.0
    assert out[1]["dedup_minhash"] is not None and out[4]["dedup_minhash"] is None  # und: not compared
    off = judge(instructions=False)(rows_to_table(rows))
    assert off["verdict"].to_pylist().count("reject") == 0 and off["dedup_minhash"].null_count == 6


def test_error_rows_untouched_rejected_rows_never_indexed_nothing_dropped():
    image = scene(5)
    error = Sample.error(generator="g", generator_version="1", seed=9, exc=ValueError("boom")).to_row("job")
    rows = [row(1, image, verdict="reject", reason="image_sanity: std=1 < 2"), error,
            row(2, planted_copy(image)), row(3, image)]
    out = judge()(rows_to_table(rows)).to_pylist()
    assert len(out) == 4
    assert out[0]["reason"] == "image_sanity: std=1 < 2" and out[0]["dedup_phash"] is not None
    assert out[1]["verdict"] == "error" and out[1]["reason"] == "ValueError: boom"
    assert all(out[1][c] is None for c in DedupJudge.columns())
    # row 2 is the first *kept* copy: it stays; row 3 duplicates row 2, not the rejected row 1
    assert out[2]["verdict"] == "unjudged" and out[3]["dedup_of"] == "job/g/2"


def test_a_batch_seen_twice_is_not_its_own_duplicate():
    dedup = judge()
    table = rows_to_table([row(i, scene(i), f"draw {i}") for i in range(4)])
    dedup(table)
    again = dedup(table)  # a retried task on the same actor
    assert again["verdict"].to_pylist() == ["unjudged"] * 4 and again["dedup_of"].null_count == 4
    assert len(dedup.index.images) == 4


def test_index_ties_go_to_the_first_entry():
    index = DedupIndex()
    rows = index.hash_rows([scene(1)] * 3, ["a"] * 3, [None] * 3, ["t2i"] * 3)
    index.add("first", rows[0])
    index.add("second", rows[1])
    assert index.find(rows[2]).id == "first"


# ---------------------------------------------------------------------------
# Seeding from Lance


def test_stored_columns_seed_a_new_judge(tmp_path):
    import lance
    import pyarrow.compute as pc

    rows = [row(1, scene(1), "Draw scene 1."), row(2, None, SIGN), row(3, scene(3), "Draw scene 3.")]
    judged = judge()(rows_to_table(rows))
    verdicts = pa.array(["keep", "keep", "reject"])  # row 3: rejected by some judge
    judged = judged.set_column(judged.schema.get_field_index("verdict"), "verdict", verdicts)
    uri = str(tmp_path / "done.lance")
    lance.write_dataset(judged, uri)

    fresh = judge()
    assert fresh.load_committed(uri) == 2  # kept rows only
    assert fresh.load_committed(str(tmp_path / "missing.lance")) == 0
    later = [row(7, planted_copy(scene(1)), "draw scene 1"), row(8, None, SIGN.upper()), row(9, scene(3), "Draw scene 3.")]
    out = fresh(rows_to_table(later)).to_pylist()
    assert [(r["dedup_of"], r["dedup_kind"]) for r in out] == [
        ("job/g/1", "image"), ("job/g/2", "instruction"), (None, None)]
    assert pc.all(pc.equal(pc.utf8_length(judged["dedup_phash"].drop_null()), 16)).as_py()


def test_a_dataset_without_hash_columns_is_hashed_from_its_images(tmp_path):
    import lance

    uri = str(tmp_path / "photos.lance")
    lance.write_dataset(pa.table({"id": [f"p/{i}" for i in range(5)], "image": [scene(i) for i in range(5)]}), uri)
    seen = []
    index = DedupIndex()
    assert index.load_lance(uri, batch_size=2, progress=lambda done, total: seen.append((done, total))) == 5
    assert seen == [(2, 5), (4, 5), (5, 5)]
    hashes = index.hash_rows([planted_copy(scene(4))], ["anything"], [None], ["t2i"])
    assert index.find(hashes[0]).id == "p/4"  # unknown content: pHash alone
    lance.write_dataset(pa.table({"image": [scene(1)]}), str(tmp_path / "noid.lance"))
    with pytest.raises(ValueError, match="no id column"):
        index.load_lance(str(tmp_path / "noid.lance"))


# ---------------------------------------------------------------------------
# Thresholds and the spec


def test_thresholds_are_strict():
    with pytest.raises(ValidationError, match="extra"):
        DedupThresholds(max_distance=3)
    with pytest.raises(ValidationError, match="relative"):
        DedupThresholds(against=["data/other.lance"])
    with pytest.raises(ValidationError, match="not a readable Lance dataset"):
        DedupThresholds(against=["/nonexistent/x.lance"])
    with pytest.raises(ValidationError):
        DedupThresholds(max_phash_distance=40)


def test_spec_refuses_a_dedup_pool_of_more_than_one_actor():
    base = {"job": "d", "num_samples": 4, "output": "/tmp/d.lance",
            "generators": [{"name": "tests.plugins:FlakyGenerator"}]}
    with pytest.raises(SpecError) as info:
        validate_spec({**base, "filters": [{"name": "dedup"}]})
    assert info.value.problems == [(
        "filters[0].resources.max_actors: dedup must see every row in one actor (got 'auto'); "
        "set resources: {max_actors: 1}")]
    spec = validate_spec({**base, "filters": [{"name": "dedup", "resources": {"max_actors": 1}}]})
    assert spec.filters[0].resources.max_actors == 1


def test_columns_and_types():
    assert DedupJudge.columns() == {
        "dedup_phash": pa.string(), "dedup_content": pa.string(), "dedup_minhash": pa.binary(),
        "dedup_of": pa.string(), "dedup_kind": pa.string(), "dedup_distance": pa.float32()}
    out = judge()(rows_to_table([row(1, scene(1), "draw", answer={"lines": ["x"]})]))
    assert out.schema.names[: len(SAMPLE_SCHEMA)] == SAMPLE_SCHEMA.names
    assert json.loads(out["answer"][0].as_py()) == {"lines": ["x"]}
