"""The chat template (Qwen's ChatML, as InternVL uses) and where the generation
context ends.

An understanding image is `<img>` + tokens_per_tile·tiles × `<IMG_CONTEXT>` + `</img>` in
the user turn. For generation the assistant turn opens an image with `<img>` (after
its reasoning in CoT mode); the head reads the LLM's last-layer states of everything
before that `<img>` (the user turn, and the reasoning).
"""

from __future__ import annotations

from dataclasses import dataclass

from model.tokenizer import TokenIds


def image_placeholder(num_tokens: int) -> str:
    return "<img>" + "<IMG_CONTEXT>" * num_tokens + "</img>"


def user_turn(prompt: str, image_tokens: int = 0) -> str:
    image = image_placeholder(image_tokens) + "\n" if image_tokens else ""
    return f"<|im_start|>user\n{image}{prompt}<|im_end|>\n<|im_start|>assistant\n"


@dataclass
class Prompt:
    input_ids: list[int]
    context_end: int  # the head reads states [0, context_end); input_ids[context_end] is <img>


def generation_prompt(tokenizer, prompt: str, image_tokens: int = 0, reasoning: str = "") -> Prompt:
    """Token ids of a generation request ending with the `<img>` that hands over to the head."""
    ids = TokenIds.of(tokenizer)
    text = user_turn(prompt, image_tokens) + reasoning
    input_ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    return Prompt(input_ids + [ids.img_start], context_end=len(input_ids))
