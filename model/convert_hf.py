"""State-dict and config adapter between our `InternVLChat` (the released InternVL-U `vlm/` layout)
and transformers' `InternVLForConditionalGeneration` (transformers 5.x "-hf" layout).

What differs:
- prefixes: `vision_model.` ↔ `model.vision_tower.`, `mlp1.{0,1,3}.` ↔ `model.multi_modal_projector.
  {layer_norm,linear_1,linear_2}.`, `language_model.model.` ↔ `model.language_model.`,
  `language_model.lm_head.` ↔ `lm_head.`;
- ViT names: `class_embedding`/`position_embedding`/`patch_embedding` ↔ `cls_token`/
  `position_embeddings`/`patch_embeddings.projection`, `encoder.layers` ↔ `encoder.layer`,
  `attn.proj` ↔ `attention.projection_layer`, `ls1/ls2` ↔ `lambda_1/lambda_2`,
  `norm1/norm2` ↔ `layernorm_before/layernorm_after`;
- our fused `attn.qkv` (rows: q, k, v) ↔ HF's separate `q_proj/k_proj/v_proj`;
- `special_token_embedding` has no HF counterpart. Because InternVL-U *replaces* the input
  embedding of special token i by row i, folding the rows into `embed_tokens` at the
  tokenizer's ids is exact (with untied embeddings); without the ids the table is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import torch

from model.config import LLMConfig, ModelConfig, VisionConfig

_PREFIXES = [  # (ours, HF), most specific first
    ("vision_model.", "model.vision_tower."),
    ("mlp1.0.", "model.multi_modal_projector.layer_norm."),
    ("mlp1.1.", "model.multi_modal_projector.linear_1."),
    ("mlp1.3.", "model.multi_modal_projector.linear_2."),
    ("language_model.model.", "model.language_model."),
    ("language_model.lm_head.", "lm_head."),
]
_VISION_PARTS = [  # (ours, HF) substrings inside a vision key (after the prefix)
    ("embeddings.class_embedding", "embeddings.cls_token"),
    ("embeddings.position_embedding", "embeddings.position_embeddings"),
    ("embeddings.patch_embedding.", "embeddings.patch_embeddings.projection."),
    ("encoder.layers.", "encoder.layer."),
    (".attn.proj.", ".attention.projection_layer."),
    (".attn.qkv.", ".attention.qkv."),  # HF splits it into q/k/v_proj (see to_hf / from_hf)
    (".ls1", ".lambda_1"),
    (".ls2", ".lambda_2"),
    (".norm1.", ".layernorm_before."),
    (".norm2.", ".layernorm_after."),
]
_SPECIAL = "special_token_embedding.weight"
_EMBED_OURS = "language_model.model.embed_tokens.weight"
_HEAD_OURS = "language_model.lm_head.weight"


def _rename(key: str, to_hf: bool) -> str:
    src, dst = (0, 1) if to_hf else (1, 0)
    for pair in _PREFIXES:
        if key.startswith(pair[src]):
            rest = key[len(pair[src]):]
            if pair[0] == "vision_model.":
                for part in _VISION_PARTS:
                    rest = rest.replace(part[src], part[dst])
            return pair[dst] + rest
    raise KeyError(f"no {'HF' if to_hf else 'InternVL-U'} name for parameter {key!r}")


def to_hf(state_dict: Mapping[str, torch.Tensor],
          special_token_ids: Sequence[int] | None = None) -> dict[str, torch.Tensor]:
    """Our / released `vlm/` state dict → `InternVLForConditionalGeneration` state dict.

    With `special_token_ids` (the tokenizer ids of the special tokens, in table order) the
    special-token rows are written into `embed_tokens`; without, the table is dropped.
    """
    out: dict[str, torch.Tensor] = {}
    for key, value in state_dict.items():
        if key == _SPECIAL:
            continue
        if ".attn.qkv." in key:
            fused = _rename(key, True)
            for name, part in zip(("q_proj", "k_proj", "v_proj"), value.chunk(3, dim=0)):
                out[fused.replace(".attention.qkv.", f".attention.{name}.")] = part.clone()
            continue
        out[_rename(key, True)] = value
    if special_token_ids is not None:
        embed, head = state_dict[_EMBED_OURS], state_dict.get(_HEAD_OURS)
        if head is not None and head.data_ptr() == embed.data_ptr():
            raise ValueError("cannot fold special tokens into tied embeddings: the LM head would change too")
        embed = embed.clone()
        embed[list(special_token_ids)] = state_dict[_SPECIAL].to(embed.dtype)
        out[_rename(_EMBED_OURS, True)] = embed
    return out


def from_hf(state_dict: Mapping[str, torch.Tensor],
            special_token_ids: Sequence[int] | None = None) -> dict[str, torch.Tensor]:
    """`InternVLForConditionalGeneration` state dict → ours.

    `special_token_embedding.weight` is filled from the `embed_tokens` rows at
    `special_token_ids` (so the model behaves exactly as the HF one); without the ids it is
    absent, and the model must be loaded with `strict=False` (its own rows are kept).
    A checkpoint saved with tied embeddings may omit `lm_head.weight`: it is rebuilt.
    """
    out: dict[str, torch.Tensor] = {}
    qkv: dict[str, dict[str, torch.Tensor]] = {}
    for key, value in state_dict.items():
        for name in ("q_proj", "k_proj", "v_proj"):
            marker = f".attention.{name}."
            if key.startswith("model.vision_tower.") and marker in key:
                qkv.setdefault(key.replace(marker, ".attention.qkv."), {})[name] = value
                break
        else:
            out[_rename(key, False)] = value
    for fused_key, parts in qkv.items():
        if len(parts) != 3:
            raise KeyError(f"incomplete q/k/v for {fused_key!r}: {sorted(parts)}")
        out[_rename(fused_key, False)] = torch.cat([parts["q_proj"], parts["k_proj"], parts["v_proj"]], dim=0)
    if _HEAD_OURS not in out:
        out[_HEAD_OURS] = out[_EMBED_OURS]
    if special_token_ids is not None:
        out[_SPECIAL] = out[_EMBED_OURS][list(special_token_ids)].clone()
    return out


def hf_config_from_ours(cfg: ModelConfig, *, image_token_id: int):
    """An `InternVLConfig` (Qwen3 text config) describing the same network as `cfg`.

    `image_token_id` is the tokenizer's `<IMG_CONTEXT>` id (HF's default, 151667, is InternVL3's).
    """
    from transformers import InternVLConfig, InternVLVisionConfig, Qwen3Config

    vision, llm = cfg.vision, cfg.llm
    vision_config = InternVLVisionConfig(
        hidden_size=vision.hidden_size, intermediate_size=vision.intermediate_size,
        num_attention_heads=vision.num_attention_heads, num_hidden_layers=vision.num_hidden_layers,
        image_size=vision.image_size, patch_size=vision.patch_size, attention_bias=vision.qkv_bias,
        layer_norm_eps=vision.layer_norm_eps, layer_scale_init_value=vision.initializer_factor,
        hidden_act="gelu", norm_type="layer_norm", use_qk_norm=False, use_mean_pooling=True)
    text_config = Qwen3Config(
        vocab_size=llm.vocab_size, hidden_size=llm.hidden_size, intermediate_size=llm.intermediate_size,
        num_hidden_layers=llm.num_hidden_layers, num_attention_heads=llm.num_attention_heads,
        num_key_value_heads=llm.num_key_value_heads, head_dim=llm.head_dim, rms_norm_eps=llm.rms_norm_eps,
        max_position_embeddings=llm.max_position_embeddings, tie_word_embeddings=llm.tie_word_embeddings,
        rope_parameters={"rope_type": "default", "rope_theta": llm.rope_theta})
    return InternVLConfig(
        vision_config=vision_config, text_config=text_config, image_token_id=image_token_id,
        image_seq_length=cfg.tokens_per_tile, downsample_ratio=cfg.downsample_ratio, projector_hidden_act="gelu",
        vision_feature_layer=-1, vision_feature_select_strategy="default",
        tie_word_embeddings=llm.tie_word_embeddings)  # the top-level flag is the one transformers reads


def _size(value: Any) -> int:
    """image_size / patch_size: an int or a square [h, w]."""
    if isinstance(value, (list, tuple)):
        if len(set(value)) != 1:
            raise ValueError(f"non-square size {value} is not supported")
        return int(value[0])
    return int(value)


def ours_from_hf_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """Sizes read from a config.json: transformers' InternVL (`vision_config` + `text_config`) or the
    released InternVL-U `vlm/config.json` (`vision_config` + `llm_config`).

    Returns ModelConfig keyword arguments: {"vision": VisionConfig, "llm": LLMConfig,
    "downsample_ratio": float}, e.g. `ModelConfig(name="released", **ours_from_hf_config(cfg))`.
    Features our modules do not implement raise ValueError instead of loading wrongly.
    """
    vis = dict(config["vision_config"])
    text = dict(config.get("text_config") or config["llm_config"])
    if vis.get("norm_type", "layer_norm") != "layer_norm":
        raise ValueError(f"vision norm_type {vis['norm_type']!r} is not supported (InternViT-300M uses layer_norm)")
    if vis.get("qk_normalization") or vis.get("use_qk_norm"):
        raise ValueError("vision QK normalisation (InternViT-6B) is not supported")
    if vis.get("hidden_act", "gelu") != "gelu":
        raise ValueError(f"vision hidden_act {vis['hidden_act']!r} is not supported")
    if config.get("select_layer", config.get("vision_feature_layer", -1)) != -1:
        raise ValueError("only the last ViT layer is supported as image features")
    if config.get("ps_version", "v2") != "v2":
        raise ValueError("pixel shuffle v1 is not supported")
    model_type = text.get("model_type", "qwen3")
    if model_type != "qwen3" or text.get("attention_bias") or text.get("use_sliding_window"):
        raise ValueError(f"the language model must be a plain Qwen3 (got {model_type!r})")

    image_size = config.get("force_image_size") or vis.get("image_size", 448)
    vision = VisionConfig(
        hidden_size=vis["hidden_size"], intermediate_size=vis["intermediate_size"],
        num_attention_heads=vis["num_attention_heads"], num_hidden_layers=vis["num_hidden_layers"],
        image_size=_size(image_size), patch_size=_size(vis.get("patch_size", 14)),
        qkv_bias=bool(vis.get("qkv_bias", vis.get("attention_bias", True))),
        layer_norm_eps=float(vis.get("layer_norm_eps", 1e-6)),
        initializer_factor=float(vis.get("initializer_factor", vis.get("layer_scale_init_value", 0.1))))
    rope = text.get("rope_parameters") or {}
    tie = config.get("tie_word_embeddings", text.get("tie_word_embeddings", False)) if "text_config" in config \
        else text.get("tie_word_embeddings", False)
    llm = LLMConfig(
        vocab_size=text["vocab_size"], hidden_size=text["hidden_size"], intermediate_size=text["intermediate_size"],
        num_hidden_layers=text["num_hidden_layers"], num_attention_heads=text["num_attention_heads"],
        num_key_value_heads=text.get("num_key_value_heads") or text["num_attention_heads"],
        head_dim=text.get("head_dim") or text["hidden_size"] // text["num_attention_heads"],
        rope_theta=float(rope.get("rope_theta", text.get("rope_theta", 1_000_000.0))),
        rms_norm_eps=float(text.get("rms_norm_eps", 1e-6)),
        max_position_embeddings=int(text.get("max_position_embeddings", 40_960)),
        tie_word_embeddings=bool(tie))
    return {"vision": vision, "llm": llm, "downsample_ratio": float(config.get("downsample_ratio", 0.5))}
