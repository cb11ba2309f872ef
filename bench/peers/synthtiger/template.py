"""A one-line horizontal text template for SynthTIGER, with its effects on.

Modelled on SynthTIGER's public example (`examples/synthtiger/template.py` with
`config_horizontal.yaml` in github.com/clovaai/synthtiger) so that the peer does the
work SynthTIGER users actually run: per-character glyph layers with elastic distortion,
flow or curved layout, gray/colour maps, texture on text and background, text style
(border / shadow / extrusion), a geometric transform (perspective / trapezoid / skew /
rotate), optional midground distractor text, blending with a visibility check and
post-processing (noise, blur, resample, median blur), then JPEG at quality 50-95.

`default_config(resources)` is the example's horizontal configuration with the resource
paths pointed at the folder `make_resources.py` builds. Runs inside the peer venv only
(SynthTIGER pins numpy<2 / pillow<10); also usable with SynthTIGER's own CLI, given
`default_config(...)` dumped to YAML:

    synthtiger -o OUT -c 100 -w 0 bench/peers/synthtiger/template.py HorizontalText CONFIG.yaml
"""

from __future__ import annotations

import io
import os

import cv2
import numpy as np
from PIL import Image

from synthtiger import components, layers, templates, utils

BLEND_MODES = (
    "normal", "multiply", "screen", "overlay", "hard_light", "soft_light",
    "dodge", "divide", "addition", "difference", "darken_only", "lighten_only",
)


def default_config(resources: str) -> dict:
    """SynthTIGER's `config_horizontal.yaml` values; paths under `resources`."""
    font_dir = os.path.join(resources, "font")
    corpus = os.path.join(resources, "corpus", "words.txt")
    colormap = os.path.join(resources, "colormap", "gray.txt")
    textures = os.path.join(resources, "texture")
    return {
        "quality": [50, 95],
        "visibility_check": True,
        "midground": 0.25,
        "midground_offset": {"percents": [[-0.5, 0.5], [-0.5, 0.5]]},
        "foreground_mask_pad": 5,
        "corpus": {"paths": [corpus], "weights": [1], "min_length": 1, "max_length": 25,
                   "textcase": ["lower", "upper", "capitalize"],
                   "augmentation": 0.1, "augmentation_length": [1, 25]},
        "font": {"paths": [font_dir], "weights": [1], "size": [40, 80], "bold": 0.5},
        "texture": {"prob": 0.5, "args": {"paths": [textures], "weights": [1], "alpha": [0, 1],
                                          "grayscale": 0, "crop": 1}},
        "colormap2": {"paths": [colormap], "weights": [1], "k": 2, "alpha": [1, 1], "colorize": 1},
        "colormap3": {"paths": [colormap], "weights": [1], "k": 3, "alpha": [1, 1], "colorize": 1},
        "color": {"gray": [0, 255], "alpha": [1, 1], "colorize": 1},
        "shape": {"prob": 1, "args": {"weights": [1, 1], "args": [
            {"alpha": [15, 30], "sigma": [4, 12]},  # strong elastic distortion
            {"alpha": [0, 2], "sigma": [0, 0.6]},  # mild elastic distortion
        ]}},
        "layout": {"weights": [4, 1], "args": [
            {"space": [-2, 5], "line_align": ["middle"]},  # flow
            {"curve": [20, 40], "space": [-2, 5], "convex": 0.5, "upward": 0.5},  # curve
        ]},
        "style": {"prob": 0.25, "args": {"weights": [1, 2, 2], "args": [
            {"size": [1, 12], "alpha": [1, 1], "grayscale": 0},  # border
            {"distance": [1, 6], "angle": [0, 360], "alpha": [0.3, 0.7], "grayscale": 0},  # shadow
            {"length": [1, 12], "angle": [0, 360], "alpha": [1, 1], "grayscale": 0},  # extrusion
        ]}},
        "transform": {"prob": 1, "args": {"weights": [1, 1, 1, 1, 1, 1, 2], "args": [
            {"percents": [[0.5, 1], [1, 1]], "aligns": [[0, 0], [0, 0]]},  # perspective x
            {"percents": [[1, 1], [0.5, 1]], "aligns": [[0, 0], [0, 0]]},  # perspective y
            {"weights": [1, 0, 1, 0], "percent": [0.75, 1], "align": [-1, 1]},  # trapezoid x
            {"weights": [0, 1, 0, 1], "percent": [0.5, 1], "align": [-1, 1]},  # trapezoid y
            {"weights": [1, 0], "angle": [0, 30], "ccw": 0.5},  # skew x
            {"weights": [0, 1], "angle": [0, 10], "ccw": 0.5},  # skew y
            {"angle": [0, 10], "ccw": 0.5},  # rotate
        ]}},
        "pad": {"prob": 1, "args": {"pxs": [[0, 10], [0, 10], [0, 10], [0, 10]]}},
        "postprocess": {"args": [
            {"prob": 1, "args": {"scale": [4, 8], "per_channel": 0}},  # gaussian noise
            {"prob": 0.9, "args": {"sigma": [0, 2]}},  # gaussian blur
            {"prob": 0.1, "args": {"size": [0.4, 0.4]}},  # resample (down and up)
            {"prob": 1, "args": {"k": [1, 1]}},  # median blur
        ]},
    }


