"""Rubric prompts for the MLLM judge: one per task family, each a versioned prompt.

A rubric lists criteria scored 1 (bad) .. 3 (good); the model answers JSON
`{"scores": {criterion: 1|2|3}, "overall": 1|2|3, "rationale": "..."}`. `response_schema`
is that shape as a JSON schema (a decoding constraint where the backend supports one),
`parse_answer` checks any answer against it. A rubric's `prompt_version` names the exact
wording: change the text, bump the version, and cached results of the old wording are no
longer reused.

Families: `text` (text rendering), `science` (diagrams), `editing` (any `edit` row).
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass

SCORES = (1, 2, 3)


@dataclass(frozen=True)
class Rubric:
    family: str
    version: str
    task: str                      # what the image is meant to be, for the prompt
    criteria: dict[str, str]       # criterion -> what 1..3 measure (ordered)

    @property
    def prompt_version(self) -> str:
        return f"{self.family}-{self.version}"


RUBRICS: dict[str, Rubric] = {
    "text": Rubric(
        family="text", version="v1",
        task="an image generated for the instruction below, whose main content is rendered text",
        criteria={
            "legibility": "1 = text garbled, misspelt or unreadable; 2 = readable with flaws (a wrong or "
                          "broken character, cramped or clipped glyphs); 3 = every character crisp and correct",
            "prompt_alignment": "1 = the image does not show what was asked; 2 = mostly, with missing or extra "
                                "elements; 3 = all asked text, layout and style present and nothing contradicts it",
        },
    ),
    "science": Rubric(
        family="science", version="v1",
        task="a scientific diagram generated for the instruction below, with the reasoning (CoT) that "
             "turned the instruction into concrete content",
        criteria={
            "content_correct": "1 = the drawn content is wrong for the instruction or contradicts the "
                               "reasoning (wrong values, shapes, labels, structure); 2 = right overall with a "
                               "minor error or unclear element; 3 = everything drawn is correct and matches "
                               "both the instruction and the reasoning",
        },
    ),
    "editing": Rubric(
        family="editing", version="v1",
        task="an edit: the FIRST image is the source, the SECOND the edited result of the instruction below",
        criteria={
            "instruction_following": "1 = the edit was not made or is wrong; 2 = made partly or imprecisely; "
                                     "3 = made exactly as asked",
            "consistency": "1 = regions the instruction did not touch changed visibly; 2 = small unwanted "
                           "changes; 3 = everything else is unchanged",
            "quality": "1 = visible artefacts, seams or broken text; 2 = minor artefacts; 3 = clean, natural",
        },
    ),
}

# Every criterion of every rubric, in a fixed order: one score column each.
ALL_CRITERIA: tuple[str, ...] = tuple(dict.fromkeys(c for r in RUBRICS.values() for c in r.criteria))

# Which rubric a generator's non-edit rows get; edit rows always get `editing`.
DEFAULT_FAMILIES = {"text_rendering": "text", "science": "science"}


def select_rubric(generator: str, task: str, families: dict[str, str] | None = None) -> Rubric | None:
    """The rubric for a row, or None when no rubric fits (the row stays unjudged)."""
    if task == "edit":
        return RUBRICS["editing"]
    if task != "t2i":
        return None
    family = {**DEFAULT_FAMILIES, **(families or {})}.get(generator)
    return RUBRICS.get(family) if family else None


def response_schema(rubric: Rubric) -> dict:
    """The answer as a JSON schema: exactly the rubric's criteria, each 1..3."""
    score = {"type": "integer", "enum": list(SCORES)}
    return {
        "type": "object",
        "properties": {
            "scores": {
                "type": "object",
                "properties": {c: score for c in rubric.criteria},
                "required": list(rubric.criteria),
                "additionalProperties": False,
            },
            "overall": score,
            "rationale": {"type": "string"},
        },
        "required": ["scores", "overall", "rationale"],
        "additionalProperties": False,
    }


def prompt_text(rubric: Rubric, instruction: str, cot: str | None) -> str:
    lines = [
        f"You are grading {rubric.task}.",
        "",
        f"Instruction: {instruction}",
    ]
    if cot:
        lines.append(f"Reasoning (CoT): {cot}")
    lines += ["", "Score each criterion 1, 2 or 3:"]
    lines += [f"- {name}: {meaning}" for name, meaning in rubric.criteria.items()]
    lines += [
        "- overall: 1 = unusable as training data, 2 = acceptable, 3 = excellent",
        "",
        "Answer with JSON only, no other text: "
        + json.dumps({"scores": {c: 1 for c in rubric.criteria}, "overall": 1, "rationale": "one sentence"}),
    ]
    return "\n".join(lines)


def image_data_url(data: bytes) -> str:
    """Encoded image bytes as a data URL (the mime type from the file's magic bytes)."""
    if data.startswith(b"\x89PNG"):
        mime = "image/png"
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        mime = "image/webp"
    elif data.startswith(b"\xff\xd8"):
        mime = "image/jpeg"
    else:
        raise ValueError("image is not PNG, WebP or JPEG")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def build_messages(rubric: Rubric, instruction: str, cot: str | None, image: bytes,
                   source_image: bytes | None = None) -> list[dict]:
    """OpenAI chat messages: one user turn with the prompt and the image(s) as data URLs."""
    images = [source_image, image] if rubric.family == "editing" else [image]
    if any(not im for im in images):
        raise ValueError("editing rows need source_image and image" if rubric.family == "editing"
                         else "no image")
    content = [{"type": "image_url", "image_url": {"url": image_data_url(im)}} for im in images]
    content.append({"type": "text", "text": prompt_text(rubric, instruction, cot)})
    return [{"role": "user", "content": content}]


@dataclass(frozen=True)
class Answer:
    scores: dict[str, int]
    overall: int
    rationale: str


_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def parse_answer(text: str, rubric: Rubric) -> Answer:
    """The model's answer, checked against the rubric; ValueError says what is wrong
    (always ValueError, also for wrong types: to callers any bad answer is one kind)."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("empty answer")
    fenced = _FENCE.match(text)  # unconstrained models like to wrap JSON in a code fence
    try:
        data = json.loads(fenced.group(1) if fenced else text)
    except json.JSONDecodeError as err:
        raise ValueError(f"answer is not JSON ({err.msg} at char {err.pos})") from None
    if not isinstance(data, dict):
        raise ValueError(f"answer must be a JSON object, got {type(data).__name__}")  # noqa: TRY004
    scores = data.get("scores")
    if not isinstance(scores, dict):
        raise ValueError("answer has no 'scores' object")  # noqa: TRY004
    missing = [c for c in rubric.criteria if c not in scores]
    if missing:
        raise ValueError(f"answer lacks scores for {', '.join(missing)}")
    extra = sorted(set(scores) - set(rubric.criteria))
    if extra:
        raise ValueError(f"answer scores unknown criteria {', '.join(extra)}; allowed: {', '.join(rubric.criteria)}")
    for name, value in [*scores.items(), ("overall", data.get("overall"))]:
        if isinstance(value, bool) or value not in SCORES:
            raise ValueError(f"{name} must be 1, 2 or 3, got {value!r}")
    rationale = data.get("rationale", "")
    if not isinstance(rationale, str):
        raise ValueError("rationale must be a string")  # noqa: TRY004
    return Answer({c: int(scores[c]) for c in rubric.criteria}, int(data["overall"]), rationale)
