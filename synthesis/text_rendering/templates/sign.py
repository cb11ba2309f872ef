"""sign: a board with text on a wall, a pole or a door — as a camera sees it.

Sub-layouts: `street` (a blue/green/brown street-name plate with a white rim, on a
post or a wall), `shop` (a wide shop board with the shop's name and a tagline),
`door` (a small plate: Push, Staff only..., often with an English line under it),
`directional` (stacked arrow boards with a destination and a distance), `neon` (glowing
letters and a glowing outline on a dark wall) and, for Chinese and Japanese,
`vertical` (a tall shop sign set top to bottom).

The board is a canvas polygon pushed through the same rotation/perspective matrix as
its text (`board_polygon`), so board and letters lean together however the sign is
turned.

The helpers it shares with the other scene templates (poster, label, card,
photo_region) live in their own modules: boards and frames in `shapes`, `put_text` with
a face that suits the language in `faces`, `min_px` and `used_height` in `measure`,
street and shop names in `names`, and `vertical_text` in `vertical`.
"""

from __future__ import annotations

import numpy as np

from synthesis.text_rendering.backgrounds import sample_background
from synthesis.text_rendering.scene import NoFit, SceneBuilder
from synthesis.text_rendering.scenery import sample_scenery
from synthesis.text_rendering.templates.base import Template
from synthesis.text_rendering.templates.faces import put_text
from synthesis.text_rendering.templates.measure import CJK_HANGUL, min_px
from synthesis.text_rendering.templates.names import seeded_faker, shop_name, street_name
from synthesis.text_rendering.templates.shapes import board_polygon, frame_matrix, point_in, pose, rounded_outline, wall
from synthesis.text_rendering.templates.vertical import CJK, vertical_text
from synthesis.text_rendering.text import phrasebook

# Board colour and the text colour it carries: real street plates and shop boards.
STREET_PLATES = (((20, 70, 150), (255, 255, 255)), ((0, 105, 60), (255, 255, 255)),
                 ((110, 60, 30), (255, 255, 255)), ((25, 25, 25), (255, 255, 255)),
                 ((245, 245, 240), (20, 20, 20)))
SHOP_BOARDS = (((28, 60, 45), (236, 214, 160)), ((20, 28, 52), (255, 255, 255)), ((30, 30, 30), (230, 190, 90)),
               ((120, 28, 36), (255, 244, 220)), ((238, 230, 210), (40, 30, 20)), ((150, 98, 58), (255, 248, 230)),
               ((250, 250, 250), (200, 30, 40)), ((232, 196, 70), (30, 30, 30)))
DOOR_PLATES = (((235, 235, 235), (30, 30, 30)), ((200, 170, 90), (40, 30, 10)), ((30, 30, 30), (255, 255, 255)),
               ((250, 250, 250), (0, 90, 170)), ((0, 120, 70), (255, 255, 255)), ((200, 30, 30), (255, 255, 255)))
NEON = ((255, 60, 170), (60, 230, 255), (255, 220, 60), (120, 255, 120), (255, 120, 40), (200, 120, 255))
DOOR_PHRASES = ("push", "pull", "staff_only", "restrooms", "no_smoking", "no_entry", "exit", "entrance",
                "emergency_exit", "information", "wet_floor", "open", "closed", "welcome")
DESTINATIONS = ("exit", "entrance", "restrooms", "information", "emergency_exit")


def fitted(width: float, height: float, aspect: float, share: float, angle: float) -> tuple[float, float]:
    """Largest board of `aspect` (w/h) whose turned bounding box fills `share` of the canvas."""
    c, s = abs(np.cos(np.deg2rad(angle))), abs(np.sin(np.deg2rad(angle)))
    # bounding box of a w×h board turned by angle: (w c + h s, w s + h c), with w = aspect h
    h = min(share * width / (aspect * c + s), share * height / (aspect * s + c))
    return aspect * h, h


