"""TextRenderingGenerator: the `text_rendering` generator.

One seed → one sample: a template composes a scene (SceneBuilder), the scene is drawn
(draw.render_scene) and turned into one of three tasks:
- t2i: the image, an instruction quoting every text exactly (+ Chinese), a planning CoT;
- edit: the same scene re-rendered with one text changed (pairs.py): source, target, mask;
- und: a reading question about the image with its exact answer.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from synthesis.generator import Generator
from synthesis.sample import Sample
from synthesis.text_rendering import pairs, prompts
from synthesis.text_rendering.backgrounds import sample_background
from synthesis.text_rendering.draw import render_scene
from synthesis.text_rendering.effects import sample_effects
from synthesis.text_rendering.fonts import HAS_RAQM, font_index
from synthesis.text_rendering.params import TextRenderingParams
from synthesis.text_rendering.scene import NoFit, SceneBuilder
from synthesis.text_rendering.templates import template as load_template
from synthesis.text_rendering.text.languages import LANGUAGES, available_languages

LAYOUT_TRIES = 12
# Fixed, so bytes are too. Measured on 1024-px scenes (textured backgrounds): level 3 is
# 2.4x faster than 6 for 0.6 % more bytes; level 1 is 17 % bigger again.
PNG_COMPRESS_LEVEL = 3
WEBP_QUALITY = 92
WEBP_METHOD = 0  # the encoder's fastest effort: 3.5x faster than method 4 at a few % more bytes


def encode(image: Image.Image, fmt: str = "png") -> bytes:
    """PNG (no metadata chunks: same pixels, same bytes) or lossy WebP."""
    buffer = io.BytesIO()
    if fmt == "webp":
        image.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    else:
        image.save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def weighted(rng: np.random.Generator, weights: dict[str, float], allowed=None) -> str:
    keys = [k for k, w in weights.items() if w > 0 and (allowed is None or k in allowed)]
    if not keys:
        raise NoFit(f"no choice left among {sorted(weights)} (allowed: {allowed})")
    p = np.array([weights[k] for k in keys], dtype=np.float64)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def canvas_size(rng: np.random.Generator, params: TextRenderingParams, aspect: tuple[float, float]) -> tuple[int, int]:
    lo, hi = max(0.5, aspect[0]), min(2.0, aspect[1])
    long_side = int(rng.integers(params.min_size, params.max_size + 1))
    ratio = float(np.exp(rng.uniform(np.log(lo), np.log(hi))))  # width / height
    if ratio >= 1.0:
        return long_side, max(64, round(long_side / ratio))
    return max(64, round(long_side * ratio)), long_side


class TextRenderingGenerator(Generator):
    name = "text_rendering"
    version = "1.0.0"
    Params = TextRenderingParams

    def __init__(self) -> None:
        self.families = set(font_index())

    def check_params(self, params: TextRenderingParams) -> None:
        missing = [f for f in params.fonts or () if f not in self.families]
        if missing:
            raise ValueError(f"font families {missing} are not installed; installed families include: "
                             + ", ".join(sorted(self.families)[:40]) + " ...")
        for folder in params.photo_dirs:
            from synthesis.text_rendering.backgrounds import photo_files

            photo_files(folder)  # raises a one-line error for a missing or empty folder

    def compose(self, rng: np.random.Generator, params: TextRenderingParams) -> tuple[object, SceneBuilder]:
        """A built scene: tries new template / language / canvas draws when one cannot fit."""
        usable = available_languages()
        failures = []
        for _ in range(LAYOUT_TRIES):
            tpl = load_template(weighted(rng, params.templates))
            lang = weighted(rng, params.languages, tpl.languages and set(tpl.languages) & set(usable) or usable)
            width, height = canvas_size(rng, params, tpl.aspect)
            kinds = tuple(k for k in params.backgrounds if tpl.backgrounds is None or k in tpl.backgrounds)
            background = sample_background(rng, kinds or params.backgrounds, params.photo_dirs)
            scene = SceneBuilder(rng, tpl.name, width, height, background, lang, params.min_contrast,
                                 params.effects, params.fonts, photo_dirs=params.photo_dirs)
            try:
                tpl.build(scene)
            except NoFit as exc:
                failures.append(f"{tpl.name}/{lang}: {exc}")
                continue
            if scene.blocks:
                return tpl, scene
        raise ValueError(f"no layout fitted in {LAYOUT_TRIES} tries: " + "; ".join(failures[-3:]))

    def scene_spec(self, rng: np.random.Generator, params: TextRenderingParams) -> tuple[object, SceneBuilder, dict]:
        tpl, scene = self.compose(rng, params)
        spec = scene.spec(sample_effects(rng, params.effects))
        spec["shaping"] = "raqm" if HAS_RAQM else "basic"
        spec["excluded_languages"] = sorted(set(LANGUAGES) - set(available_languages()))
        spec["format"] = params.image_format
        return tpl, scene, spec

    def __call__(self, seed: int, params: TextRenderingParams) -> Sample:
        self.check_params(params)
        rng = np.random.default_rng(seed)
        task = weighted(rng, params.tasks)
        tpl, scene, spec = self.scene_spec(rng, params)
        image, labels = render_scene(spec, scene.background_image)
        common = {"generator": self.name, "generator_version": self.version, "template": tpl.name,
                  "seed": seed, "width": spec["width"], "height": spec["height"]}
        if task == "edit":
            pair = pairs.make_pair(rng, spec, image, labels, scene.background_image)
            if pair is not None:
                return Sample(
                    task="edit", instruction=pair.instruction, instruction_zh=pair.instruction_zh, cot=pair.cot,
                    answer=pair.answer, image=encode(pair.target, params.image_format),
                    source_image=encode(image, params.image_format), mask=encode(pair.mask, "png"),
                    labels=pair.target_labels, spec={**spec, "edit": pair.edit_spec}, **common,
                )
            task = "t2i"  # no editable text in this scene: fall back to generation
        lines = [line["text"] for line in labels["lines"]]
        if task == "und":
            question = reading_question(rng, spec, labels)
            return Sample(
                task="und", instruction=question["question"], instruction_zh=question["question_zh"],
                cot=question.get("cot", ""), answer={"answer": question["answer"], "lines": lines},
                image=encode(image, params.image_format), labels=labels, spec=spec, **common,
            )
        instruction, instruction_zh = prompts.instructions(rng, spec, tpl.scene_en, tpl.scene_zh)
        return Sample(
            task="t2i", instruction=instruction, instruction_zh=instruction_zh, cot=prompts.cot(spec, tpl.scene_en),
            answer={"lines": lines}, image=encode(image, params.image_format), labels=labels, spec=spec, **common,
        )


def reading_question(rng: np.random.Generator, spec: dict, labels: dict) -> dict:
    """A template fact, or a generic 'what does the <role> say' about one block."""
    facts = list(spec.get("facts") or [])
    for b, block in enumerate(spec["blocks"]):
        text = prompts.block_text(block)
        role = block["role"].replace("_", " ")
        where = prompts.place(block, spec["width"], spec["height"], "en")
        where_zh = prompts.place(block, spec["width"], spec["height"], "zh")
        facts.append({"question": f"What does the {role} at the {where} of the image say?",
                      "question_zh": f"图片{where_zh}的{prompts.ROLE_ZH.get(block['role'], '文字')}写的是什么？",
                      "answer": text,
                      "cot": f"The {role} is at the {where}; reading it character by character gives \"{text}\"."})
    return facts[int(rng.integers(len(facts)))]
