"""Edits of the whole picture: global style (time of day, season, palette), the
background, mirroring the picture, the camera's viewpoint; and a sign's text."""

from __future__ import annotations

import numpy as np

from synthesis.editing import describe
from synthesis.editing.edits.base import EditResult, NotApplicable
from synthesis.editing.edits.common import colour_phrase, things
from synthesis.editing.graph import Scene
from synthesis.editing.layouts import place_blocks
from synthesis.editing.palette import COLORS

SEASON_MONTHS = {"winter": "January", "spring": "April", "summer": "July", "autumn": "October"}


def _has_outside(scene: Scene) -> bool:
    return scene.background["kind"] == "yard" or "window" in scene.background


def global_style(rng: np.random.Generator, scene: Scene) -> EditResult:
    options = ["palette"]
    if scene.lighting == "day" and scene.background["kind"] in ("yard", "room", "tabletop"):
        options += ["night", "dusk"]
    if _has_outside(scene):
        options.append("season")
    which = options[int(rng.integers(len(options)))]
    target = scene.copy()
    if which == "night":
        target.lighting = "night"
        explicit = "Make it night time: dark sky, dim light."
        abstract = "Show this scene twelve hours later."
        steps = ["It is daytime now: the light is bright" + (" and the sky is blue." if _has_outside(scene) else "."),
                 "Twelve hours after daytime it is night, so the light turns dark and blue"
                 + (" and the sky goes black." if _has_outside(scene) else ".")]
    elif which == "dusk":
        target.lighting = "dusk"
        explicit = "Change the lighting to dusk: warm orange light."
        abstract = "Show the scene as the sun is setting."
        steps = ["Sunset light is low, warm and orange, so the whole picture takes an orange cast."]
    elif which == "season":
        season = str(rng.choice([s for s in SEASON_MONTHS if s != scene.season]))
        target.season = season
        for node in target.nodes:
            if node.kind == "tree" and season in ("summer", "autumn", "winter"):
                node.state = season
            elif node.kind == "tree":
                node.state = "summer"
        explicit = f"Change the season to {season}."
        abstract = f"Show what this looks like in {SEASON_MONTHS[season]}."
        steps = [f"It is {scene.season} now.",
                 f"{SEASON_MONTHS[season]} is in {season} (northern hemisphere), so the ground and the trees "
                 f"change to {season}: " + {"winter": "snow and bare trees.", "autumn": "brown grass and orange leaves.",
                                            "spring": "fresh light-green grass.", "summer": "green grass and leaves."}[
                     season]]
    else:
        shift = float(rng.choice((60.0, 120.0, 180.0, 240.0, 300.0)))
        target.hue = (scene.hue + shift) % 360
        explicit = f"Rotate the hue of every colour by {shift:g} degrees."
        abstract = ("Swap every colour for its complementary colour." if shift == 180
                    else f"Shift the whole colour palette {shift:g} degrees around the colour wheel.")
        steps = [f"Every colour moves {shift:g}° around the hue circle; brightness and saturation stay."]
    return EditResult("global_style", target, "global", explicit, abstract, steps, subtype=which,
                      facts={"change": which})


def background(rng: np.random.Generator, scene: Scene) -> EditResult:
    bg = scene.background
    options = [k for k in ("wall", "wall_pattern", "surface") if k in bg]
    if not options:
        raise NotApplicable("this layout has no background to change")
    key = options[int(rng.integers(len(options)))]
    target = scene.copy()
    part = {"wall": "wall", "wall_pattern": "wallpaper", "surface": {"shelf": "shelves"}.get(bg["kind"], "floor")
            if bg["kind"] != "tabletop" else "table"}[key]
    if key == "wall_pattern":
        value = str(rng.choice([p for p in ("plain", "stripes", "dots", "checks") if p != bg[key]]))
        word = describe.PATTERN_WORDS[value] or "plain"
        explicit = f"Change the wallpaper to a {word} pattern."
        abstract = f"Redecorate the wall with {word} wallpaper, leaving every object as it is."
        steps = [f"The wall is {describe.PATTERN_WORDS[bg[key]] or 'plain'}; it becomes {word}."]
    else:
        value = str(rng.choice([c for c in COLORS if c != bg[key]]))
        explicit = f"Make the {part} {value}."
        how, how_steps = colour_phrase(rng, scene, value)
        abstract = f"Repaint the {part} {how}."
        steps = how_steps + [f"So the {part} turns from {bg[key]} to {value}; the objects stay."]
    target.background[key] = value
    return EditResult("background", target, "background", explicit, abstract, steps, subtype=key,
                      facts={"field": key, "value": value})


