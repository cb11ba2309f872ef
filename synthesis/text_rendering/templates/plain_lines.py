"""plain_lines: a few lines of text on a plain, gradient or textured background — the
text-on-plain-background data InternVL-U's text-centric stage starts from."""

from __future__ import annotations

from synthesis.text_rendering.scene import SceneBuilder
from synthesis.text_rendering.templates.base import Template

KINDS = ("words", "title", "slogan", "name", "company", "price", "date", "number_unit", "sentence")


class PlainLines(Template):
    name = "plain_lines"
    scene_en = "a clean typographic image"
    scene_zh = "一张简洁的文字排版图片"
    backgrounds = ("plain", "gradient", "noise", "paper")

    def build(self, scene: SceneBuilder) -> None:
        n = int(scene.rng.integers(1, 6))
        lines = [scene.text(scene.choice(KINDS), max_chars=40) for _ in range(n)]
        margin = min(scene.width, scene.height) * scene.uniform(0.05, 0.12)
        box = (margin, margin, scene.width - 2 * margin, scene.height - 2 * margin)
        # Occasionally fill less than the whole height, so sizes vary beyond "as big as fits".
        cap = int(scene.uniform(0.3, 1.0) * box[3] / max(n, 1))
        scene.add_text(
            "\n".join(lines), box, role="body", paragraphs=True, max_size=max(cap, 16),
            align=scene.choice(("left", "center", "right")), valign=scene.choice(("top", "middle", "bottom")),
            spacing=round(scene.uniform(1.05, 1.4), 2),
            stroke=scene.chance(0.15 * scene.effect_strength), shadow=scene.chance(0.2 * scene.effect_strength),
        )
        scene.fact("What text is written in the image?", "图片中写了什么文字？", " ".join(lines))
        if n > 1:
            scene.fact("What does the last line say?", "最后一行写的是什么？", lines[-1])
