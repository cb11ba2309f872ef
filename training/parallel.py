"""Parallelism and memory options applied to a built model, in one place and a fixed
order (torchtitan style): activation checkpointing, then FSDP2 sharding, then DDP when
not sharded. The model code itself stays single-device."""

from __future__ import annotations

import torch
from torch import nn

from model.internvlu import InternVLU


def blocks(model: InternVLU) -> list[nn.Module]:
    """The repeated blocks: ViT layers, LLM decoder layers, MMDiT blocks."""
    return [*model.vlm.vision_model.encoder.layers, *model.vlm.language_model.model.layers,
            *model.generation_decoder.decoder.transformer_blocks]


def apply_activation_checkpointing(model: InternVLU) -> int:
    """Recompute each block's activations in backward instead of keeping them."""
    from torch.distributed.algorithms._checkpoint.checkpoint_wrapper import (  # noqa: PLC0415
        apply_activation_checkpointing as wrap,
    )

    # The wrapper (non-reentrant checkpointing by default) strips its own prefix from state
    # dict keys, so checkpoints keep the released names.
    targets = {id(b) for b in blocks(model)}
    wrap(model, check_fn=lambda m: id(m) in targets)
    return len(targets)


def apply_fsdp(model: InternVLU, mixed_precision: bool = True) -> InternVLU:
    """FSDP2: shard every block, then the root (parameters gathered per block in forward,
    gradients reduce-scattered in backward); bf16 compute with fp32 reductions on GPU."""
    from torch.distributed.fsdp import MixedPrecisionPolicy, fully_shard  # noqa: PLC0415

    policy = MixedPrecisionPolicy(param_dtype=torch.bfloat16, reduce_dtype=torch.float32) if mixed_precision \
        else MixedPrecisionPolicy()
    for block in blocks(model):
        fully_shard(block, mp_policy=policy)
    fully_shard(model, mp_policy=policy)
    return model
