"""InternVL-U: the understanding MLLM (`vlm`: InternViT + projector + Qwen3) and the
generation head (`generation_decoder`: connector + MMDiT), with the training objective.

The attribute names are the released checkpoint's subfolders, so our state dict is the
released one with `vlm.` / `generation_decoder.` prefixes (model/checkpoint.py). The VAE
is frozen and lives beside the model (model/vae.py); training batches carry latents.

A training batch (dict of tensors, one latent grid size per batch):
    input_ids [B, L], attention_mask [B, L]     chat-templated tokens (model/chat.py)
    labels [B, L]                                next-token targets, -100 where no loss
    pixel_values [T, 3, S, S] or None            understanding tiles, in image-token order
    context_mask [B, L] bool                     tokens the head reads (user turn up to <img>)
    target_latents [B, z, H, W] or None          normalised VAE latents of the image to draw
    has_target [B] bool                          which samples draw (T2I, edit)
    cond_latents [B, n, z, H, W] or None         editing source latents (frames t = 1..n)
    has_cond [B] bool                            which samples have condition frames
    tasks: list[str]                             "t2i" | "edit" | "und", for CFG dropping
"""

from __future__ import annotations

import math
from typing import Any

import torch
from torch import nn

from model.config import ModelConfig
from model.flow import condition_drops, flow_matching_loss, noisy_latents, sample_timesteps, velocity_target
from model.generation_decoder import GenerationDecoder
from model.msrope import build_positions, fit_context
from model.patchify import patchify
from model.tokenizer import TokenIds
from model.vlm import InternVLChat


