"""physics.lens: a thin-lens ray diagram (converging or diverging) with the image located.

The solver solves the thin-lens equation 1/f = 1/d_o + 1/d_i for d_i with sympy and
takes m = −d_i/d_o; the verifier intersects two principal rays instead.
Sign convention: real-is-positive; f < 0 for a diverging lens, d_i < 0 for a virtual image.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from synthesis.science.physics.common import LAYOUT_TRIES, approx, dec, layout_ok, pick_colors
from synthesis.science.physics.lens_draw import draw
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

FOCAL = (6, 8, 10, 12, 15, 20)  # |f|, cm
HEIGHTS = (2, 3, 4, 5)  # object height, cm
MAX_MAGNIFICATION = 4  # keeps the image and the rays on the page


@dataclass(frozen=True)
class LensImage:
    f: sp.Rational
    d_o: sp.Rational
    h_o: sp.Rational
    d_i: sp.Rational
    m: sp.Rational

    @property
    def h_i(self) -> sp.Rational:
        return self.m * self.h_o

    @property
    def real(self) -> bool:
        return bool(self.d_i > 0)

    @property
    def upright(self) -> bool:
        return bool(self.m > 0)


def solve(f: sp.Rational, d_o: sp.Rational, h_o: sp.Rational) -> LensImage:
    d_i = sp.Symbol("d_i")
    (root,) = sp.solve(sp.Eq(1 / f, 1 / d_o + 1 / d_i), d_i)
    return LensImage(f, d_o, h_o, sp.Rational(root), sp.Rational(-root / d_o))


def sample(rng: np.random.Generator) -> LensImage:
    """An object distance with a finite image no more than MAX_MAGNIFICATION times as large."""
    f = sp.Integer(int(rng.choice(FOCAL))) * (1 if rng.random() < 0.65 else -1)
    h_o = sp.Integer(int(rng.choice(HEIGHTS)))
    choices = [d for d in range(max(2, int(abs(f)) // 3), int(3.5 * abs(f)) + 1)
               if d != f and abs(f * sp.Rational(1) / (d - f)) <= MAX_MAGNIFICATION]
    return solve(f, sp.Integer(int(rng.choice(choices))), h_o)


def _words(img: LensImage) -> tuple[str, str]:
    kind = "converging" if img.f > 0 else "diverging"
    return kind, f"{'real' if img.real else 'virtual'}, {'upright' if img.upright else 'inverted'}"


def _instructions(img: LensImage, rng: np.random.Generator) -> tuple[str, str, str]:
    kind, nature = _words(img)
    f = dec(abs(img.f))
    abstract = (f"An object {img.h_o} cm tall stands {img.d_o} cm in front of a {kind} lens of focal length {f} cm. "
                + ("Draw the ray diagram and locate the image."
                   if rng.random() < 0.5 else
                   "Draw the three principal rays and find where the image forms, its magnification and whether it "
                   "is real or virtual, upright or inverted."))
    explicit = (f"Draw the optical axis, a thin {kind} lens at x = 0 with focal points at ±{f} cm, and an upright "
                f"{img.h_o} cm object arrow at x = −{img.d_o} cm. Draw the three principal rays from its tip (parallel "
                f"to the axis then through the focal point, through the centre undeviated, through the focal point "
                f"then parallel); the image forms at d_i = {dec(img.d_i)} cm, magnification m = {dec(img.m)} "
                f"({nature}, height {dec(img.h_i)} cm)"
                + ("; extend the outgoing rays backwards as dashed lines to the virtual image."
                   if not img.real else "."))
    zh_kind = "凸透镜（会聚透镜）" if img.f > 0 else "凹透镜（发散透镜）"
    zh = (f"高 {img.h_o} cm 的物体放在焦距为 {f} cm 的{zh_kind}前 {img.d_o} cm 处。"
          f"画出三条特征光线的光路图，求像的位置和放大率，并判断像的虚实和正倒。")
    return abstract, explicit, zh


def _cot(img: LensImage, names: dict) -> str:
    kind, nature = _words(img)
    return (
        f"1. Thin-lens equation with f = {img.f} cm ({kind}) and d_o = {img.d_o} cm: 1/d_i = 1/f − 1/d_o = "
        f"1/{img.f} − 1/{img.d_o} = {1 / img.d_i}, so d_i = {img.d_i} cm"
        f"{'' if img.d_i.q == 1 else f' ≈ {float(img.d_i):.4f} cm'}. "
        f"2. Magnification m = −d_i/d_o = {img.m}{'' if img.m.q == 1 else f' ≈ {float(img.m):.4f}'}, "
        f"image height {dec(img.h_i, 3)} cm. "
        + ("3. d_i > 0: the image is real, on the far side of the lens" if img.real
           else "3. d_i < 0: the image is virtual, on the object side")
        + f"; m {'> 0: upright' if img.upright else '< 0: inverted'}. "
        f"4. Draw the object in {names['object']}, the three principal rays in {names['rays']}"
        + ("" if img.real else " (dashed backward extensions meet at the virtual image)")
        + f", and the image arrow in {names['image']} where they meet: {nature}."
    )


class LensTemplate(ScienceTemplate):
    name = "physics.lens"
    family = "physics"
    subject = "Physics"
    image_type = "Diagrams"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        colors, names = pick_colors(rng, ctx, ("object", "rays", "image"))
        for _ in range(4):
            img = sample(rng)
            for attempt in range(LAYOUT_TRIES):
                drawing, objects = draw(ctx, img, colors, attempt)
                if layout_ok(drawing):
                    break
            else:
                continue
            break
        abstract, explicit, zh = _instructions(img, rng)
        kind, _ = _words(img)
        return ScienceItem(
            instruction=abstract, instruction_explicit=explicit, instruction_zh=zh, cot=_cot(img, names),
            answer={
                "image_distance": approx(img.d_i),
                "magnification": approx(img.m),
                "image_height": approx(img.h_i),
                "real": img.real,
                "upright": img.upright,
                "image_distance_exact": str(img.d_i),
                "magnification_exact": str(img.m),
            },
            problem={"lens": kind, "focal_length": str(img.f), "object_distance": str(img.d_o),
                     "object_height": str(img.h_o), "units": "cm", "sign_convention": "real-is-positive"},
            image=drawing.png, width=drawing.width, height=drawing.height,
            difficulty="medium" if img.real else "hard",
            labels={"texts": drawing.texts, "objects": objects},
            render={"colors": colors, "layout_attempt": attempt},
        )
