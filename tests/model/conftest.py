"""Tiny model, tokenizer and batch shared by the model tests (all random, all local)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from model.batching import Example, collate, encode
from model.config import tiny
from model.tokenizer import TokenIds, train_bpe

TEXTS = ["Draw a red apple on a wooden table.", "Make the clock show 2 h 45 min later.",
         "What is written on the sign?", "The sign says OPEN.", "A poster that says SALE in big letters.",
         "Remove the blue mug.", "The apple is red, so I paint it red."] * 30


@pytest.fixture(scope="session")
def tokenizer(tmp_path_factory):
    return train_bpe(TEXTS, vocab_size=400, folder=tmp_path_factory.mktemp("tokenizer"))


def picture(seed: int, size=(64, 48)) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8))


def make_batch(tokenizer, cfg=None, seed: int = 0) -> dict:
    """One batch of each task: und (with an image), t2i (with reasoning), edit (source tiles + latents)."""
    cfg = cfg or tiny()
    g = torch.Generator().manual_seed(seed)
    z = cfg.vae.z_dim
    examples = [
        Example("und", "What is written on the sign?", "The sign says OPEN.", image=picture(seed)),
        Example("t2i", "Draw a red apple on a wooden table.", "An apple is round and red.",
                target_latents=torch.randn(z, 4, 6, generator=g)),
        Example("edit", "Remove the blue mug.", "", image=picture(seed + 1),
                target_latents=torch.randn(z, 4, 6, generator=g), cond_latents=torch.randn(1, z, 4, 6, generator=g)),
    ]
    return collate([encode(e, tokenizer, cfg) for e in examples], TokenIds.of(tokenizer).pad)


@pytest.fixture
def batch(tokenizer):
    return make_batch(tokenizer)