class InternVLU(nn.Module):
    def __init__(self, cfg: ModelConfig, token_ids: TokenIds | None = None):
        super().__init__()
        self.cfg = cfg
        self.token_ids = token_ids
        self.vlm = InternVLChat(cfg, image_token_id=token_ids.img_context if token_ids else None)
        self.generation_decoder = GenerationDecoder(cfg)

    # --- the head's inputs ---------------------------------------------------------

    def context_segments(self, ids: torch.Tensor, keep: torch.Tensor) -> list:
        """MSRoPE layout of one sample's context tokens (ids [L] where keep): text runs and
        the ViT grids of understanding images (each tile a frame of √n × √n tokens)."""
        tpt = self.cfg.tokens_per_tile
        side = math.isqrt(tpt)
        image_id = self.vlm.image_token_id
        kept = ids[keep].tolist()
        segments, i = [], 0
        while i < len(kept):
            j = i
            is_image = image_id is not None and kept[i] == image_id
            while j < len(kept) and (kept[j] == image_id) == is_image:
                j += 1
            run = j - i
            if is_image and run % tpt == 0:
                segments.append(("image", run // tpt, side, side, self.cfg.head.context_image_position_scale))
            else:
                segments.append(("text", run))
            i = j
        return fit_context(segments, self.cfg.head.max_text_tokens)

    def head_freqs(self, input_ids: torch.Tensor, context_mask: torch.Tensor, grid: tuple[int, int],
                   num_conditions: int) -> tuple[torch.Tensor, torch.Tensor]:
        """Rotary factors (image [B, (1+n)·h·w, D/2], context [B, max_text_tokens, D/2])."""
        h, w = grid
        image, text = [], []
        for ids, keep in zip(input_ids, context_mask):
            segments = [("image", 1 + num_conditions, h, w), *self.context_segments(ids, keep)]
            positions = build_positions(segments, max_grid=self.cfg.head.max_grid)
            n_img = (1 + num_conditions) * h * w
            image.append(positions[:n_img])
            text.append(positions[n_img:])
        rope = self.generation_decoder.decoder.rope
        return rope(torch.stack(image).to(input_ids.device)), rope(torch.stack(text).to(input_ids.device))

    def velocity(self, noisy: torch.Tensor, states: torch.Tensor, context_mask: torch.Tensor, t: torch.Tensor,
                 img_freqs: torch.Tensor, txt_freqs: torch.Tensor, cond: torch.Tensor | None = None,
                 cond_mask: torch.Tensor | None = None) -> torch.Tensor:
        """Predicted velocity [B, N, 4z] of noisy target tokens [B, N, 4z] at flow time t [B]."""
        context, real = self.generation_decoder.connector(states, context_mask)
        return self.generation_decoder.decoder(noisy, context, t, img_freqs, txt_freqs, real, cond, cond_mask)

    # --- training -----------------------------------------------------------------

    def forward(self, batch: dict[str, Any], generator: torch.Generator | None = None) -> dict[str, torch.Tensor]:
        cfg = self.cfg.objective
        # No logits here: the NTP loss takes the LM head's weight and the hidden states.
        out = self.vlm(batch["input_ids"], batch.get("pixel_values"), batch.get("attention_mask"),
                       compute_logits=False)
        labels = batch.get("labels")
        zero = out["hidden_states"].sum() * 0.0
        ntp = zero
        if labels is not None and bool((labels[:, 1:] != -100).any()):
            ntp = self._ntp_loss(out["hidden_states"][:, :-1], labels[:, 1:])
        fm = zero
        target = batch.get("target_latents")
        has_target = batch.get("has_target")
        if target is not None and has_target is not None and bool(has_target.any()):
            fm = self._flow_loss(batch, out["hidden_states"], target, has_target, generator)
        loss = cfg.ntp_weight * ntp + cfg.fm_weight * fm
        return {"loss": loss, "ntp_loss": ntp.detach(), "fm_loss": fm.detach()}

    def _ntp_loss(self, hidden: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        """Mean next-token cross-entropy of hidden [B, L, H] against targets [B, L] (-100: no target).

        The LM head and the loss are one op (model/kernels/fused_linear_cross_entropy.py):
        with the `triton` backend the [tokens, 151k] fp32 logits are never materialised,
        only one chunk at a time; `eager` computes logits in the weight's dtype, then fp32
        cross-entropy, as the unfused model does. Called inside the root module's forward,
        so under FSDP2 the head's weight is the gathered one.
        """
        from model import kernels

        weight = self.vlm.language_model.lm_head.weight
        return kernels.select("fused_linear_cross_entropy")(hidden, weight, targets, -100)

    def _flow_loss(self, batch, states, target, has_target, generator) -> torch.Tensor:
        cfg = self.cfg.objective
        batch_size, _, height, width = target.shape
        drop_text, drop_image = condition_drops(batch["tasks"], cfg, generator)
        device = target.device
        context_mask = batch["context_mask"].bool() & ~drop_text.to(device)[:, None]
        x0 = patchify(target)
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype).to(device)
        t = sample_timesteps(batch_size, cfg, generator).to(device)
        cond, cond_mask, n_cond = None, None, 0
        if batch.get("cond_latents") is not None:
            frames = batch["cond_latents"]
            n_cond = frames.shape[1]
            cond = torch.cat([patchify(frames[:, k]) for k in range(n_cond)], dim=1)
            present = batch.get("has_cond")
            present = torch.ones(batch_size, dtype=torch.bool) if present is None else present.bool()
            cond_mask = (present & ~drop_image).to(device)[:, None].expand(-1, cond.shape[1])
        img_freqs, txt_freqs = self.head_freqs(batch["input_ids"], context_mask,
                                               (height // self.cfg.head.patch_size, width // self.cfg.head.patch_size),
                                               n_cond)
        pred = self.velocity(noisy_latents(x0, noise, t), states, context_mask, t, img_freqs, txt_freqs, cond,
                             cond_mask)
        return flow_matching_loss(pred, velocity_target(x0, noise), weights=has_target.float())


def parameter_counts(model: InternVLU) -> dict[str, int]:
    """Parameters per component (works on the meta device)."""
    def count(module: nn.Module) -> int:
        return sum(p.numel() for p in module.parameters())

    vlm, head = model.vlm, model.generation_decoder
    gate = 0
    if model.cfg.head.gated_attention:  # the gate halves of to_q / add_q_proj (the paper's 1.7B excludes them)
        for block in head.decoder.transformer_blocks:
            for proj in (block.attn.to_q, block.attn.add_q_proj):
                gate += proj.weight.numel() // 2 + proj.bias.numel() // 2
    return {"vision": count(vlm.vision_model), "projector": count(vlm.mlp1), "llm": count(vlm.language_model),
            "special_tokens": count(vlm.special_token_embedding), "head": count(head.decoder),
            "connector": count(head) - count(head.decoder), "head_attention_gate": gate, "total": count(model)}
