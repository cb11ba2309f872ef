"""`unisynth encode-latents`: VAE latents as new Lance columns, used by training when present."""

from __future__ import annotations

import io
import shutil

import lance
import numpy as np
import torch

from model.config import tiny
from model.vae import LatentCodec
from pipelines.cli import main
from training.config import ImageSettings
from training.plan import bucket_of, bucket_sizes
from training.preprocess import decode_image, latents_from_bytes, to_tensor


def test_latents_columns_match_the_vae_and_feed_training(quickstart_dataset, tmp_path, capsys):
    uri = str(tmp_path / "copy.lance")
    shutil.copytree(quickstart_dataset, uri)
    before = lance.dataset(uri).count_rows()
    assert main(["encode-latents", uri, "--vae", "random", "--model", "tiny", "--min-px", "64", "--max-px", "64"]) == 0
    assert "latents and source_latents written" in capsys.readouterr().out
    ds = lance.dataset(uri)
    assert ds.count_rows() == before and {"latents", "source_latents"} <= set(ds.schema.names)
    rows = ds.to_table(columns=["image", "source_image", "width", "height", "latents", "source_latents", "task"]
                       ).to_pylist()
    codec = LatentCodec.from_config(tiny().vae, 0)
    size = bucket_of(rows[0]["width"], rows[0]["height"], bucket_sizes(ImageSettings(min_px=64, max_px=64)))
    stored = latents_from_bytes(rows[0]["latents"], size)
    assert stored is not None and stored.shape == (16, size[1] // 8, size[0] // 8)
    fresh = codec.encode(to_tensor(decode_image(rows[0]["image"]), size)[None])[0]
    assert torch.allclose(stored, fresh, atol=2e-2)  # fp16 storage
    edits = [r for r in rows if r["task"] == "edit"]
    assert all(r["source_latents"] for r in edits) and all(r["source_latents"] is None for r in rows
                                                           if not r["source_image"])
    assert np.load(io.BytesIO(rows[0]["latents"])).dtype == np.float16
    assert main(["encode-latents", uri, "--vae", "random"]) != 0  # already there: refused, nothing lost
    assert lance.dataset(uri).count_rows() == before
