"""Rows of a view → a model-ready batch (model/batching.py): decode images, resize targets
into their bucket, VAE-encode (or use the `latents` column that `unisynth encode-latents`
wrote), tokenise with the chat template. Runs in Ray Data actors beside the trainer."""

from __future__ import annotations

import io
import json
import pickle

import numpy as np
import torch
from PIL import Image

from model.batching import Example, collate, encode
from model.config import ModelConfig
from model.tokenizer import TokenIds, load_tokenizer
from model.vae import LatentCodec
from training.views import View, take_rows

COLUMNS = ["id", "task", "instruction", "cot", "answer", "image", "source_image"]
LATENT_COLUMNS = ["latents", "source_latents"]


def decode_image(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as im:
        return im.convert("RGB")


def to_tensor(image: Image.Image, size: tuple[int, int]) -> torch.Tensor:
    arr = np.asarray(image.resize(size, Image.Resampling.BICUBIC), np.float32) / 127.5 - 1
    return torch.from_numpy(arr).permute(2, 0, 1)


def latents_from_bytes(data: bytes | None, size: tuple[int, int]) -> torch.Tensor | None:
    """Stored latents (npy, fp16) if they are at this bucket's size."""
    if not data:
        return None
    arr = np.load(io.BytesIO(data))
    return torch.from_numpy(arr.astype(np.float32)) if arr.shape[-2:] == (size[1] // 8, size[0] // 8) else None


def answer_text(answer: str | None) -> str:
    if not answer:
        return ""
    try:
        value = json.loads(answer)
    except json.JSONDecodeError:
        return answer
    if isinstance(value, dict):
        for key in ("answer", "text", "value"):
            if key in value:
                return str(value[key])
    return json.dumps(value, ensure_ascii=False)


def response_for(row: dict, cot: bool) -> str:
    """What the assistant turn says: for und the answer (after the CoT when `cot`); for
    t2i/edit the CoT before `<img>` when `cot`, else nothing."""
    reasoning = (row.get("cot") or "") if cot else ""
    if row["task"] != "und":
        return reasoning
    answer = answer_text(row["answer"])
    return f"{reasoning}\nAnswer: {answer}" if reasoning else answer


class BatchBuilder:
    """One per preprocessing actor: holds the tokenizer, the VAE and open datasets."""

    def __init__(self, model_config: dict, tokenizer: str, vae: str, views: list[dict], cot: bool, seed: int):
        self.cfg = ModelConfig.from_dict(model_config)
        self.tokenizer = load_tokenizer(tokenizer)
        self.pad = TokenIds.of(self.tokenizer).pad
        torch.manual_seed(seed)
        self.codec = LatentCodec.from_config(self.cfg.vae, seed) if vae == "random" else \
            LatentCodec.from_pretrained(vae)
        self.views = {v["name"]: View(**v) for v in views}
        self.datasets = {name: view.dataset() for name, view in self.views.items()}
        self.cot = cot

    def _latents(self, image: Image.Image, size, stored: bytes | None) -> torch.Tensor:
        cached = latents_from_bytes(stored, size)
        return cached if cached is not None else self.codec.encode(to_tensor(image, size)[None])[0]

    def example(self, row: dict, size: tuple[int, int]) -> Example:
        task = row["task"]
        if task == "und":
            return Example("und", row["instruction"], response_for(row, self.cot), image=decode_image(row["image"]))
        target = decode_image(row["image"])
        example = Example(task, row["instruction"], response_for(row, self.cot),
                          target_latents=self._latents(target, size, row.get("latents")))
        if task == "edit":
            source = decode_image(row["source_image"])
            example.image = source
            example.cond_latents = self._latents(source, size, row.get("source_latents"))[None]
        return example

    def __call__(self, batch: dict) -> dict:
        payloads = []
        for view, bucket, row_ids, step in zip(batch["view"], batch["bucket"], batch["row_ids"], batch["step"]):
            ds = self.datasets[view]
            columns = COLUMNS + [c for c in LATENT_COLUMNS if c in ds.schema.names]
            rows = take_rows(ds, list(row_ids), columns).to_pylist()
            size = (int(bucket[0]), int(bucket[1]))
            encoded = [encode(self.example(r, size), self.tokenizer, self.cfg) for r in rows]
            collated = collate(encoded, self.pad)
            collated["ids"] = [r["id"] for r in rows]
            collated["view"] = view
            collated["step"] = int(step)
            payloads.append(pickle.dumps(collated))
        return {"payload": np.array(payloads, dtype=object)}
