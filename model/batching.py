"""Training examples → model-ready token sequences → batches (the contract of
model/internvlu.py). Chat format (model/chat.py):

- und:  user(image + question) → assistant answer <|im_end|>        loss on the answer
- t2i:  user(prompt) → assistant [reasoning] <img>                    loss on reasoning and <img>;
        the head reads everything before <img> and draws the target
- edit: user(source image + instruction) → assistant [reasoning] <img> the same, with the source's
        latents as condition frames

Understanding images are tiled (model/tiling.py) and become `tokens_per_tile` ×
tiles `<IMG_CONTEXT>` tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch
from PIL import Image

from model.chat import image_placeholder
from model.config import ModelConfig
from model.tiling import dynamic_tiles, to_pixel_values
from model.tokenizer import TokenIds

IGNORE = -100


@dataclass
class Example:
    task: str                                  # "t2i" | "edit" | "und"
    prompt: str
    response: str = ""                         # und: the answer; t2i/edit: the CoT reasoning (may be empty)
    image: Image.Image | None = None           # und: the image asked about; edit: the source
    target_latents: torch.Tensor | None = None  # [z, H, W] normalised latents of the image to draw
    cond_latents: torch.Tensor | None = None    # [n, z, H, W] editing source latents


@dataclass
class Encoded:
    task: str
    input_ids: list[int]
    labels: list[int]
    context_end: int                           # head context = tokens [0, context_end); 0 for und
    pixel_values: torch.Tensor | None = None   # [tiles, 3, S, S]
    target_latents: torch.Tensor | None = None
    cond_latents: torch.Tensor | None = None
    extra: dict = field(default_factory=dict)


def _ids(tokenizer, text: str) -> list[int]:
    return tokenizer(text, add_special_tokens=False)["input_ids"]


def encode(example: Example, tokenizer, cfg: ModelConfig) -> Encoded:
    if example.task not in ("t2i", "edit", "und"):
        raise ValueError(f"task must be t2i, edit or und, got {example.task!r}")
    ids = TokenIds.of(tokenizer)
    pixel_values, image_text = None, ""
    if example.image is not None:
        tiles = dynamic_tiles(example.image.convert("RGB"), tile=cfg.vision.image_size, max_tiles=cfg.max_tiles,
                              use_thumbnail=cfg.use_thumbnail)
        pixel_values = to_pixel_values(tiles, cfg.vision.image_size)
        image_text = image_placeholder(len(tiles) * cfg.tokens_per_tile) + "\n"
    user = _ids(tokenizer, f"<|im_start|>user\n{image_text}{example.prompt}<|im_end|>\n<|im_start|>assistant\n")
    response = _ids(tokenizer, example.response) if example.response else []
    if example.task == "und":
        tail = response + [ids.im_end]
        return Encoded("und", user + tail, [IGNORE] * len(user) + tail, 0, pixel_values)
    if example.target_latents is None:
        raise ValueError(f"a {example.task} example needs target_latents")
    if example.task == "edit" and example.cond_latents is None:
        raise ValueError("an edit example needs cond_latents (the source image's latents)")
    input_ids = user + response + [ids.img_start]
    labels = [IGNORE] * len(user) + response + [ids.img_start]
    return Encoded(example.task, input_ids, labels, len(input_ids) - 1, pixel_values, example.target_latents,
                   example.cond_latents)


def collate(items: list[Encoded], pad_id: int) -> dict:
    """Right-padded batch. Generation targets must share one latent size (bucket by aspect
    ratio before batching); samples without a target get zeros and has_target False."""
    length = max(len(e.input_ids) for e in items)
    batch = len(items)
    input_ids = torch.full((batch, length), pad_id, dtype=torch.long)
    labels = torch.full((batch, length), IGNORE, dtype=torch.long)
    attention_mask = torch.zeros(batch, length, dtype=torch.bool)
    context_mask = torch.zeros(batch, length, dtype=torch.bool)
    for i, e in enumerate(items):
        n = len(e.input_ids)
        input_ids[i, :n] = torch.tensor(e.input_ids)
        labels[i, :n] = torch.tensor(e.labels)
        attention_mask[i, :n] = True
        context_mask[i, : e.context_end] = True
    tiles = [e.pixel_values for e in items if e.pixel_values is not None]
    out = {"input_ids": input_ids, "labels": labels, "attention_mask": attention_mask, "context_mask": context_mask,
           "pixel_values": torch.cat(tiles) if tiles else None, "tasks": [e.task for e in items],
           "target_latents": None, "has_target": None, "cond_latents": None, "has_cond": None}
    targets = [e.target_latents for e in items if e.target_latents is not None]
    if targets:
        shapes = {tuple(t.shape) for t in targets}
        if len(shapes) > 1:
            raise ValueError(f"targets of one batch must share a latent size, got {sorted(shapes)}")
        zeros = torch.zeros_like(targets[0])
        out["target_latents"] = torch.stack([e.target_latents if e.target_latents is not None else zeros
                                             for e in items])
        out["has_target"] = torch.tensor([e.target_latents is not None for e in items])
        conds = [e.cond_latents for e in items if e.cond_latents is not None]
        if conds:
            n = max(c.shape[0] for c in conds)
            blank = torch.zeros(n, *targets[0].shape)
            out["cond_latents"] = torch.stack([blank if e.cond_latents is None else
                                               torch.cat([e.cond_latents, blank[e.cond_latents.shape[0]:]])
                                               for e in items])
            out["has_cond"] = torch.tensor([e.cond_latents is not None for e in items])
    return out
