"""The connector between the MLLM and the generation head (released: `generation_decoder`'s
`encoder_padding_token` and `decoder_projector`).

The MLLM's last-layer states of the user turn up to `<img>` (system prompt dropped) are packed
to a fixed length: real tokens first in their order, then the learnable pad token; longer
contexts keep their first `length` tokens. The projector maps them to the MMDiT's
joint_attention_dim: Linear(llm_hidden, 3·joint) → SiLU → Linear(3·joint, joint). The released
config calls it `mlp2x_gelu`, but its code builds nn.SiLU (InternVLUGenerationDecoder.
_init_decoder_projector), and so do we.

The head masks the padded slots as attention keys (the released pipeline does too), so the pad
token's value never reaches the image; it is kept for the released state dict and for callers
that pass no mask.
"""

from __future__ import annotations

import torch
from torch import nn


def build_decoder_projector(llm_hidden: int, joint_dim: int) -> nn.Sequential:
    """Sequential indexes 0 and 2 hold the weights, as in the released checkpoint."""
    return nn.Sequential(nn.Linear(llm_hidden, 3 * joint_dim), nn.SiLU(), nn.Linear(3 * joint_dim, joint_dim))


def pad_or_cut(states: torch.Tensor, mask: torch.Tensor | None, pad_token: torch.Tensor,
               length: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(packed [B, length, H], real-token mask [B, length]) from states [B, L, H] with mask [B, L].

    Works for left- and right-padded batches: a stable sort moves each row's real tokens to the
    front in their order. Gradients reach the states and, where it fills, the pad token.
    """
    batch, seq, hidden = states.shape
    mask = torch.ones(batch, seq, dtype=torch.bool, device=states.device) if mask is None else mask.bool()
    order = torch.sort((~mask).to(torch.int8), dim=1, stable=True).indices[:, :length]
    packed = states.gather(1, order[..., None].expand(-1, -1, hidden))
    if packed.shape[1] < length:
        packed = torch.cat([packed, packed.new_zeros(batch, length - packed.shape[1], hidden)], dim=1)
    slots = torch.arange(length, device=states.device)
    real = slots[None, :] < mask.sum(dim=1, keepdim=True)
    packed = torch.where(real[..., None], packed, pad_token.to(packed.dtype))
    return packed, real
