"""InternVLChat: the understanding path of InternVL-U (released subfolder `vlm/`).

Tiles go through InternViT; the class token is dropped, a 0.5 pixel shuffle folds each 2×2
patch neighbourhood into the channels (1024 patches of a 448px tile → 256 tokens of 4·1024),
and `mlp1` projects them to the LLM width. Their features replace the embeddings of the
`<IMG_CONTEXT>` placeholder tokens, tile after tile, in reading order; the Qwen3 decoder runs
on the result.

`special_token_embedding` (as in the released InternVL-U code, `replace_img_special_tokens`):
the image-generation special tokens (`<img>`-style markers the tokenizer adds) keep ids inside
the LLM vocabulary, but their input embeddings are *replaced* by row i of this table wherever
`input_ids == special_token_ids[i]`. The ids come from the tokenizer at run time, not from the
weights, so they are set on the model (`special_token_ids`), like the image token id.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn

from model.config import ModelConfig
from model.llm import Qwen3ForCausalLM
from model.vision import InternVisionModel


def pixel_shuffle(x: torch.Tensor, scale_factor: float = 0.5) -> torch.Tensor:
    """InternVL's pixel shuffle: [B, h, w, C] → [B, h·s, w·s, C/s²].

    The exact reshape/permute sequence of InternVL (`ps_version` v2) and transformers'
    `InternVLModel.pixel_shuffle`; the channel order of the folded neighbourhood is what the
    released `mlp1` weights expect, so it must not be "simplified".
    """
    batch, height, width, channels = x.shape
    if (height * scale_factor) % 1 or (width * scale_factor) % 1:
        raise ValueError(f"a {height}×{width} feature grid cannot be pixel-shuffled by {scale_factor}")
    x = x.reshape(batch, height, int(width * scale_factor), int(channels / scale_factor))
    x = x.permute(0, 2, 1, 3)
    x = x.reshape(batch, int(width * scale_factor), int(height * scale_factor),
                  int(channels / (scale_factor * scale_factor)))
    return x.permute(0, 2, 1, 3).contiguous()


class InternVLChat(nn.Module):
    """InternViT + pixel shuffle + `mlp1` projector + Qwen3, with InternVL-U's special-token table.

    `image_token_id` (the `<IMG_CONTEXT>` id) and `special_token_ids` depend on the tokenizer;
    pass them here or per call.
    """

    def __init__(self, cfg: ModelConfig, image_token_id: int | None = None,
                 special_token_ids: Sequence[int] | None = None):
        super().__init__()
        self.cfg = cfg
        vit_hidden, llm_hidden = cfg.vision.hidden_size, cfg.llm.hidden_size
        shuffled = vit_hidden * int(1 / cfg.downsample_ratio) ** 2
        self.vision_model = InternVisionModel(cfg.vision)
        self.language_model = Qwen3ForCausalLM(cfg.llm)
        self.mlp1 = nn.Sequential(nn.LayerNorm(shuffled), nn.Linear(shuffled, llm_hidden), nn.GELU(),
                                  nn.Linear(llm_hidden, llm_hidden))
        self.special_token_embedding = nn.Embedding(cfg.num_special_tokens, llm_hidden)
        self.image_token_id = image_token_id
        self.special_token_ids = None
        if special_token_ids is not None:
            self.set_special_token_ids(special_token_ids)
        self.init_weights()

    def set_special_token_ids(self, ids: Sequence[int]) -> None:
        if len(ids) != self.cfg.num_special_tokens:
            raise ValueError(f"special_token_embedding has {self.cfg.num_special_tokens} rows, got {len(ids)} ids")
        self.special_token_ids = [int(i) for i in ids]

    @torch.no_grad()
    def init_weights(self, std: float = 0.02) -> None:
        """Projector and special-token init (the ViT and LLM initialise themselves)."""
        for module in (*self.mlp1, self.special_token_embedding):
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.trunc_normal_(module.weight, std=std)
                if getattr(module, "bias", None) is not None:
                    nn.init.zeros_(module.bias)
            elif isinstance(module, nn.LayerNorm):
                nn.init.ones_(module.weight)
                nn.init.zeros_(module.bias)

    def extract_feature(self, pixel_values: torch.Tensor) -> torch.Tensor:
        """pixel_values [T, 3, H, W] (T tiles) → image features [T, tokens_per_tile, llm_hidden]."""
        patches = self.vision_model(pixel_values)[:, 1:]                       # drop the class token
        tiles, count, channels = patches.shape
        side = int(count**0.5)
        if side * side != count:
            raise ValueError(f"tiles must be square: {count} patches per tile")
        shuffled = pixel_shuffle(patches.reshape(tiles, side, side, channels), self.cfg.downsample_ratio)
        return self.mlp1(shuffled.reshape(tiles, -1, shuffled.shape[-1]))

    def embed_inputs(self, input_ids: torch.Tensor, pixel_values: torch.Tensor | None = None,
                     image_token_id: int | None = None, image_features: torch.Tensor | None = None) -> torch.Tensor:
        """Token embeddings with special-token rows swapped in and image features spliced into
        the `image_token_id` positions (in order: tile by tile, row-major within a tile)."""
        embeds = self.language_model.get_input_embeddings()(input_ids)
        embeds = self._replace_special_tokens(embeds, input_ids)
        if image_features is None and pixel_values is not None:
            image_features = self.extract_feature(pixel_values)
        if image_features is None:
            return embeds
        image_token_id = self.image_token_id if image_token_id is None else image_token_id
        if image_token_id is None:
            raise ValueError("pixel_values given but no image_token_id (pass it or set model.image_token_id)")
        is_image = input_ids == image_token_id
        n_tokens, n_features = int(is_image.sum()), image_features.shape[0] * image_features.shape[1]
        if n_tokens != n_features:
            raise ValueError(
                f"image token count mismatch: input_ids hold {n_tokens} image tokens (id {image_token_id}) but the "
                f"{image_features.shape[0]} tile(s) give {n_features} features ({image_features.shape[1]} per tile)")
        features = image_features.reshape(-1, embeds.shape[-1]).to(embeds.dtype)
        return embeds.masked_scatter(is_image.unsqueeze(-1), features)

    def _replace_special_tokens(self, embeds: torch.Tensor, input_ids: torch.Tensor) -> torch.Tensor:
        if not self.special_token_ids:
            return embeds
        ids = torch.tensor(self.special_token_ids, device=input_ids.device)
        match = input_ids.unsqueeze(-1) == ids                                     # [B, L, S]
        is_special = match.any(-1, keepdim=True)
        rows = self.special_token_embedding(match.long().argmax(-1)).to(embeds.dtype)
        return torch.where(is_special, rows, embeds)

    def forward(self, input_ids: torch.Tensor, pixel_values: torch.Tensor | None = None,
                attention_mask: torch.Tensor | None = None, position_ids: torch.Tensor | None = None,
                image_token_id: int | None = None, image_features: torch.Tensor | None = None,
                output_hidden_states: bool = False, compute_logits: bool = True) -> dict[str, torch.Tensor | None]:
        """input_ids [B, L] with `tokens_per_tile` image tokens per tile of pixel_values [T, 3, H, W].

        Returns {"logits": [B, L, vocab], "hidden_states": final-normed last layer [B, L, llm_hidden],
        "all_hidden_states": per-layer states when `output_hidden_states`}.
        """
        embeds = self.embed_inputs(input_ids, pixel_values, image_token_id, image_features)
        return self.language_model(inputs_embeds=embeds, position_ids=position_ids, attention_mask=attention_mask,
                                   output_hidden_states=output_hidden_states, compute_logits=compute_logits)
