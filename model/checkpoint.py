"""Checkpoint formats, as state-dict adapters (torchtitan style):

- ours: `config.json` (ModelConfig) + `model.safetensors` with keys `vlm.*` and
  `generation_decoder.*` (+ an optional `vae/` diffusers folder);
- released InternVL-U: `vlm/` and `generation_decoder/` subfolders, each with its
  config.json and safetensors (possibly sharded), and `vae/` (diffusers);
- HF InternVL3.5 (`InternVLForConditionalGeneration`): see model/convert_hf.py.

Our module tree mirrors the released names, so the released ↔ ours converter is a
prefix split plus the config translation; `read_released` raises a one-line error
naming the missing or unexpected keys.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

from model.config import HeadConfig, LLMConfig, ModelConfig, VisionConfig
from model.errors import CheckpointError

__all__ = ["CheckpointError", "detect", "load", "read_released", "save", "write_released"]

PARTS = ("vlm", "generation_decoder")
FORMAT = "unisynth-internvlu-v1"


# --- safetensors folders ------------------------------------------------------------

def _save_tensors(state: dict[str, torch.Tensor], path: Path) -> None:
    # safetensors refuses shared storage (tied embeddings): save independent copies.
    save_file({k: v.detach().contiguous().clone() for k, v in state.items()}, str(path))


def _load_tensors(folder: Path) -> dict[str, torch.Tensor]:
    """All tensors of a folder: model.safetensors, or the shards its index names."""
    index = folder / "model.safetensors.index.json"
    if index.exists():
        files = sorted(set(json.loads(index.read_text())["weight_map"].values()))
    else:
        files = sorted(p.name for p in folder.glob("*.safetensors"))
    if not files:
        raise CheckpointError(f"{folder}: no .safetensors files")
    state: dict[str, torch.Tensor] = {}
    for name in files:
        state.update(load_file(str(folder / name)))
    return state


def _read_json(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise CheckpointError(f"{path}: missing")
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        raise CheckpointError(f"{path}: not JSON ({exc})") from None


# --- ours ---------------------------------------------------------------------------

def save(state: dict[str, torch.Tensor], config: ModelConfig, folder: str | Path,
         extra: dict[str, Any] | None = None) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _save_tensors(state, folder / "model.safetensors")
    (folder / "config.json").write_text(json.dumps({"format": FORMAT, "model": config.to_dict(), **(extra or {})},
                                                   indent=2))
    return folder


def load(folder: str | Path) -> tuple[ModelConfig, dict[str, torch.Tensor]]:
    folder = Path(folder)
    meta = _read_json(folder / "config.json")
    if meta.get("format") != FORMAT:
        raise CheckpointError(f"{folder}: not a unisynth checkpoint (format {meta.get('format')!r}, "
                              f"expected {FORMAT!r}); released InternVL-U folders load with read_released")
    return ModelConfig.from_dict(meta["model"]), _load_tensors(folder)


def detect(folder: str | Path) -> str:
    """'ours', 'released' or 'hf' for a checkpoint folder; CheckpointError otherwise."""
    folder = Path(folder)
    if (folder / "config.json").exists():
        meta = _read_json(folder / "config.json")
        if meta.get("format") == FORMAT:
            return "ours"
        if "InternVLForConditionalGeneration" in (meta.get("architectures") or []):
            return "hf"
    if all((folder / part / "config.json").exists() for part in PARTS):
        return "released"
    raise CheckpointError(f"{folder}: not a checkpoint (expected config.json of ours or an HF InternVL, "
                          "or the released vlm/ + generation_decoder/ layout)")


# --- released InternVL-U layout -------------------------------------------------------

def released_configs(cfg: ModelConfig) -> dict[str, dict[str, Any]]:
    """The config.json of each released subfolder, from our config."""
    v, llm, head = cfg.vision, cfg.llm, cfg.head
    vlm = {
        "architectures": ["InternVLChatModel"],
        "downsample_ratio": cfg.downsample_ratio, "max_dynamic_patch": cfg.max_tiles,
        "use_thumbnail": cfg.use_thumbnail, "force_image_size": v.image_size,
        "num_special_tokens": cfg.num_special_tokens,
        "vision_config": {"architectures": ["InternVisionModel"], "hidden_size": v.hidden_size,
                          "intermediate_size": v.intermediate_size, "num_attention_heads": v.num_attention_heads,
                          "num_hidden_layers": v.num_hidden_layers, "image_size": v.image_size,
                          "patch_size": v.patch_size, "qkv_bias": v.qkv_bias, "layer_norm_eps": v.layer_norm_eps,
                          "initializer_factor": v.initializer_factor, "norm_type": "layer_norm"},
        "llm_config": {"architectures": ["Qwen3ForCausalLM"], "model_type": "qwen3", "vocab_size": llm.vocab_size,
                       "hidden_size": llm.hidden_size, "intermediate_size": llm.intermediate_size,
                       "num_hidden_layers": llm.num_hidden_layers, "num_attention_heads": llm.num_attention_heads,
                       "num_key_value_heads": llm.num_key_value_heads, "head_dim": llm.head_dim,
                       "rope_theta": llm.rope_theta, "rms_norm_eps": llm.rms_norm_eps,
                       "max_position_embeddings": llm.max_position_embeddings,
                       "tie_word_embeddings": llm.tie_word_embeddings},
    }
    gen = {
        "input_hidden_size": llm.hidden_size, "output_hidden_size": head.joint_attention_dim,
        "decoder_projector_type": "mlp2x_gelu", "max_sequence_length": head.max_text_tokens,
        "decoder_config": {"patch_size": head.patch_size, "in_channels": head.in_channels,
                    "out_channels": head.out_channels, "num_layers": head.num_layers,
                    "attention_head_dim": head.attention_head_dim, "num_attention_heads": head.num_attention_heads,
                    "joint_attention_dim": head.joint_attention_dim, "axes_dims_rope": list(head.axes_dims_rope),
                    "ffn_dim": head.ffn_dim, "gated_attention": head.gated_attention},
    }
    return {"vlm": vlm, "generation_decoder": gen}


def _pick(data: dict[str, Any], cls, where: str, **renames: str):
    """A config dataclass from the keys of `data` it knows (others ignored), so that a
    released config.json with extra keys still loads; `renames` maps our field → key."""
    fields = cls.__dataclass_fields__
    kwargs = {}
    for name in fields:
        key = renames.get(name, name)
        if key in data:
            value = data[key]
            kwargs[name] = tuple(value) if isinstance(value, list) else value
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise CheckpointError(f"{where}: {exc}") from None


def config_from_released(folder: Path, name: str = "released") -> ModelConfig:
    vlm = _read_json(folder / "vlm" / "config.json")
    gen = _read_json(folder / "generation_decoder" / "config.json")
    decoder = gen.get("decoder_config", gen.get("decoder"))  # the public config class names it decoder_config
    if "vision_config" not in vlm or "llm_config" not in vlm or decoder is None:
        raise CheckpointError(f"{folder}: vlm/config.json needs vision_config and llm_config, "
                              "generation_decoder/config.json needs decoder_config")
    vision = _pick(vlm["vision_config"], VisionConfig, "vlm/config.json vision_config")
    image_size = vlm.get("force_image_size") or vision.image_size
    vision = replace(vision, image_size=int(image_size if not isinstance(image_size, list) else image_size[0]))
    llm = _pick(vlm["llm_config"], LLMConfig, "vlm/config.json llm_config")
    head = _pick(decoder, HeadConfig, "generation_decoder/config.json decoder_config")
    head = replace(head, max_text_tokens=int(gen.get("max_sequence_length", head.max_text_tokens)))
    if gen.get("input_hidden_size", llm.hidden_size) != llm.hidden_size:
        raise CheckpointError(f"{folder}: generation_decoder input_hidden_size {gen['input_hidden_size']} "
                              f"!= LLM hidden size {llm.hidden_size}")
    return ModelConfig(name=name, vision=vision, llm=llm, head=head,
                       downsample_ratio=float(vlm.get("downsample_ratio", 0.5)),
                       max_tiles=int(vlm.get("max_dynamic_patch", 12)),
                       use_thumbnail=bool(vlm.get("use_thumbnail", True)),
                       num_special_tokens=int(vlm.get("num_special_tokens", 10)))


def to_released(state: dict[str, torch.Tensor]) -> dict[str, dict[str, torch.Tensor]]:
    """Our keys (`vlm.x`, `generation_decoder.y`) → {subfolder: {x: tensor}}."""
    out: dict[str, dict[str, torch.Tensor]] = {part: {} for part in PARTS}
    for key, value in state.items():
        part, _, rest = key.partition(".")
        if part not in out:
            raise CheckpointError(f"unexpected key {key!r}: ours start with {' or '.join(PARTS)}")
        out[part][rest] = value
    return out


def from_released(parts: dict[str, dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
    return {f"{part}.{key}": value for part, state in parts.items() for key, value in state.items()}


def write_released(state: dict[str, torch.Tensor], config: ModelConfig, folder: str | Path) -> Path:
    folder = Path(folder)
    configs = released_configs(config)
    for part, tensors in to_released(state).items():
        (folder / part).mkdir(parents=True, exist_ok=True)
        (folder / part / "config.json").write_text(json.dumps(configs[part], indent=2))
        _save_tensors(tensors, folder / part / "model.safetensors")
    return folder


def read_released(folder: str | Path) -> tuple[ModelConfig, dict[str, torch.Tensor]]:
    folder = Path(folder)
    config = config_from_released(folder)
    return config, from_released({part: _load_tensors(folder / part) for part in PARTS})
