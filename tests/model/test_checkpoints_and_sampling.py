"""Checkpoints (ours, the released layout, HF InternVL) and image generation end to end."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from safetensors.torch import save_file

from model import checkpoint
from model.config import tiny
from model.internvlu import InternVLU
from model.loading import load_model, save_model
from model.sampling import generate
from model.tokenizer import TokenIds
from model.vae import LatentCodec
from pipelines.cli import main
from tests.model.conftest import make_batch, picture

REFERENCE = Path(__file__).resolve().parent / "data" / "internvlu_checkpoint_keys_tiny.json"


@pytest.fixture(scope="module")
def parts(tokenizer):
    torch.manual_seed(0)
    return InternVLU(tiny(), TokenIds.of(tokenizer)).eval(), LatentCodec.from_config(tiny().vae)


def losses(model, tokenizer):
    with torch.no_grad():
        out = model(make_batch(tokenizer), generator=torch.Generator().manual_seed(3))
    return out["ntp_loss"].item(), out["fm_loss"].item()


def test_ours_round_trip_gives_the_same_model(parts, tokenizer, tmp_path):
    model, codec = parts
    save_model(model, tmp_path / "ckpt", tokenizer, codec)
    loaded = load_model(tmp_path / "ckpt")
    assert loaded.kind == "ours" and loaded.has_head and loaded.codec is not None
    assert losses(loaded.model, tokenizer) == losses(model, tokenizer)


def test_a_checkpoint_in_the_released_layout_loads(tmp_path, tokenizer):
    """Built from the released names alone (../shared/reference): every tensor must find its place."""
    names = json.loads(REFERENCE.read_text())
    configs = checkpoint.released_configs(tiny())
    for part, shapes in names.items():
        (tmp_path / part).mkdir()
        (tmp_path / part / "config.json").write_text(json.dumps(configs[part]))
        tensors = {k: torch.full(v, 0.01) for k, v in shapes.items()}
        save_file(tensors, str(tmp_path / part / "model.safetensors"))
    assert checkpoint.detect(tmp_path) == "released"
    loaded = load_model(tmp_path)
    assert loaded.kind == "released"
    state = loaded.model.state_dict()
    assert len(state) == sum(len(v) for v in names.values())
    assert all(torch.all(t == 0.01) for t in state.values())


def test_convert_to_released_and_back_is_exact(parts, tokenizer, tmp_path):
    model, codec = parts
    save_model(model, tmp_path / "ours", tokenizer, codec)
    assert main(["convert", str(tmp_path / "ours"), str(tmp_path / "released"), "--to", "released"]) == 0
    assert {"generation_decoder", "vae", "vlm"} <= {p.name for p in (tmp_path / "released").iterdir()}
    assert main(["convert", str(tmp_path / "released"), str(tmp_path / "back"), "--to", "ours"]) == 0
    a, b = model.state_dict(), load_model(tmp_path / "back").model.state_dict()
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_an_hf_internvl_checkpoint_loads_its_understanding_path(parts, tokenizer, tmp_path):
    from transformers import InternVLForConditionalGeneration

    from model.convert_hf import hf_config_from_ours, to_hf

    model, _ = parts
    ids = TokenIds.of(tokenizer)
    hf = InternVLForConditionalGeneration(hf_config_from_ours(tiny(), image_token_id=ids.img_context)).eval()
    vlm_state = {k[len("vlm."):]: v for k, v in model.state_dict().items() if k.startswith("vlm.")}
    hf.load_state_dict(to_hf(vlm_state), strict=False)
    hf.save_pretrained(str(tmp_path / "hf"))
    tokenizer.save_pretrained(str(tmp_path / "hf"))
    loaded = load_model(tmp_path / "hf")
    assert loaded.kind == "hf" and not loaded.has_head
    batch = make_batch(tokenizer)
    with torch.no_grad():
        ours = model.vlm(batch["input_ids"], batch["pixel_values"], batch["attention_mask"])["logits"]
        again = loaded.model.vlm(batch["input_ids"], batch["pixel_values"], batch["attention_mask"])["logits"]
    assert (ours - again).abs().max() < 1e-5


def test_unreadable_checkpoints_are_one_line_errors(tmp_path, capsys):
    (tmp_path / "config.json").write_text(json.dumps({"format": "something-else"}))
    assert main(["generate", str(tmp_path), "--prompt", "x", "--out", str(tmp_path / "x.png")]) == 2
    assert "not a checkpoint" in capsys.readouterr().err
    assert main(["model-info", "huge"]) == 2
    assert "allowed: full, small, tiny" in capsys.readouterr().err


def test_generation_text_to_image_edit_and_cot(parts, tokenizer):
    model, codec = parts
    a = generate(model, codec, tokenizer, "Draw a red apple.", width=32, height=48, steps=3, seed=1)
    b = generate(model, codec, tokenizer, "Draw a red apple.", width=32, height=48, steps=3, seed=1)
    c = generate(model, codec, tokenizer, "Draw a red apple.", width=32, height=48, steps=3, seed=2)
    assert a.image.size == (32, 48) and a.reasoning == ""
    assert np.array_equal(np.asarray(a.image), np.asarray(b.image))
    assert not np.array_equal(np.asarray(a.image), np.asarray(c.image))
    edit = generate(model, codec, tokenizer, "Remove the blue mug.", source=picture(5), width=32, height=32,
                    steps=2, solver="euler")
    assert edit.image.size == (32, 32) and edit.prompt_tokens > a.prompt_tokens  # the source's tiles
    cot = generate(model, codec, tokenizer, "Draw a red apple.", width=32, height=32, steps=2, cot=True,
                   max_reasoning_tokens=4)
    assert cot.prompt_tokens > a.prompt_tokens and len(tokenizer(cot.reasoning)["input_ids"]) <= 6
    with pytest.raises(ValueError, match="multiples of 16"):
        generate(model, codec, tokenizer, "x", width=30, height=32, steps=1)


def test_generate_command_writes_a_png(parts, tokenizer, tmp_path, capsys):
    model, codec = parts
    save_model(model, tmp_path / "ckpt", tokenizer, codec)
    picture(7).save(tmp_path / "source.png")
    assert main(["generate", str(tmp_path / "ckpt"), "--prompt", "Remove the blue mug.", "--source",
                 str(tmp_path / "source.png"), "--size", "32x32", "--steps", "2", "--out",
                 str(tmp_path / "out.png")]) == 0
    assert Image.open(tmp_path / "out.png").size == (32, 32)
    assert "image:" in capsys.readouterr().out
