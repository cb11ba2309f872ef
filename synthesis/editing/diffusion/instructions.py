"""Photo edits a diffusion model can be asked for without knowing what the photo shows.

Global edits (style, time of day, season, weather) apply to any photo, so their mask is
the whole frame. Object insertion names a region of the frame in words ("in the lower
left"); an inpainting pipeline gets that region as its mask, an instruction pipeline
only the words. Every edit comes in two registers: an explicit instruction (also what
the model is prompted with) and an abstract one a user might really say ("make it look
like it's the middle of January"), with a short chain of thought that resolves the
abstract request into the concrete change.

No torch here: the settings validate edit-type names against this catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

Scope = Literal["global", "region"]
Register = Literal["explicit", "abstract"]


@dataclass(frozen=True)
class Hint:
    """An abstract way to ask for an edit and why it means that edit."""

    text: str
    why: str


@dataclass(frozen=True)
class GlobalEdit:
    edit_type: str
    explicit: str
    change: str  # the concrete change as a noun phrase, for the chain of thought
    hints: tuple[Hint, ...]
    steps: tuple[str, ...]  # how the change is carried out, concretely


@dataclass(frozen=True)
class InsertableObject:
    name: str  # with its article: "a red umbrella"
    need: str  # what it is for, said without naming it
    why: str   # why the object answers the need


@dataclass(frozen=True)
class Region:
    name: str
    phrase: str  # "in the lower left"
    row: int     # 0 top .. 2 bottom
    col: int     # 0 left .. 2 right


KEEP = "Keep the composition, every object and its position exactly as in the photo."

GLOBAL_EDITS: tuple[GlobalEdit, ...] = (
    GlobalEdit(
        "style_watercolour",
        "Turn this photo into a watercolour painting with soft washes of colour and visible paper texture.",
        "a watercolour rendering",
        (
            Hint("Make it look like something painted outdoors in a travel sketchbook.",
                 "quick paintings in a travel sketchbook are usually watercolours"),
            Hint("Give it the gentle, bleeding colours of a children's picture book.",
                 "soft colours that bleed into each other are the mark of watercolour"),
        ),
        (KEEP,
         "Replace photographic detail with translucent washes whose edges bleed softly into each other.",
         "Lighten the palette and let white paper with a faint grain show through in the highlights."),
    ),
    GlobalEdit(
        "style_oil_painting",
        "Repaint this photo as a classical oil painting with thick, visible brushstrokes.",
        "an oil-painting rendering",
        (
            Hint("Make it look like it belongs in a gilded frame in a nineteenth-century gallery.",
                 "the paintings in such galleries are mostly oil on canvas"),
            Hint("Give it the texture of a painting you could feel with your fingertips.",
                 "paint thick enough to feel is impasto, typical of oil painting"),
        ),
        (KEEP,
         "Render every surface with directional brushstrokes and thick paint in the highlights.",
         "Deepen and warm the colours as under varnish, with a faint canvas weave."),
    ),
    GlobalEdit(
        "style_pencil_sketch",
        "Convert this photo into a graphite pencil sketch on white paper.",
        "a pencil-sketch rendering",
        (
            Hint("Make it look like an artist's first study, before any colour goes on.",
                 "a first study without colour is normally a pencil sketch"),
            Hint("Turn it into something an architect would draw in a notebook on site.",
                 "quick drawings in a site notebook are made in pencil"),
        ),
        (KEEP,
         "Remove all colour; draw contours as grey graphite lines and shadows as hatching.",
         "Leave the brightest areas as bare white paper."),
    ),
    GlobalEdit(
        "style_pixel_art",
        "Redraw this photo as 16-bit pixel art with a limited colour palette.",
        "a pixel-art rendering",
        (
            Hint("Make it look like a level from a 1990s console game.",
                 "console games of the 1990s were drawn as low-resolution pixel art"),
            Hint("Turn it into something that would fit on a retro arcade screen.",
                 "retro arcade graphics are blocky pixel art"),
        ),
        (KEEP,
         "Rebuild the image on a coarse grid of square pixels with no smooth gradients.",
         "Reduce the palette to a few dozen flat colours and outline shapes with dark pixels."),
    ),
    GlobalEdit(
        "time_night",
        "Change the time of day to night: a dark sky and artificial lights switched on.",
        "the same scene at night",
        (
            Hint("Show me what this place looks like after everyone has gone to bed.",
                 "after everyone has gone to bed it is late at night"),
            Hint("Make it look like the moon is the only thing lighting the sky.",
                 "a sky lit only by the moon is a night sky"),
        ),
        (KEEP,
         "Darken the sky to a deep blue-black and lower the overall brightness with a cool cast.",
         "Switch on artificial lights (windows, street lamps, signs) so they glow warmly."),
    ),
    GlobalEdit(
        "time_golden_hour",
        "Change the lighting to golden hour: low, warm sunlight with long, soft shadows.",
        "golden-hour lighting",
        (
            Hint("Make it look like the moment photographers wait for just before sunset.",
                 "the light photographers wait for before sunset is golden hour"),
            Hint("Give it the light of a summer evening when the sun is about to touch the horizon.",
                 "a sun about to touch the horizon gives golden-hour light"),
        ),
        (KEEP,
         "Shift the colour temperature to warm orange-gold and bring the light in low from one side.",
         "Stretch the shadows long and soft, and add a warm rim of light on edges facing the sun."),
    ),
    GlobalEdit(
        "season_winter",
        "Make it winter: cover the ground, roofs and trees with fresh snow.",
        "a winter version of the scene",
        (
            Hint("Make it look like it's the middle of January.",
                 "in the middle of January most temperate places are deep in winter, with snow"),
            Hint("Show this place the morning after a night of heavy snowfall.",
                 "a night of heavy snowfall leaves a winter scene under fresh snow"),
        ),
        (KEEP,
         "Lay snow on every upward-facing surface: ground, roofs, branches, ledges.",
         "Bare the deciduous trees, make the sky pale grey and give the light a cold blue tone."),
    ),
    GlobalEdit(
        "season_autumn",
        "Make it autumn: turn the foliage orange, red and yellow and scatter fallen leaves on the ground.",
        "an autumn version of the scene",
        (
            Hint("Make it look like mid-October in New England.",
                 "mid-October in New England is the peak of the autumn colours"),
            Hint("Show this place in the season when the trees let go of their leaves.",
                 "trees drop their leaves in autumn"),
        ),
        (KEEP,
         "Recolour all foliage in oranges, reds and yellows, thinning some trees.",
         "Scatter fallen leaves on the ground and soften the light to a low, warm autumn sun."),
    ),
    GlobalEdit(
        "weather_rain",
        "Make it rain: add falling rain, wet reflective surfaces and an overcast sky.",
        "rainy weather",
        (
            Hint("Make it look like you'd need an umbrella out there.",
                 "you need an umbrella when it is raining"),
            Hint("Show this place on a typical November afternoon in London.",
                 "London in November is proverbially grey and rainy"),
        ),
        (KEEP,
         "Replace the sky with a flat grey overcast and add thin diagonal rain streaks.",
         "Make the ground wet, with puddles and reflections, and lower contrast and saturation."),
    ),
    GlobalEdit(
        "weather_fog",
        "Add thick fog: distant parts of the scene fade into a soft grey-white haze.",
        "dense fog",
        (
            Hint("Make it look like the morning the ferries were cancelled because nobody could see the harbour.",
                 "ferries stop when visibility is near zero, which means dense fog"),
            Hint("Give it the mood of a morning when the clouds have come down to the ground.",
                 "a cloud at ground level is fog"),
        ),
        (KEEP,
         "Add a grey-white haze whose density grows with distance, so far objects fade out.",
         "Remove hard shadows and lower contrast and saturation, keeping nearby objects readable."),
    ),
)

INSERT_OBJECT = "insert_object"

OBJECTS: tuple[InsertableObject, ...] = (
    InsertableObject("a red umbrella", "something to keep the rain off",
                     "an umbrella keeps the rain off, and a red one stands out against the scene"),
    InsertableObject("a wooden park bench", "somewhere to sit down and rest",
                     "a bench is the usual place to sit down outdoors"),
    InsertableObject("a potted plant", "a touch of greenery",
                     "a potted plant adds greenery without changing anything else"),
    InsertableObject("a black cat", "a four-legged visitor that purrs",
                     "the four-legged animal that purrs is a cat"),
    InsertableObject("a bicycle", "a way to get around town without a car",
                     "a bicycle is the everyday car-free way to get around town"),
    InsertableObject("a street lamp", "something that would light this spot at night",
                     "a street lamp is what lights a spot outdoors at night"),
    InsertableObject("a red kite", "something a child could fly on a windy day",
                     "on a windy day children fly kites"),
    InsertableObject("an orange traffic cone", "a warning that this spot is off limits",
                     "a traffic cone is the standard sign that a spot is off limits"),
    InsertableObject("a wooden crate of apples", "a fresh harvest of fruit",
                     "apples in a crate are what a fresh fruit harvest looks like"),
)

REGIONS: tuple[Region, ...] = (
    Region("upper_left", "in the upper left", 0, 0),
    Region("top_centre", "at the top centre", 0, 1),
    Region("upper_right", "in the upper right", 0, 2),
    Region("left", "on the left side", 1, 0),
    Region("centre", "in the centre", 1, 1),
    Region("right", "on the right side", 1, 2),
    Region("lower_left", "in the lower left", 2, 0),
    Region("bottom_centre", "at the bottom centre", 2, 1),
    Region("lower_right", "in the lower right", 2, 2),
)

INSERT_ASKS = (
    "Could you put {need} {region}?",
    "The spot {region} is missing {need}.",
    "I'd like {need} {region} of this picture.",
)

EDIT_TYPES: tuple[str, ...] = tuple(e.edit_type for e in GLOBAL_EDITS) + (INSERT_OBJECT,)
GLOBAL_BY_TYPE = {e.edit_type: e for e in GLOBAL_EDITS}

# Which edits each kind of pipeline can carry out. An inpainting pipeline regenerates
# only inside its mask, so a whole-frame restyle through it would just be a new picture.
USABLE: dict[str, tuple[str, ...]] = {"instruct": EDIT_TYPES, "inpaint": (INSERT_OBJECT,)}


@dataclass(frozen=True)
class EditChoice:
    """One drawn edit: both registers, the reasoning, and what the model is prompted with."""

    edit_type: str
    scope: Scope
    explicit: str
    abstract: str
    why: str                  # why the abstract request means the concrete change
    change: str               # the concrete change
    steps: tuple[str, ...]
    description: str          # what appears in the edited area, for fill-style pipelines
    region: Region | None = None
    object_name: str | None = None

    def instruction(self, register: Register) -> str:
        return self.abstract if register == "abstract" else self.explicit

    def cot(self, register: Register) -> str:
        """Numbered steps from the request to the concrete change."""
        if register == "abstract":
            first = [f'The request "{self.abstract}" is indirect: {self.why}.',
                     f"So the edit is {self.change}."]
        else:
            first = [f"The request asks for {self.change}."]
        return "\n".join(f"{i}. {line}" for i, line in enumerate([*first, *self.steps], start=1))

    def to_spec(self) -> dict:
        return {
            "edit_type": self.edit_type,
            "scope": self.scope,
            "explicit": self.explicit,
            "abstract": self.abstract,
            "region": self.region.name if self.region else None,
            "object": self.object_name,
        }


def pick(rng: np.random.Generator, items):
    return items[int(rng.integers(len(items)))]


def draw_edit_type(rng: np.random.Generator, weights: dict[str, float]) -> str:
    """A weighted draw; the key order is sorted so that dict order never changes the result."""
    names = sorted(name for name, weight in weights.items() if weight > 0)
    if not names:
        raise ValueError(f"no edit type has a positive weight among {sorted(weights)}")
    p = np.array([weights[name] for name in names], dtype=float)
    return names[int(rng.choice(len(names), p=p / p.sum()))]


def global_edit(rng: np.random.Generator, edit_type: str) -> EditChoice:
    edit = GLOBAL_BY_TYPE[edit_type]
    hint = pick(rng, edit.hints)
    return EditChoice(
        edit_type=edit.edit_type, scope="global", explicit=edit.explicit, abstract=hint.text, why=hint.why,
        change=f"{edit.change} of the whole image", steps=edit.steps, description=edit.explicit,
    )


def insert_edit(rng: np.random.Generator, masked: bool) -> EditChoice:
    """Insertion of an object in a region named in words; `masked`: the pipeline gets the region as a mask."""
    thing = pick(rng, OBJECTS)
    region = pick(rng, REGIONS)
    ask = pick(rng, INSERT_ASKS).format(need=thing.need, region=region.phrase)
    place = ("Paint it only inside that region (the mask); every pixel outside stays as it is."
             if masked else "Place it there, sized to fit that part of the frame, and leave everything else as it is.")
    return EditChoice(
        edit_type=INSERT_OBJECT, scope="region",
        explicit=f"Add {thing.name} {region.phrase} of the image.",
        abstract=ask[0].upper() + ask[1:],
        why=f"{thing.need} {region.phrase} calls for {thing.name}, since {thing.why}",
        change=f"adding {thing.name} {region.phrase}",
        steps=(place, "Match the photo's perspective, light direction and colour so it looks photographed, not pasted."),
        description=f"{thing.name}, photographed in the same light as the rest of the scene",
        region=region, object_name=thing.name,
    )


def draw_edit(rng: np.random.Generator, weights: dict[str, float], masked: bool) -> EditChoice:
    edit_type = draw_edit_type(rng, weights)
    return insert_edit(rng, masked) if edit_type == INSERT_OBJECT else global_edit(rng, edit_type)
