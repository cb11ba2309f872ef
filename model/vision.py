"""InternViT (InternViT-300M): the vision encoder of the understanding path.

A pre-norm ViT with a class token, learned absolute positions, LayerNorm, per-channel layer
scale (`ls1`, `ls2`) on both residual branches, a fused qkv projection with bias and an
exact-GELU MLP. There is no final norm: InternVL reads the last layer's output directly.
Attribute names reproduce the released checkpoint (`vlm/vision_model.*`).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from model.config import VisionConfig
from model.layers import gelu


class VisionEmbeddings(nn.Module):
    """Patchify with a strided conv, prepend the class token, add positions."""

    def __init__(self, cfg: VisionConfig):
        super().__init__()
        self.grid = cfg.image_size // cfg.patch_size
        self.class_embedding = nn.Parameter(torch.empty(1, 1, cfg.hidden_size))
        self.patch_embedding = nn.Conv2d(3, cfg.hidden_size, kernel_size=cfg.patch_size, stride=cfg.patch_size)
        self.position_embedding = nn.Parameter(torch.empty(1, 1 + self.grid * self.grid, cfg.hidden_size))

    def patch_positions(self, height: int, width: int) -> torch.Tensor:
        """Positions for a `height × width` patch grid: bicubic resampling of the learned grid
        (in fp32, as InternViT does) when the image is not the size the table was trained for."""
        table = self.position_embedding[:, 1:]
        if (height, width) == (self.grid, self.grid):
            return table
        dim = table.shape[-1]
        grid = table.float().reshape(1, self.grid, self.grid, dim).permute(0, 3, 1, 2)
        grid = F.interpolate(grid, size=(height, width), mode="bicubic", align_corners=False)
        return grid.flatten(2).transpose(1, 2).to(table.dtype)

    def forward(self, pixel_values: torch.Tensor) -> torch.Tensor:
        patches = self.patch_embedding(pixel_values.to(self.patch_embedding.weight.dtype))  # [B, D, h, w]
        batch, _, height, width = patches.shape
        patches = patches.flatten(2).transpose(1, 2)
        tokens = torch.cat([self.class_embedding.expand(batch, -1, -1), patches], dim=1)
        positions = torch.cat([self.position_embedding[:, :1], self.patch_positions(height, width)], dim=1)
        return tokens + positions


class VisionAttention(nn.Module):
    """Bidirectional multi-head attention with a fused qkv projection (rows: all q, all k, all v)."""

    def __init__(self, cfg: VisionConfig):
        super().__init__()
        if cfg.hidden_size % cfg.num_attention_heads:
            raise ValueError(f"hidden_size {cfg.hidden_size} is not divisible by {cfg.num_attention_heads} heads")
        self.num_heads = cfg.num_attention_heads
        self.head_dim = cfg.hidden_size // cfg.num_attention_heads
        self.qkv = nn.Linear(cfg.hidden_size, 3 * cfg.hidden_size, bias=cfg.qkv_bias)
        self.proj = nn.Linear(cfg.hidden_size, cfg.hidden_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, dim = x.shape
        qkv = self.qkv(x).view(batch, length, 3, self.num_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        out = F.scaled_dot_product_attention(q, k, v)
        return self.proj(out.transpose(1, 2).reshape(batch, length, dim))


class VisionMLP(nn.Module):
    def __init__(self, cfg: VisionConfig):
        super().__init__()
        self.fc1 = nn.Linear(cfg.hidden_size, cfg.intermediate_size)
        self.fc2 = nn.Linear(cfg.intermediate_size, cfg.hidden_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(gelu(self.fc1(x)))


class VisionLayer(nn.Module):
    """x + ls1·attn(norm1(x)), then x + ls2·mlp(norm2(x))."""

    def __init__(self, cfg: VisionConfig):
        super().__init__()
        # Registration order follows the released checkpoint, so state-dict order matches too.
        self.attn = VisionAttention(cfg)
        self.mlp = VisionMLP(cfg)
        self.norm1 = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.norm2 = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.ls1 = nn.Parameter(torch.full((cfg.hidden_size,), cfg.initializer_factor))
        self.ls2 = nn.Parameter(torch.full((cfg.hidden_size,), cfg.initializer_factor))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.norm1(x)) * self.ls1
        return x + self.mlp(self.norm2(x)) * self.ls2


class VisionEncoder(nn.Module):
    def __init__(self, cfg: VisionConfig):
        super().__init__()
        self.layers = nn.ModuleList(VisionLayer(cfg) for _ in range(cfg.num_hidden_layers))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            x = layer(x)
        return x


class InternVisionModel(nn.Module):
    """pixel_values [B, 3, H, W] → last hidden state [B, 1 + (H/patch)·(W/patch), hidden] (class token first)."""

    def __init__(self, cfg: VisionConfig):
        super().__init__()
        self.cfg = cfg
        self.embeddings = VisionEmbeddings(cfg)
        self.encoder = VisionEncoder(cfg)
        self.init_weights()

    @torch.no_grad()
    def init_weights(self, std: float = 0.02) -> None:
        """Fresh-training init: truncated normal weights, zero biases, unit norms, layer scale at
        `initializer_factor`. Loading released weights overwrites all of it."""
        nn.init.trunc_normal_(self.embeddings.class_embedding, std=std)
        nn.init.trunc_normal_(self.embeddings.position_embedding, std=std)
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Conv2d)):
                nn.init.trunc_normal_(module.weight, std=std)
                if module.bias is not None:
                    nn.init.zeros_(module.bias)
            elif isinstance(module, nn.LayerNorm):
                nn.init.ones_(module.weight)
                nn.init.zeros_(module.bias)
            elif isinstance(module, VisionLayer):
                nn.init.constant_(module.ls1, self.cfg.initializer_factor)
                nn.init.constant_(module.ls2, self.cfg.initializer_factor)

    def forward(self, pixel_values: torch.Tensor) -> torch.Tensor:
        return self.encoder(self.embeddings(pixel_values))
