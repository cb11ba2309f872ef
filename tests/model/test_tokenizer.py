"""The local BPE tokenizer and the chat template."""

from __future__ import annotations

import pytest

from model.chat import generation_prompt, user_turn
from model.tokenizer import SPECIAL_TOKENS, TokenIds, load_tokenizer, train_bpe

TEXTS = ["Draw a red apple on a wooden table.", "Make the clock show 2 h 45 min later.",
         "What is written on the sign?", "A poster that says SALE in big letters."] * 20


def test_trained_tokenizer_round_trips_and_keeps_special_tokens_whole(tmp_path):
    tok = train_bpe(TEXTS, vocab_size=300, folder=tmp_path / "tok")
    assert len(tok) <= 300
    ids = TokenIds.of(tok)
    assert [tok.convert_ids_to_tokens(i) for i in (ids.im_start, ids.img_start, ids.img_context)] == [
        "<|im_start|>", "<img>", "<IMG_CONTEXT>"]
    text = user_turn("Draw a red apple.", image_tokens=3)
    encoded = tok(text, add_special_tokens=False)["input_ids"]
    assert encoded.count(ids.img_context) == 3 and encoded.count(ids.img_start) == 1
    assert tok.decode(encoded) == text
    again = load_tokenizer(tmp_path / "tok")
    assert again(text, add_special_tokens=False)["input_ids"] == encoded


def test_generation_prompt_ends_with_img_and_marks_the_context(tmp_path):
    tok = train_bpe(TEXTS, vocab_size=300)
    ids = TokenIds.of(tok)
    p = generation_prompt(tok, "Draw a red apple.", reasoning="An apple is round and red.")
    assert p.input_ids[-1] == ids.img_start and p.context_end == len(p.input_ids) - 1
    assert "An apple is round" in tok.decode(p.input_ids[: p.context_end])


def test_missing_folder_and_missing_special_tokens_are_clear_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="no tokenizer.json"):
        load_tokenizer(tmp_path / "nothing")
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    bare = Tokenizer(models.BPE())
    bare.pre_tokenizer = pre_tokenizers.ByteLevel()
    bare.train_from_iterator(TEXTS, trainers.BpeTrainer(vocab_size=280, show_progress=False))
    with pytest.raises(ValueError, match="tokenizer lacks special tokens"):
        TokenIds.of(PreTrainedTokenizerFast(tokenizer_object=bare))
    assert len(SPECIAL_TOKENS) == 6
