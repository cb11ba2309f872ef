"""The understanding path (InternViT + pixel shuffle + mlp1 + Qwen3) against transformers' InternVL,
the released checkpoint's parameter names, InternVL's tiling rule and the full-size budget."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from PIL import Image

from model.config import VisionConfig, full, tiny
from model.convert_hf import from_hf, hf_config_from_ours, ours_from_hf_config, to_hf
from model.tiling import IMAGENET_MEAN, IMAGENET_STD, dynamic_tiles, to_pixel_values
from model.vlm import InternVLChat, pixel_shuffle

# A copy of ../shared/reference/internvlu_checkpoint_keys_tiny.json (the released names), kept in the repo for CI.
KEYS_JSON = Path(__file__).resolve().parent / "data" / "internvlu_checkpoint_keys_tiny.json"
IMAGE_TOKEN = 500            # inside tiny's 512-token vocabulary, above the ids used as text
SPECIAL_IDS = list(range(501, 511))  # tiny has 10 special-token rows
TOL = 1e-5


@torch.no_grad()
def scramble(model: torch.nn.Module, seed: int) -> None:
    """Weights far from init (norm gains and layer scales ≠ 1, larger matrices), so that a wrong
    reshape, a swapped q/k/v or a missing norm shows in the logits."""
    gen = torch.Generator().manual_seed(seed)
    for name, param in model.named_parameters():
        noise = torch.randn(param.shape, generator=gen)
        is_gain = param.dim() == 1 and ("norm" in name or name.endswith(("ls1", "ls2", "lambda_1", "lambda_2"))
                                        or "layer_norm.weight" in name or name == "mlp1.0.weight")
        param.copy_(1 + 0.3 * noise if is_gain else 0.08 * noise)


def hf_model(cfg):
    from transformers import InternVLForConditionalGeneration

    config = hf_config_from_ours(cfg, image_token_id=IMAGE_TOKEN)
    return InternVLForConditionalGeneration._from_config(config, attn_implementation="eager").eval()


def image_prompt(cfg, tiles_per_image: list[int], seed: int = 0) -> torch.Tensor:
    """Text ids around one `<IMG_CONTEXT>` run per image (tokens_per_tile per tile), special tokens mixed in."""
    gen = torch.Generator().manual_seed(seed)
    parts = [torch.tensor(SPECIAL_IDS[:2])]
    for tiles in tiles_per_image:
        parts += [torch.randint(0, 400, (3,), generator=gen), torch.full((tiles * cfg.tokens_per_tile,), IMAGE_TOKEN),
                  torch.tensor(SPECIAL_IDS[5:7])]
    parts.append(torch.randint(0, 400, (4,), generator=gen))
    return torch.cat(parts)[None]


@pytest.fixture(scope="module")
def ours_and_hf():
    torch.manual_seed(0)
    cfg = tiny()
    ours = InternVLChat(cfg, image_token_id=IMAGE_TOKEN, special_token_ids=SPECIAL_IDS).eval()
    scramble(ours, seed=1)
    hf = hf_model(cfg)
    hf.load_state_dict(to_hf(ours.state_dict(), special_token_ids=SPECIAL_IDS), strict=True)
    return cfg, ours, hf


def test_logits_match_transformers_internvl(ours_and_hf):
    cfg, ours, hf = ours_and_hf
    ids = torch.cat([image_prompt(cfg, [2, 1], seed=2), image_prompt(cfg, [1, 2], seed=3)])
    side = cfg.vision.image_size
    pixel_values = torch.randn(6, 3, side, side, generator=torch.Generator().manual_seed(4))
    with torch.no_grad():
        out = ours(ids, pixel_values)
        ref = hf(input_ids=ids, pixel_values=pixel_values)
        ref_hidden = hf.model(input_ids=ids, pixel_values=pixel_values).last_hidden_state
    assert out["logits"].shape == (2, ids.shape[1], cfg.llm.vocab_size)
    assert out["logits"].std() > 0.3  # a real signal, not near-zero logits that match trivially
    assert (out["logits"] - ref.logits).abs().max() <= TOL
    assert (out["hidden_states"] - ref_hidden).abs().max() <= TOL


def test_padding_mask_matches_transformers(ours_and_hf):
    _, ours, hf = ours_and_hf
    ids = torch.randint(0, 400, (3, 12), generator=torch.Generator().manual_seed(5))
    mask = torch.ones(3, 12, dtype=torch.long)
    mask[0, 8:] = 0   # right padding
    mask[1, :5] = 0   # left padding
    positions = (mask.cumsum(-1) - 1).clamp(min=0)
    with torch.no_grad():
        out = ours(ids, attention_mask=mask, position_ids=positions)["logits"]
        ref = hf(input_ids=ids, attention_mask=mask, position_ids=positions).logits
        alone = ours(ids[1:2, 5:])["logits"][0]
    real = mask.bool()
    assert torch.isfinite(out).all()
    assert (out[real] - ref[real]).abs().max() <= TOL
    assert (out[1, 5:] - alone).abs().max() <= TOL  # left padding + shifted positions = the unpadded sequence


def test_from_hf_weights_match_transformers():
    torch.manual_seed(0)
    cfg = tiny()
    hf = hf_model(cfg)
    scramble(hf, seed=6)
    ours = InternVLChat(cfg, image_token_id=IMAGE_TOKEN, special_token_ids=SPECIAL_IDS).eval()
    ours.load_state_dict(from_hf(hf.state_dict(), special_token_ids=SPECIAL_IDS), strict=True)
    ids = image_prompt(cfg, [3], seed=7)
    pixel_values = torch.randn(3, 3, 56, 56, generator=torch.Generator().manual_seed(8))
    with torch.no_grad():
        diff = (ours(ids, pixel_values)["logits"] - hf(input_ids=ids, pixel_values=pixel_values).logits).abs().max()
    assert diff <= TOL
    # and back: the round trip is lossless
    again = to_hf(ours.state_dict(), special_token_ids=SPECIAL_IDS)
    for key, value in hf.state_dict().items():
        assert torch.equal(again[key], value), key


def test_vision_position_interpolation_matches_transformers(ours_and_hf):
    _, ours, hf = ours_and_hf
    for side in (42, 84):  # 3×3 and 6×6 patch grids from the 4×4 table
        pixels = torch.randn(2, 3, side, side, generator=torch.Generator().manual_seed(side))
        with torch.no_grad():
            mine = ours.vision_model(pixels)
            ref = hf.model.vision_tower(pixel_values=pixels).last_hidden_state
        assert mine.shape == (2, 1 + (side // 14) ** 2, 32)
        assert (mine - ref).abs().max() <= TOL


def test_pixel_shuffle_matches_transformers(ours_and_hf):
    _, _, hf = ours_and_hf
    features = torch.randn(2, 8, 6, 12)
    shuffled = pixel_shuffle(features, 0.5)
    assert shuffled.shape == (2, 4, 3, 48)
    assert torch.equal(shuffled, hf.model.pixel_shuffle(features, 0.5))


def test_special_tokens_replace_their_embeddings(ours_and_hf):
    _, ours, _ = ours_and_hf
    ids = torch.tensor([[3, SPECIAL_IDS[0], 4, SPECIAL_IDS[9]]])
    with torch.no_grad():
        embeds = ours.embed_inputs(ids)
    table = ours.special_token_embedding.weight
    assert torch.equal(embeds[0, 1], table[0]) and torch.equal(embeds[0, 3], table[9])
    assert torch.equal(embeds[0, 0], ours.language_model.model.embed_tokens.weight[3])


def test_state_dict_matches_released_names():
    expected = json.loads(KEYS_JSON.read_text())["vlm"]
    model = InternVLChat(tiny())
    assert [(k, list(v.shape)) for k, v in model.state_dict().items()] == list(expected.items())
    zeros = {key: torch.zeros(shape) for key, shape in expected.items()}
    model.load_state_dict(zeros, strict=True)
    assert all(not p.detach().any() for p in model.parameters())


def test_image_token_count_mismatch_is_a_clear_error():
    cfg = tiny()
    model = InternVLChat(cfg, image_token_id=IMAGE_TOKEN)
    ids = image_prompt(cfg, [2])
    with pytest.raises(ValueError, match=r"image token count mismatch: .*8 image tokens.*3 tile\(s\) give 12"):
        model(ids, torch.zeros(3, 3, 56, 56))
    with pytest.raises(ValueError, match="no image_token_id"):
        InternVLChat(cfg)(ids, torch.zeros(2, 3, 56, 56))


def test_image_to_logits_with_tiling_and_gradients():
    cfg = tiny()
    model = InternVLChat(cfg, image_token_id=IMAGE_TOKEN, special_token_ids=SPECIAL_IDS)
    tiles = dynamic_tiles(Image.new("RGB", (120, 50), (200, 30, 30)), tile=56, max_tiles=cfg.max_tiles)
    assert len(tiles) == 3  # a 2×1 grid + thumbnail
    ids = image_prompt(cfg, [len(tiles)])
    out = model(ids, to_pixel_values(tiles))
    out["logits"].logsumexp(-1).mean().backward()
    for part in ("vision_model", "mlp1", "special_token_embedding", "language_model"):
        grads = [p.grad for n, p in model.named_parameters() if n.startswith(part)]
        assert any(g is not None and g.abs().sum() > 0 for g in grads), part


@pytest.mark.parametrize("size, grid", [
    ((800, 600), (4, 3)),      # exact 4:3
    ((448, 448), (1, 1)),      # square and small: the tie goes to the fewest tiles
    ((1000, 1000), (3, 3)),    # square and large: the tie-break prefers larger grids
    ((2000, 500), (4, 1)),
    ((1200, 500), (5, 2)),     # 2.4 → 2.5 is the closest ratio within 12 tiles
    ((100, 1000), (1, 10)),
])
def test_tiling_grid_choice(size, grid):
    tiles = dynamic_tiles(Image.new("RGB", size), max_tiles=12)
    count = grid[0] * grid[1]
    assert len(tiles) == count + (1 if count > 1 else 0)
    assert count <= 12 and all(t.size == (448, 448) for t in tiles)


def test_tiling_limits_order_and_normalisation():
    assert len(dynamic_tiles(Image.new("RGB", (1200, 500)), max_tiles=4)) == 3          # (2, 1) + thumbnail
    assert len(dynamic_tiles(Image.new("RGB", (448, 448)), min_tiles=2)) == 5           # (2, 2) + thumbnail
    assert len(dynamic_tiles(Image.new("RGB", (1000, 1000)), use_thumbnail=False)) == 9
    image = Image.new("RGB", (896, 448), (255, 0, 0))
    image.paste((0, 0, 255), (448, 0, 896, 448))
    left, right, thumb = dynamic_tiles(image)
    assert left.getpixel((200, 200)) == (255, 0, 0) and right.getpixel((200, 200)) == (0, 0, 255)
    pixels = to_pixel_values([left, right, thumb])
    assert pixels.shape == (3, 3, 448, 448) and pixels.dtype == torch.float32
    expected_red = torch.tensor([(1 - IMAGENET_MEAN[0]) / IMAGENET_STD[0], -IMAGENET_MEAN[1] / IMAGENET_STD[1],
                                 -IMAGENET_MEAN[2] / IMAGENET_STD[2]])
    assert torch.allclose(pixels[0, :, 10, 10], expected_red, atol=1e-6)


def test_config_round_trip_through_hf_and_released_json():
    cfg = tiny()
    parts = ours_from_hf_config(hf_config_from_ours(cfg, image_token_id=IMAGE_TOKEN).to_dict())
    assert parts == {"vision": cfg.vision, "llm": cfg.llm, "downsample_ratio": 0.5}
    released = {  # the shape of the released vlm/config.json (InternVLChatConfig)
        "vision_config": {"hidden_size": 1024, "intermediate_size": 4096, "num_attention_heads": 16,
                          "num_hidden_layers": 24, "image_size": 448, "patch_size": 14, "qkv_bias": True,
                          "norm_type": "layer_norm", "qk_normalization": False, "initializer_factor": 0.1,
                          "layer_norm_eps": 1e-6, "hidden_act": "gelu"},
        "llm_config": {"model_type": "qwen3", "vocab_size": 151936, "hidden_size": 2048, "intermediate_size": 6144,
                       "num_hidden_layers": 28, "num_attention_heads": 16, "num_key_value_heads": 8, "head_dim": 128,
                       "rope_theta": 1000000.0, "rms_norm_eps": 1e-6, "max_position_embeddings": 40960,
                       "tie_word_embeddings": False},
        "downsample_ratio": 0.5, "force_image_size": 448, "select_layer": -1, "ps_version": "v2",
    }
    parts = ours_from_hf_config(released)
    assert parts["vision"] == full().vision and parts["llm"] == full().llm
    with pytest.raises(ValueError, match="QK normalisation"):
        ours_from_hf_config({**released, "vision_config": {**released["vision_config"], "qk_normalization": True}})


def test_full_config_parameter_counts_on_meta():
    with torch.device("meta"):
        model = InternVLChat(full())
    vit = sum(p.numel() for p in model.vision_model.parameters())
    llm = sum(p.numel() for p in model.language_model.parameters())
    assert abs(vit / 0.30e9 - 1) < 0.05, vit
    assert abs(llm / 2.0e9 - 1) < 0.05, llm
    assert model.cfg.tokens_per_tile == 256


def test_vision_rejects_heads_that_do_not_divide():
    from model.vision import InternVisionModel

    with pytest.raises(ValueError, match="not divisible"):
        InternVisionModel(VisionConfig(hidden_size=30, num_attention_heads=4, num_hidden_layers=1))
