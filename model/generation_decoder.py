"""The generation head as released (`generation_decoder/`): connector parameters + the MMDiT.

    encoder_padding_token   [llm_hidden]    learnable pad of the MLLM context (model.connector)
    decoder_projector.{0,2}                  Linear → SiLU → Linear to joint_attention_dim
    decoder.*                                the MMDiT (model.mmdit)
"""

from __future__ import annotations

import torch
from torch import nn

from model.config import ModelConfig
from model.connector import build_decoder_projector, pad_or_cut
from model.mmdit import MMDiT


class GenerationDecoder(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.max_text_tokens = cfg.head.max_text_tokens
        self.encoder_padding_token = nn.Parameter(torch.zeros(cfg.llm.hidden_size))
        self.decoder_projector = build_decoder_projector(cfg.llm.hidden_size, cfg.head.joint_attention_dim)
        self.decoder = MMDiT(cfg.head)  # initialises itself
        self._init_connector()

    def _init_connector(self) -> None:
        nn.init.zeros_(self.encoder_padding_token)  # as released
        for layer in (self.decoder_projector[0], self.decoder_projector[2]):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)

    def init_weights(self) -> None:
        """All of the head, e.g. after `to_empty` on a model built on the meta device."""
        self._init_connector()
        self.decoder.init_weights()

    def connector(self, states: torch.Tensor, mask: torch.Tensor | None) -> tuple[torch.Tensor, torch.Tensor]:
        """MLLM states [B, L, llm_hidden] (+ mask) → (context [B, max_text_tokens, joint], context mask)."""
        packed, real = pad_or_cut(states, mask, self.encoder_padding_token, self.max_text_tokens)
        return self.decoder_projector(packed), real

    def forward(self, img: torch.Tensor, states: torch.Tensor, states_mask: torch.Tensor | None,
                timestep: torch.Tensor, img_freqs: torch.Tensor, txt_freqs: torch.Tensor,
                cond: torch.Tensor | None = None, cond_mask: torch.Tensor | None = None) -> torch.Tensor:
        """Velocity tokens [B, N, patch²·out_channels]; see MMDiT.forward for the arguments."""
        context, context_mask = self.connector(states, states_mask)
        return self.decoder(img, context, timestep, img_freqs, txt_freqs, context_mask, cond, cond_mask)
