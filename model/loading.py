"""Build an InternVLU from any checkpoint folder we can read (ours, released, HF InternVL),
with its tokenizer and VAE when the folder has them."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import torch

from model import checkpoint
from model.config import ModelConfig
from model.internvlu import InternVLU
from model.tokenizer import TokenIds, load_tokenizer
from model.vae import LatentCodec


@dataclass
class Loaded:
    model: InternVLU
    kind: str                 # "ours" | "released" | "hf"
    has_head: bool            # False for HF InternVL checkpoints: the head is freshly initialised
    tokenizer: object | None
    codec: LatentCodec | None


def read_any(folder: str | Path) -> tuple[str, ModelConfig, dict[str, torch.Tensor], bool]:
    """(kind, config, our state dict, whether it holds a generation head)."""
    folder = Path(folder)
    kind = checkpoint.detect(folder)
    if kind == "ours":
        config, state = checkpoint.load(folder)
        return kind, config, state, True
    if kind == "released":
        config, state = checkpoint.read_released(folder)
        return kind, config, state, True
    from transformers import InternVLForConditionalGeneration  # noqa: PLC0415

    from model.convert_hf import from_hf, ours_from_hf_config  # noqa: PLC0415

    hf_config = json.loads((folder / "config.json").read_text())
    parts = ours_from_hf_config(hf_config)
    config = replace(ModelConfig(name=folder.name), **parts)
    # transformers maps whichever key layout the files use (saved files keep the legacy
    # `language_model.model.*` names) onto its module tree; we convert from that.
    hf = InternVLForConditionalGeneration.from_pretrained(str(folder), local_files_only=True, dtype=torch.float32)
    state = {f"vlm.{k}": v for k, v in from_hf(hf.state_dict()).items()}
    return kind, config, state, False


def load_model(folder: str | Path, tokenizer_path: str | Path | None = None, vae_path: str | Path | None = None,
               dtype: torch.dtype = torch.float32) -> Loaded:
    folder = Path(folder)
    kind, config, state, has_head = read_any(folder)
    tok_folder = Path(tokenizer_path) if tokenizer_path else folder
    tokenizer = load_tokenizer(tok_folder) if (tok_folder / "tokenizer.json").exists() else None
    model = InternVLU(config, TokenIds.of(tokenizer) if tokenizer else None)
    missing, unexpected = model.load_state_dict(state, strict=False)
    allowed_missing = [] if has_head else [k for k in missing if k.startswith("generation_decoder.")]
    allowed_missing += [k for k in missing if k.endswith("special_token_embedding.weight")]
    problems = sorted(set(missing) - set(allowed_missing)) + sorted(unexpected)
    if problems:
        shown = ", ".join(problems[:5]) + (f" and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise checkpoint.CheckpointError(f"{folder}: state dict does not fit the model ({shown})")
    vae_folder = Path(vae_path) if vae_path else folder / "vae"
    codec = LatentCodec.from_pretrained(vae_folder) if (vae_folder / "config.json").exists() else None
    return Loaded(model.to(dtype).eval(), kind, has_head, tokenizer, codec)


def save_model(model: InternVLU, folder: str | Path, tokenizer=None, codec: LatentCodec | None = None,
               layout: str = "ours") -> Path:
    """Write `model` (+ tokenizer, VAE) as ours or in the released layout."""
    folder = Path(folder)
    state = model.state_dict()
    if layout == "ours":
        checkpoint.save(state, model.cfg, folder)
    elif layout == "released":
        checkpoint.write_released(state, model.cfg, folder)
    else:
        raise ValueError(f"unknown layout {layout!r}; allowed: ours, released")
    if tokenizer is not None:
        tokenizer.save_pretrained(str(folder))
    if codec is not None:
        codec.vae.save_pretrained(str(folder / "vae"))
    return folder