# --- the template -------------------------------------------------------------------------

class Sign(Template):
    name = "sign"
    scene_en = "a photo of a sign"
    scene_zh = "一张标牌照片"
    aspect = (0.75, 2.0)
    backgrounds = ("plain", "noise", "wood", "fabric", "paper", "gradient")

    LAYOUTS = ("street", "shop", "door", "directional", "neon", "vertical")

    def build(self, scene: SceneBuilder, layout: str | None = None) -> None:
        """`layout`: one of LAYOUTS (default: drawn at random; `vertical` only for zh/ja)."""
        if layout is None:
            layouts = ["street", "shop", "shop", "door", "directional", "neon"]
            layout = scene.choice(layouts + ["vertical", "vertical"] if scene.lang in CJK else layouts)
        elif layout not in self.LAYOUTS:
            raise ValueError(f"unknown sign layout {layout!r}; allowed: {', '.join(self.LAYOUTS)}")
        getattr(self, f"_{layout}")(scene)

    def _outdoor_backdrop(self, scene: SceneBuilder) -> None:
        """Street-level signs stand against a street or a landscape."""
        if scene.photo_dirs and scene.chance(0.5):
            scene.set_background(sample_background(scene.rng, ("photo",), scene.photo_dirs))
        elif scene.chance(0.7):
            scene.set_background(sample_scenery(scene.rng))
        else:
            scene.set_background(wall(scene))

    def _street(self, scene: SceneBuilder) -> None:
        self._outdoor_backdrop(scene)
        board, ink = scene.choice(STREET_PLATES)
        name = street_name(scene)
        angle, tilt = pose(scene)
        bw, bh = fitted(scene.width, scene.height, scene.uniform(3.0, 4.5), scene.uniform(0.7, 0.9), angle)
        cx, cy = scene.width / 2, scene.height * scene.uniform(0.3, 0.5)
        pad_x, pad_y = bh * 0.36, bh * 0.2  # the white rim stays clear of the letters
        iw, ih = bw - 2 * pad_x, bh - 2 * pad_y
        block = put_text(scene, name, (cx - iw / 2, cy - ih / 2, iw, ih), role="name", categories=("sans", "display"),
                               bold=True, align="center", valign="middle", max_lines=1, color=ink, against=[board],
                               min_size=max(20, min_px(scene.lang, CJK_HANGUL)), angle=angle, tilt=tilt)
        if not tilt[0] and not tilt[1] and scene.chance(0.6):  # a post under a sign seen square-on
            post_w = bw * 0.04
            x0, y0 = point_in(block["matrix"], iw / 2, ih + pad_y)
            scene.add_shape("rect", (x0 - post_w / 2, y0 - 2, x0 + post_w / 2, scene.height), fill=(120, 124, 128))
        m = block["matrix"]
        rim = bh * 0.06
        scene.add_shape("polygon", board_polygon(m, rounded_outline(-pad_x, -pad_y, iw + pad_x, ih + pad_y, bh * 0.12)),
                        fill=board)
        scene.add_shape("polygon", board_polygon(m, rounded_outline(-pad_x + rim, -pad_y + rim, iw + pad_x - rim,
                                                                     ih + pad_y - rim, bh * 0.08)),
                        outline=ink, width=max(2, round(bh * 0.03)))
        scene.scene = {"kind": "street sign", "street": name}
        scene.fact("What is the street name on the sign?", "路牌上的街道名是什么？", name)

    def _shop(self, scene: SceneBuilder) -> None:
        scene.set_background(wall(scene))
        board, ink = scene.choice(SHOP_BOARDS)
        shop = shop_name(scene, 22)
        angle = pose(scene, max_angle=4.0)[0]
        bw, bh = fitted(scene.width, scene.height, scene.uniform(2.2, 4.0), scene.uniform(0.8, 0.92), angle)
        center = (scene.width / 2, scene.height * scene.uniform(0.35, 0.5))
        frame = frame_matrix(center, angle, bw, bh)
        tagline = None
        if scene.chance(0.7):
            tagline = scene.choice((lambda: phrasebook.phrase(scene.rng, scene.lang, "shop"),
                                    lambda: scene.text("slogan", max_chars=40)))()
        pad = bh * 0.12
        name_h = (bh - 2 * pad) * (0.62 if tagline else 1.0)
        self._on_board(scene, frame, shop, (pad, pad, bw - 2 * pad, name_h), angle, role="name", ink=ink,
                       board=board, categories=("serif", "display", "handwriting"), min_size=24,
                       stroke=scene.chance(0.3 * scene.effect_strength),
                       shadow=scene.chance(0.4 * scene.effect_strength))
        if tagline:
            try:
                self._on_board(scene, frame, tagline, (pad * 1.5, pad + name_h + pad * 0.3, bw - 3 * pad,
                                                       bh - 2.3 * pad - name_h), angle, role="tagline", ink=ink,
                               board=board, categories=("sans", "serif"), min_size=min_px(scene.lang, CJK_HANGUL))
            except NoFit:
                tagline = None
        outline = rounded_outline(0, 0, bw, bh, bh * scene.choice((0.0, 0.05, 0.15)))
        scene.add_shape("polygon", board_polygon(frame, outline), fill=board,
                        outline=ink if scene.chance(0.5) else None, width=max(2, round(bh * 0.025)))
        scene.scene = {"kind": "shop sign", "shop": shop, "tagline": tagline}
        scene.fact("What is the name of the shop on the sign?", "招牌上的店名是什么？", shop)

    def _on_board(self, scene: SceneBuilder, frame, text: str, local_box, angle: float, *, role: str, ink, board,
                  categories, min_size: int, **style) -> dict:
        """A text block at `local_box` of a rigid board frame (several blocks share one board)."""
        x, y, w, h = local_box
        cx, cy = point_in(frame, x + w / 2, y + h / 2)
        return put_text(scene, text, (cx - w / 2, cy - h / 2, w, h), role=role, categories=categories,
                              align="center", valign="middle", max_lines=2 if role == "tagline" else 1, color=ink,
                              against=[board], min_size=min_size, angle=angle, **style)

    def _door(self, scene: SceneBuilder) -> None:
        scene.set_background(wall(scene, wood=0.5))
        board, ink = scene.choice(DOOR_PLATES)
        key = scene.choice(DOOR_PHRASES)
        text = phrasebook.translate(key, scene.lang)
        english = phrasebook.translate(key, "en") if scene.lang != "en" and scene.chance(0.5) else None
        if scene.lang == "en" and scene.chance(0.3):
            text = text.upper()
        angle = pose(scene, max_angle=3.0)[0]
        bw, bh = fitted(scene.width, scene.height, scene.uniform(1.6, 3.2), scene.uniform(0.55, 0.8), angle)
        frame = frame_matrix((scene.width / 2, scene.height / 2), angle, bw, bh)
        pad = bh * 0.14
        main_h = (bh - 2 * pad) * (0.6 if english else 1.0)
        self._on_board(scene, frame, text, (pad, pad, bw - 2 * pad, main_h), angle, role="sign", ink=ink, board=board,
                       categories=("sans",), min_size=max(18, min_px(scene.lang, CJK_HANGUL)), bold=True)
        if english:
            self._on_board(scene, frame, english, (pad, pad + main_h, bw - 2 * pad, bh - 2 * pad - main_h), angle,
                           role="sign", ink=ink, board=board, categories=("sans",), min_size=14, lang="en")
        scene.add_shape("polygon", board_polygon(frame, rounded_outline(0, 0, bw, bh, bh * 0.08)), fill=board,
                        outline=(150, 150, 150), width=2)
        for sx, sy in ((0.04, 0.1), (0.96, 0.1), (0.04, 0.9), (0.96, 0.9)):  # screws in the corners, clear of text
            x, y = point_in(frame, bw * sx, bh * sy)
            r = max(2.0, bh * 0.025)
            scene.add_shape("ellipse", (x - r, y - r, x + r, y + r), fill=(170, 170, 170), outline=(90, 90, 90))
        scene.scene = {"kind": "door sign", "phrase": key}
        scene.fact("What does the sign say?", "标牌上写着什么？", text)

    def _directional(self, scene: SceneBuilder) -> None:
        self._outdoor_backdrop(scene)
        board, ink = scene.choice(STREET_PLATES)
        n = int(scene.rng.integers(2, 5))
        towns = scene.chance(0.5)  # a fingerpost to towns (km), or a sign inside a station (m)
        if towns:
            fake = seeded_faker(scene)
            names = [fake.city() for _ in range(n)]
        else:
            names = [phrasebook.translate(DESTINATIONS[i], scene.lang)
                     for i in scene.rng.permutation(len(DESTINATIONS))[:n]]
        bw = scene.width * scene.uniform(0.6, 0.8)
        row_h = min(scene.height * 0.8 / n, bw / 4)
        top = (scene.height - n * row_h) / 2
        x0 = (scene.width - bw) / 2
        post_w = bw * 0.05
        scene.add_shape("rect", (scene.width / 2 - post_w / 2, top, scene.width / 2 + post_w / 2, scene.height),
                        fill=(110, 114, 118))
        rtl = scene.lang == "ar"
        for i, name in enumerate(names):
            right = scene.chance(0.5)
            y = top + i * row_h + row_h * 0.08
            h = row_h * 0.84
            tip = h * 0.45
            body = (x0, x0 + bw - tip) if right else (x0 + tip, x0 + bw)
            tip_x = x0 + bw if right else x0
            base_x = body[1] if right else body[0]
            polygon = ([(body[0], y), (base_x, y), (tip_x, y + h / 2), (base_x, y + h), (body[0], y + h)] if right
                       else [(body[1], y), (base_x, y), (tip_x, y + h / 2), (base_x, y + h), (body[1], y + h)])
            scene.add_shape("polygon", polygon, fill=board, outline=ink, width=max(2, round(h * 0.04)))
            pad = h * 0.16
            if towns:
                distance = f"{int(scene.rng.integers(2, 120))} km"
            else:
                distance = f"{int(scene.rng.integers(1, 40)) * 50} m" if scene.chance(0.6) else None
            inner = (body[0] + pad, y + pad, body[1] - body[0] - 2 * pad, h - 2 * pad)
            dist_w = inner[2] * 0.26 if distance else 0
            gap = inner[2] * 0.05 if distance else 0
            name_box = (inner[0] + (dist_w + gap if rtl else 0), inner[1], inner[2] - dist_w - gap, inner[3])
            put_text(scene, name, name_box, role="sign", categories=("sans",), bold=True, max_lines=1,
                           align="right" if rtl else "left", valign="middle", color=ink, against=[board],
                           min_size=min_px(scene.lang, CJK_HANGUL))
            if distance:
                dist_box = (inner[0] if rtl else inner[0] + inner[2] - dist_w, inner[1], dist_w, inner[3])
                put_text(scene, distance, dist_box, role="label", lang="en", categories=("sans",), max_lines=1,
                               align="left" if rtl else "right", valign="middle", color=ink, against=[board],
                               min_size=14, max_size=round(h * 0.45))
                scene.fact(f'How far is "{name}" according to the sign?', f"根据路标，“{name}”有多远？", distance)
        scene.scene = {"kind": "directional sign", "destinations": names}

    def _neon(self, scene: SceneBuilder) -> None:
        wall = tuple(int(v) for v in scene.rng.integers(8, 40, 3))
        scene.set_background({"kind": "noise", "color": list(wall), "amplitude": int(scene.rng.integers(4, 12)),
                              "cell_px": int(scene.rng.integers(8, 40)), "noise_seed": int(scene.rng.integers(2**31))})
        glow = scene.choice(NEON)
        key = scene.choice(("open", "welcome", "coffee", "ice_cream", "sale", "new"))
        category = {"coffee": "food", "ice_cream": "food", "sale": "shop", "new": "shop"}.get(key, "sign")
        text = shop_name(scene, 16) if scene.chance(0.4) else phrasebook.translate(key, scene.lang)
        angle = pose(scene, max_angle=3.0)[0]
        bw, bh = fitted(scene.width, scene.height, scene.uniform(1.8, 3.2), scene.uniform(0.7, 0.85), angle)
        cx, cy = scene.width / 2, scene.height / 2
        # The glowing outline keeps well clear of the letters (OCR reads a tube next to a
        # word as a bracket).
        pad_x, pad_y = bw * 0.14, bh * 0.2
        iw, ih = bw - 2 * pad_x, bh - 2 * pad_y
        shadow = {"dx": 0, "dy": 0, "blur": round(scene.uniform(3, 6), 1), "color": list(glow),
                  "opacity": round(scene.uniform(0.6, 0.9), 2)}
        block = put_text(scene, text, (cx - iw / 2, cy - ih / 2, iw, ih), role="sign", color=glow,
                               categories=("handwriting", "display", "sans"), align="center", valign="middle",
                               max_lines=2, min_size=max(24, min_px(scene.lang, CJK_HANGUL)), shadow=shadow,
                               angle=angle)
        outline = rounded_outline(-pad_x, -pad_y, iw + pad_x, ih + pad_y, bh * 0.2)
        accent = scene.choice([c for c in NEON if c != glow])
        scene.add_shape("polygon", board_polygon(block["matrix"], outline), outline=accent,
                        width=max(3, round(bh * 0.02)))
        scene.scene = {"kind": "neon sign", "text": text, "category": category}
        scene.fact("What does the neon sign say?", "霓虹灯招牌上写着什么？", text)

    def _vertical(self, scene: SceneBuilder) -> None:
        scene.set_background(wall(scene))
        board, ink = scene.choice(SHOP_BOARDS)
        shop = vertical_text(scene, lambda: shop_name(scene, int(scene.rng.integers(4, 9))))
        angle = pose(scene, max_angle=3.0)[0]
        bh = scene.height * scene.uniform(0.78, 0.9)
        bw = min(bh / scene.uniform(3.0, 4.5), scene.width * 0.4)
        cx = scene.width * scene.choice((0.3, 0.5, 0.7))
        frame = frame_matrix((cx, scene.height / 2), angle, bw, bh)
        pad = bw * 0.16
        block = self._on_board_vertical(scene, frame, shop, (pad, pad, bw - 2 * pad, bh - 2 * pad), angle, ink, board)
        outline = rounded_outline(0, 0, bw, bh, bw * 0.06)
        scene.add_shape("polygon", board_polygon(frame, outline), fill=board, outline=ink,
                        width=max(2, round(bw * 0.03)))
        scene.scene = {"kind": "vertical shop sign", "shop": "".join(line["text"] for line in block["lines"])}
        scene.fact("What is the name of the shop on the sign?", "招牌上的店名是什么？", scene.scene["shop"])

    def _on_board_vertical(self, scene: SceneBuilder, frame, text: str, local_box, angle: float, ink, board) -> dict:
        x, y, w, h = local_box
        cx, cy = point_in(frame, x + w / 2, y + h / 2)
        return put_text(scene, text, (cx - w / 2, cy - h / 2, w, h), role="name", vertical=True,
                              categories=("serif", "sans"), bold=True, align="center", valign="middle", max_lines=1,
                              color=ink, against=[board], min_size=24, angle=angle,
                              shadow=scene.chance(0.3 * scene.effect_strength))