def mirror_scene(rng: np.random.Generator, scene: Scene) -> EditResult:
    target = scene.copy()
    target.mirrored = not scene.mirrored
    items = things(scene)
    steps = ["A mirror swaps left and right: the whole picture is flipped horizontally."]
    if len(items) >= 2:
        steps.append(f"The {describe.noun(items[0])} that was leftmost ends up on the right.")
    return EditResult("mirror_scene", target, "global", "Flip the whole picture horizontally.",
                      "Show the picture as it would look in a mirror.", steps, subtype="mirror_scene")


def viewpoint(rng: np.random.Generator, scene: Scene) -> EditResult:
    if scene.layout != "blocks3d":
        raise NotApplicable("viewpoint changes need a 3D scene")
    turn = float(rng.choice((90.0, -90.0, 180.0, 45.0, -45.0)))
    target = scene.copy()
    target.camera["azimuth"] = (scene.camera["azimuth"] + turn) % 360
    place_blocks(target)
    direction = "to the left" if turn > 0 else "to the right"
    amount = {90.0: "a quarter turn", 45.0: "an eighth of a turn", 180.0: "half a turn"}[abs(turn)]
    explicit = ("Show the blocks from the opposite side (camera turned 180 degrees)." if turn == 180 else
                f"Turn the camera {abs(turn):g} degrees {direction} around the blocks.")
    abstract = ("Show the blocks as the person sitting across the table sees them." if turn == 180 else
                f"Show the blocks as seen after walking {amount} around them, {direction}.")
    steps = [f"The camera looks from azimuth {scene.camera['azimuth']:g}°.",
             f"Walking {amount} {direction} moves it to {target.camera['azimuth']:g}°; the blocks stay where they are,"
             " so their faces, sizes on screen and which one hides which follow from the new angle."]
    return EditResult("viewpoint", target, "global", explicit, abstract, steps, subtype="viewpoint",
                      facts={"azimuth": target.camera["azimuth"]})


ANTONYMS = {"OPEN": "CLOSED", "CLOSED": "OPEN", "EXIT": "ENTRANCE", "WELCOME": "GOODBYE", "STOP": "GO",
            "NO ENTRY": "ENTRY", "SALE": "SOLD OUT", "PARKING": "NO PARKING"}


def text_change(rng: np.random.Generator, scene: Scene) -> EditResult:
    signs = [n for n in scene.nodes if n.kind == "sign"]
    if not signs:
        raise NotApplicable("no sign")
    sign = signs[0]
    old = sign.attrs["text"]
    options = ["reverse", "lower"] + (["antonym"] if old in ANTONYMS else [])
    which = options[int(rng.integers(len(options)))]
    new = {"reverse": old[::-1], "lower": old.lower(), "antonym": ANTONYMS.get(old, "")}[which]
    if new == old:
        raise NotApplicable("the text would not change")
    target = scene.copy()
    target.node(sign.id).attrs["text"] = new
    explicit = f'Change the sign\'s text from "{old}" to "{new}".'
    abstract = {"reverse": "Spell the word on the sign backwards.",
                "lower": "Write the sign's text in lower-case letters.",
                "antonym": "Make the sign say the opposite of what it says now."}[which]
    steps = [f'The sign reads "{old}".',
             {"reverse": f'Backwards, letter by letter, that is "{new}".',
              "lower": f'In lower case that is "{new}".',
              "antonym": f'The opposite of "{old}" is "{new}".'}[which],
             "The board, its colour and the lettering style stay the same."]
    return EditResult("text_change", target, "nodes", explicit, abstract, steps, nodes=[sign.id], subtype=which,
                      facts={"node": sign.id, "old": old, "new": new})
