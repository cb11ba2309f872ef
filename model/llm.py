"""Qwen3 decoder (the LLM of InternVL3.5-2B): the language half of the understanding path.

Names follow transformers' `Qwen3ForCausalLM` (`model.embed_tokens`, `model.layers[i].self_attn.q_proj`, …,
`lm_head`) so that the released `vlm/language_model.*` weights load unchanged. Per layer:
pre-norm GQA attention with RMSNorm on each head's q and k (before RoPE), no biases, then a
SwiGLU MLP. The generation head's connector reads `hidden_states` (final-normed last layer).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from model import kernels
from model.config import LLMConfig
from model.layers import RMSNorm, rope_cos_sin, swiglu


def causal_mask(attention_mask: torch.Tensor | None, length: int, device: torch.device) -> torch.Tensor | None:
    """SDPA mask (bool [B, 1, L, L], True = may attend) from a [B, L] padding mask (1 = real token).

    None without padding: SDPA's `is_causal` path is then used. A 4D mask is taken as given
    (packed sequences build their own block-diagonal mask). Every query may see itself, so that
    rows of padding tokens are never fully masked (that yields NaN); real tokens never see padding.
    """
    if attention_mask is None:
        return None
    if attention_mask.dim() == 4:
        return attention_mask.bool()
    keep = attention_mask.bool()[:, None, None, :]                                   # [B, 1, 1, L]
    tril = torch.ones(length, length, dtype=torch.bool, device=device).tril()
    eye = torch.eye(length, dtype=torch.bool, device=device)
    return (tril & keep) | eye


class Attention(nn.Module):
    def __init__(self, cfg: LLMConfig):
        super().__init__()
        self.num_heads = cfg.num_attention_heads
        self.num_kv_heads = cfg.num_key_value_heads
        self.head_dim = cfg.head_dim
        # Registration order follows the released checkpoint.
        self.q_proj = nn.Linear(cfg.hidden_size, self.num_heads * self.head_dim, bias=False)
        self.k_proj = nn.Linear(cfg.hidden_size, self.num_kv_heads * self.head_dim, bias=False)
        self.v_proj = nn.Linear(cfg.hidden_size, self.num_kv_heads * self.head_dim, bias=False)
        self.o_proj = nn.Linear(self.num_heads * self.head_dim, cfg.hidden_size, bias=False)
        self.q_norm = RMSNorm(self.head_dim, eps=cfg.rms_norm_eps)
        self.k_norm = RMSNorm(self.head_dim, eps=cfg.rms_norm_eps)

    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        batch, length, _ = x.shape
        # QK RMSNorm then RoPE, fused where a kernel runs (model/kernels/rms_norm_rope.py)
        norm_rope = kernels.select("rms_norm_rope")
        q = norm_rope(self.q_proj(x).view(batch, length, self.num_heads, self.head_dim), self.q_norm.weight,
                      self.q_norm.eps, (cos, sin)).transpose(1, 2)
        k = norm_rope(self.k_proj(x).view(batch, length, self.num_kv_heads, self.head_dim), self.k_norm.weight,
                      self.k_norm.eps, (cos, sin)).transpose(1, 2)
        v = self.v_proj(x).view(batch, length, self.num_kv_heads, self.head_dim).transpose(1, 2)
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, is_causal=mask is None,
                                             enable_gqa=self.num_kv_heads != self.num_heads)
        return self.o_proj(out.transpose(1, 2).reshape(batch, length, self.num_heads * self.head_dim))


class MLP(nn.Module):
    def __init__(self, cfg: LLMConfig):
        super().__init__()
        self.gate_proj = nn.Linear(cfg.hidden_size, cfg.intermediate_size, bias=False)
        self.up_proj = nn.Linear(cfg.hidden_size, cfg.intermediate_size, bias=False)
        self.down_proj = nn.Linear(cfg.intermediate_size, cfg.hidden_size, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.down_proj(swiglu(self.gate_proj(x), self.up_proj(x)))


class DecoderLayer(nn.Module):
    def __init__(self, cfg: LLMConfig):
        super().__init__()
        self.self_attn = Attention(cfg)
        self.mlp = MLP(cfg)
        self.input_layernorm = RMSNorm(cfg.hidden_size, eps=cfg.rms_norm_eps)
        self.post_attention_layernorm = RMSNorm(cfg.hidden_size, eps=cfg.rms_norm_eps)

    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        x = x + self.self_attn(self.input_layernorm(x), cos, sin, mask)
        return x + self.mlp(self.post_attention_layernorm(x))


class Qwen3Model(nn.Module):
    """Embeddings, decoder layers and the final norm (transformers' `Qwen3Model`)."""

    def __init__(self, cfg: LLMConfig):
        super().__init__()
        self.cfg = cfg
        self.embed_tokens = nn.Embedding(cfg.vocab_size, cfg.hidden_size)
        self.layers = nn.ModuleList(DecoderLayer(cfg) for _ in range(cfg.num_hidden_layers))
        self.norm = RMSNorm(cfg.hidden_size, eps=cfg.rms_norm_eps)

    def forward(self, inputs_embeds: torch.Tensor, position_ids: torch.Tensor | None = None,
                attention_mask: torch.Tensor | None = None,
                output_hidden_states: bool = False) -> tuple[torch.Tensor, tuple[torch.Tensor, ...] | None]:
        """Returns (final-normed last-layer states [B, L, hidden], all hidden states or None).

        All hidden states follow transformers' convention: the embeddings, the output of each
        layer but the last, then the final-normed output of the last layer (L + 1 tensors).
        """
        batch, length, _ = inputs_embeds.shape
        if position_ids is None:
            position_ids = torch.arange(length, device=inputs_embeds.device).unsqueeze(0)
        position_ids = position_ids.expand(batch, -1)
        cos, sin = rope_cos_sin(position_ids, self.cfg.head_dim, self.cfg.rope_theta, dtype=inputs_embeds.dtype)
        mask = causal_mask(attention_mask, length, inputs_embeds.device)

        x = inputs_embeds
        states = [x] if output_hidden_states else None
        for layer in self.layers:
            x = layer(x, cos, sin, mask)
            if states is not None:
                states.append(x)
        x = self.norm(x)
        if states is not None:
            states[-1] = x
        return x, tuple(states) if states is not None else None


class Qwen3ForCausalLM(nn.Module):
    """Decoder plus the LM head; `tie_word_embeddings` shares the head with the input embeddings."""

    def __init__(self, cfg: LLMConfig):
        super().__init__()
        self.cfg = cfg
        self.model = Qwen3Model(cfg)
        self.lm_head = nn.Linear(cfg.hidden_size, cfg.vocab_size, bias=False)
        self.init_weights()
        if cfg.tie_word_embeddings:
            self.lm_head.weight = self.model.embed_tokens.weight

    @torch.no_grad()
    def init_weights(self, std: float = 0.02) -> None:
        """Fresh-training init (transformers' `initializer_range` 0.02); norms start at one."""
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, std=std)
            elif isinstance(module, RMSNorm):
                nn.init.ones_(module.weight)

    def get_input_embeddings(self) -> nn.Embedding:
        return self.model.embed_tokens

    def forward(self, input_ids: torch.Tensor | None = None, inputs_embeds: torch.Tensor | None = None,
                position_ids: torch.Tensor | None = None, attention_mask: torch.Tensor | None = None,
                output_hidden_states: bool = False, compute_logits: bool = True) -> dict[str, torch.Tensor | None]:
        """Returns {"logits": [B, L, vocab] or None, "hidden_states": final-normed [B, L, hidden],
        "all_hidden_states": tuple or None}. `compute_logits=False` skips the vocabulary
        projection when only the states are wanted (the generation head's context)."""
        if (input_ids is None) == (inputs_embeds is None):
            raise ValueError("pass exactly one of input_ids or inputs_embeds")
        if inputs_embeds is None:
            inputs_embeds = self.model.embed_tokens(input_ids)
        hidden, all_states = self.model(inputs_embeds, position_ids, attention_mask, output_hidden_states)
        logits = self.lm_head(hidden) if compute_logits else None
        return {"logits": logits, "hidden_states": hidden, "all_hidden_states": all_states}