class HorizontalText(templates.Template):
    """One line of text on a textured background; `generate()` returns the image as float32 RGBA."""

    def __init__(self, config: dict | None = None):
        config = config or {}
        self.quality = config.get("quality", [95, 95])
        self.visibility_check = config.get("visibility_check", False)
        self.midground = config.get("midground", 0)
        self.midground_offset = components.Translate(**config.get("midground_offset", {}))
        self.foreground_mask_pad = config.get("foreground_mask_pad", 0)
        # The example selects between a length- and a char-augmentable corpus with
        # weights [1, 0]; only the first is ever used, so it is used directly.
        self.corpus = components.LengthAugmentableCorpus(**config.get("corpus", {}))
        self.font = components.BaseFont(**config.get("font", {}))
        self.texture = components.Switch(components.BaseTexture(), **config.get("texture", {}))
        self.colormap2 = components.GrayMap(**config.get("colormap2", {}))
        self.colormap3 = components.GrayMap(**config.get("colormap3", {}))
        self.color = components.Gray(**config.get("color", {}))
        self.shape = components.Switch(
            components.Selector([components.ElasticDistortion(), components.ElasticDistortion()]),
            **config.get("shape", {}))
        self.layout = components.Selector([components.FlowLayout(), components.CurveLayout()],
                                          **config.get("layout", {}))
        self.style = components.Switch(
            components.Selector([components.TextBorder(), components.TextShadow(), components.TextExtrusion()]),
            **config.get("style", {}))
        self.transform = components.Switch(
            components.Selector([components.Perspective(), components.Perspective(),
                                 components.Trapezoidate(), components.Trapezoidate(),
                                 components.Skew(), components.Skew(), components.Rotate()]),
            **config.get("transform", {}))
        self.fit = components.Fit()
        self.pad = components.Switch(components.Pad(), **config.get("pad", {}))
        self.postprocess = components.Iterator(
            [components.Switch(components.AdditiveGaussianNoise()),
             components.Switch(components.GaussianBlur()),
             components.Switch(components.Resample()),
             components.Switch(components.MedianBlur())],
            **config.get("postprocess", {}))

    # -- generation -------------------------------------------------------------------

    def generate(self) -> dict:
        quality = int(np.random.randint(self.quality[0], self.quality[1] + 1))
        with_midground = np.random.rand() < self.midground
        fg_color, mg_color, bg_color, fg_style, mg_style = self._sample_colors()

        fg_image, label, mask, char_boxes = self._render_foreground(fg_color, fg_style)
        background = self._render_background(fg_image.shape[:2][::-1], bg_color)
        if with_midground:
            # distractor text behind the line, erased where the line's glyphs are
            hull = _glyph_hull_mask(fg_image, self.foreground_mask_pad)
            background = _blend(self._render_midground(mg_color, mg_style, hull), background,
                                self.visibility_check)
        image = _blend(fg_image, background, self.visibility_check)
        image, mask = self._postprocess(image, mask)
        return {"image": image, "label": label, "quality": quality, "mask": mask, "bboxes": char_boxes}

    def _sample_colors(self):
        mg_color = self.color.sample()
        fg_style = self.style.sample()
        mg_style = self.style.sample()
        if fg_style["state"]:
            fg_color, bg_color, style_color = self.colormap3.sample()
            fg_style["meta"]["meta"]["rgb"] = style_color["rgb"]  # style in the 3rd map colour
        else:
            fg_color, bg_color = self.colormap2.sample()
        return fg_color, mg_color, bg_color, fg_style, mg_style

    def _char_layers(self):
        label = self.corpus.data(self.corpus.sample())
        chars = utils.split_text(label, reorder=True)
        font = self.font.sample({"text": "".join(chars), "vertical": False})
        char_layers = [layers.TextLayer(char, **font) for char in chars]
        self.shape.apply(char_layers)
        self.layout.apply(char_layers, {"meta": {"vertical": False}})
        return label, char_layers

    def _render_foreground(self, color, style):
        label, char_layers = self._char_layers()
        text_layer = layers.Group(char_layers).merge()
        mask_layer = text_layer.copy()
        transform = self.transform.sample()  # one transform for text, mask and char boxes

        self.color.apply([text_layer], color)
        self.texture.apply([text_layer])
        self.style.apply([text_layer], style)
        self.style.apply(char_layers, style)
        for target in ([text_layer], [mask_layer], char_layers):
            self.transform.apply(target, transform)
        self.fit.apply([text_layer])
        self.fit.apply(char_layers)
        self.pad.apply([text_layer])
        for char_layer in char_layers:
            char_layer.topleft -= text_layer.topleft

        image = text_layer.output()
        mask = mask_layer.output(bbox=text_layer.bbox)
        return image, label, mask, [char_layer.bbox for char_layer in char_layers]

    def _render_midground(self, color, style, hull_mask):
        _, char_layers = self._char_layers()
        text_layer = layers.Group(char_layers).merge()
        self.color.apply([text_layer], color)
        self.texture.apply([text_layer])
        self.style.apply([text_layer], style)
        self.transform.apply([text_layer])
        self.fit.apply([text_layer])
        self.pad.apply([text_layer])

        hull_layer = layers.Layer(hull_mask)
        text_layer = layers.Layer(text_layer.output())
        text_layer.bbox = hull_layer.bbox
        self.midground_offset.apply([text_layer])
        return text_layer.erase(hull_layer).output(bbox=hull_layer.bbox)

    def _render_background(self, size, color):
        layer = layers.RectLayer(size)
        self.color.apply([layer], color)
        self.texture.apply([layer])
        return layer.output()

    def _postprocess(self, image, mask):
        image_layer, mask_layer = layers.Layer(image), layers.Layer(mask)
        self.postprocess.apply([image_layer, mask_layer])
        return image_layer.output(), mask_layer.output()

    # -- saving (SynthTIGER CLI) --------------------------------------------------------

    def init_save(self, root):
        os.makedirs(os.path.join(root, "images"), exist_ok=True)
        self._gt_file = open(os.path.join(root, "gt.txt"), "w", encoding="utf-8")

    def save(self, root, data, idx):
        key = os.path.join("images", f"{idx}.jpg")
        with open(os.path.join(root, key), "wb") as fp:
            fp.write(encode_jpeg(data))
        self._gt_file.write(f"{key}\t{data['label']}\n")

    def end_save(self, root):
        self._gt_file.close()


