"""The whole model: training objective on real batches, overfitting, parameter counts."""

from __future__ import annotations

import torch

from model.config import get_config, tiny
from model.internvlu import InternVLU, parameter_counts
from model.tokenizer import TokenIds
from tests.model.conftest import make_batch


def build(tokenizer, seed: int = 0) -> InternVLU:
    torch.manual_seed(seed)
    return InternVLU(tiny(), TokenIds.of(tokenizer))


def test_batch_layout(tokenizer, batch):
    ids = TokenIds.of(tokenizer)
    assert batch["tasks"] == ["und", "t2i", "edit"]
    assert batch["has_target"].tolist() == [False, True, True] and batch["has_cond"].tolist() == [False, False, True]
    assert not batch["context_mask"][0].any(), "understanding samples give the head nothing"
    for row in (1, 2):
        end = int(batch["context_mask"][row].sum())
        assert batch["input_ids"][row, end] == ids.img_start
    image_tokens = int((batch["input_ids"] == ids.img_context).sum())
    assert image_tokens == batch["pixel_values"].shape[0] * tiny().tokens_per_tile
    assert (batch["labels"][0] != -100).sum() > 3  # the answer is learned


def test_forward_gives_both_losses_and_gradients_everywhere(tokenizer, batch):
    model = build(tokenizer)
    out = model(batch, generator=torch.Generator().manual_seed(0))
    assert out["ntp_loss"] > 0 and out["fm_loss"] > 0
    out["loss"].backward()
    for name in ("vlm.vision_model", "vlm.mlp1", "vlm.language_model", "generation_decoder.decoder_projector",
                 "generation_decoder.decoder"):
        grads = [p.grad for n, p in model.named_parameters() if n.startswith(name)]
        assert any(g is not None and g.abs().sum() > 0 for g in grads), name


def test_ntp_loss_is_cross_entropy_of_the_lm_logits(tokenizer, batch):
    """The loss takes hidden states and the head's weight (fused op); it must equal the plain
    definition: cross-entropy of the model's own logits, shifted by one token."""
    model = build(tokenizer)
    batch = {**batch, "has_target": torch.zeros_like(batch["has_target"])}  # NTP only
    loss = model(batch)["ntp_loss"]
    logits = model.vlm(batch["input_ids"], batch["pixel_values"], batch["attention_mask"])["logits"]
    expected = torch.nn.functional.cross_entropy(logits[:, :-1].flatten(0, 1).float(),
                                                 batch["labels"][:, 1:].flatten(), ignore_index=-100)
    assert torch.allclose(loss, expected, rtol=1e-6, atol=1e-6), (loss, expected)


def test_twenty_steps_on_one_batch_drive_both_losses_down(tokenizer):
    model = build(tokenizer, seed=1)
    batch = make_batch(tokenizer, seed=1)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
    history = []
    for _ in range(20):
        out = model(batch, generator=torch.Generator().manual_seed(0))  # same t, noise and drops each step
        opt.zero_grad()
        out["loss"].backward()
        opt.step()
        history.append((out["ntp_loss"].item(), out["fm_loss"].item()))
    (ntp0, fm0), (ntp1, fm1) = history[0], history[-1]
    assert ntp1 < 0.5 * ntp0, history
    assert fm1 < 0.7 * fm0, history


def test_full_parameter_counts_match_the_paper():
    with torch.device("meta"):
        model = InternVLU(get_config("full"))
    counts = parameter_counts(model)
    assert abs(counts["vision"] / 0.3e9 - 1) < 0.05
    assert abs(counts["llm"] / 2.0e9 - 1) < 0.05
    # The paper's 1.7B for the head matches the count without the gate halves of the Q
    # projections (0.094B, which the released checkpoint has).
    ungated = counts["head"] + counts["connector"] - counts["head_attention_gate"]
    assert abs(ungated / 1.7e9 - 1) < 0.05
    assert 3.9e9 < counts["total"] < 4.3e9
