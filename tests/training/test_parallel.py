"""Activation checkpointing and FSDP2 sharding of the whole model (one gloo process on
CPU: sharding is real, the collectives are trivial; multi-GPU runs use NCCL)."""

from __future__ import annotations

import os
import socket

import torch
import torch.distributed as dist

from model.config import tiny
from model.internvlu import InternVLU
from model.tokenizer import TokenIds, train_bpe
from tests.model.conftest import TEXTS, make_batch
from training.parallel import apply_activation_checkpointing, apply_fsdp, blocks


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_checkpointing_and_fsdp_compute_the_same_loss_and_keep_the_names():
    tokenizer = train_bpe(TEXTS, vocab_size=400)
    torch.manual_seed(0)
    model = InternVLU(tiny(), TokenIds.of(tokenizer))
    batch = make_batch(tokenizer)
    names = set(model.state_dict())
    reference = model(batch, generator=torch.Generator().manual_seed(0))["loss"]
    reference.backward()
    ref_grad = model.generation_decoder.decoder.proj_out.weight.grad.clone()
    model.zero_grad()

    assert apply_activation_checkpointing(model) == len(blocks(model)) == 6
    assert set(model.state_dict()) == names, "checkpoint wrappers keep the released names"
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(free_port()), RANK="0", WORLD_SIZE="1")
    dist.init_process_group("gloo")
    try:
        apply_fsdp(model, mixed_precision=False)
        from torch.distributed.checkpoint.state_dict import StateDictOptions, get_model_state_dict

        out = model(batch, generator=torch.Generator().manual_seed(0))["loss"]
        out.backward()
        assert torch.allclose(out, reference)
        grad = model.generation_decoder.decoder.proj_out.weight.grad
        assert torch.allclose(grad.full_tensor(), ref_grad, atol=1e-6)
        full = get_model_state_dict(model, options=StateDictOptions(full_state_dict=True, cpu_offload=True))
        assert set(full) == names
    finally:
        dist.destroy_process_group()