def encode_jpeg(data: dict) -> bytes:
    """The image as SynthTIGER's example saves it: RGB JPEG at the sampled quality."""
    buffer = io.BytesIO()
    Image.fromarray(data["image"][..., :3].astype(np.uint8)).save(buffer, format="JPEG", quality=data["quality"])
    return buffer.getvalue()


def _blend(src, dst, visibility_check):
    """Blend with random modes until the text stays visible (SynthTIGER retries the sample
    when no mode works)."""
    for mode in np.random.permutation(BLEND_MODES):
        out = utils.blend_image(src, dst, mode=mode)
        if not visibility_check or _text_visible(out, src[..., 3]):
            return out
    raise RuntimeError("Text is not visible")


def _text_visible(image, alpha):
    """SynthTIGER's criterion: flood-fill the gray image (tolerance 16) from every solid
    glyph pixel inside a 1-px dilation of the glyphs; the text counts as visible when the
    fill leaks into at most 10 % of the ring just outside the glyphs."""
    gray = utils.to_gray(image[..., :3]).astype(np.uint8)
    alpha = alpha.astype(np.uint8)
    solid = alpha > 127
    cross = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    region = cv2.dilate((alpha > 0).astype(np.uint8), cross, iterations=1)
    ring = region.copy()
    ring[alpha > 0] = 0
    # floodFill's mask is 2 px larger; non-zero mask pixels stop the fill, so everything
    # outside the dilated glyph region starts as a wall.
    filled = np.pad(region ^ 1, 1, constant_values=1)
    flags = 4 | cv2.FLOODFILL_FIXED_RANGE | cv2.FLOODFILL_MASK_ONLY
    # A Python scan of every pixel and one floodFill per solid pixel, as the upstream
    # example does: ~10 % of its time, and part of what this peer measures.
    height, width = alpha.shape
    for y in range(height):
        for x in range(width):
            if solid[y][x]:
                cv2.floodFill(gray, filled, (x, y), 1, 16, 16, flags)
    leaked = int(np.sum(filled[1:-1, 1:-1] & ring))
    total = int(np.sum(ring))
    return total > 0 and leaked <= total * 0.1


def _glyph_hull_mask(image, pad=0):
    """RGBA image whose alpha covers the convex hulls of neighbouring glyph contours."""
    height, width = image.shape[:2]
    alpha = image[..., 3].astype(np.uint8)
    hull_alpha = np.zeros((height, width), dtype=np.float32)
    contours, _ = cv2.findContours(alpha, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    contours = sorted(contours, key=lambda c: sum(cv2.boundingRect(c)[:2]))
    if len(contours) == 1:
        cv2.fillConvexPoly(hull_alpha, cv2.convexHull(contours[0]), 255)
    for left, right in zip(contours, contours[1:]):
        cv2.fillConvexPoly(hull_alpha, cv2.convexHull(np.concatenate((left, right), axis=0)), 255)
    out = utils.create_image((width, height))
    out[..., 3] = utils.dilate_image(hull_alpha, pad)
    return out
