"""Object edits: add, remove, replace, recolour, resize, move, count change, attribute
change (pattern, material, state) and turning or mirroring one object."""

from __future__ import annotations

import numpy as np

from synthesis.editing import describe, library, refer
from synthesis.editing.edits.base import EditResult, NotApplicable
from synthesis.editing.edits.common import capital, colour_phrase, fits, pick, relation, surface_of, things
from synthesis.editing.graph import MATERIALS, PATTERNS, Scene
from synthesis.editing.layouts import make_node, pick_color, pick_kind, surfaces
from synthesis.editing.palette import COLORS

OBJECT_LAYOUTS = ("tabletop", "shelf", "room", "yard", "clock", "counter", "signboard")
LAYOUT_CATEGORIES = {"tabletop": ("fruit", "vegetable", "household", "tool", "toy", "plant"),
                     "shelf": ("fruit", "vegetable", "household", "tool", "toy"),
                     "room": ("furniture", "plant", "animal"), "yard": ("animal", "vehicle", "plant")}


def categories(scene: Scene) -> tuple[str, ...]:
    return LAYOUT_CATEGORIES.get(scene.layout, ("fruit", "vegetable", "household", "tool", "toy"))


def add(rng: np.random.Generator, scene: Scene) -> EditResult:
    target = scene.copy()
    existing = things(scene)
    if existing and rng.random() < 0.5:  # one more of something already there
        model = pick(rng, existing)
        kind = library.KINDS[model.kind]
        node = make_node(target, rng, kind, surface_of(target, model), color=model.color, height=model.h)
        if node is None:
            raise NotApplicable("no room for another")
        node.pattern, node.material = model.pattern, model.material
        target.nodes.append(node)
        where = relation(target, node)
        phrase, steps = refer.abstract(rng, scene, model)
        explicit = f"Add another {describe.noun(node)} {where}."
        abstract = f"Add one more of {phrase}, {where}."
        steps = steps + [f"So I add a second {describe.noun(node)}, the same size, {where}."]
    else:
        surf = surfaces(scene)[int(rng.integers(len(surfaces(scene))))]
        kind = pick_kind(rng, categories(scene))
        node = make_node(target, rng, kind, surf)
        if node is None:
            raise NotApplicable("no room to add")
        target.nodes.append(node)
        where = relation(target, node)
        explicit = f"Add {describe.article(describe.noun(node))} {where}."
        colour, colour_steps = colour_phrase(rng, scene, node.color)
        abstract = f"Add {describe.article(describe.kind_name(node.kind))} in {colour}, {where}."
        steps = colour_steps + [f"So the new object is {describe.article(describe.noun(node))}, placed {where}."]
    return EditResult("add", target, "nodes", explicit, abstract, steps, nodes=[node.id],
                      facts={"added_kind": node.kind, "added_color": node.color})


def remove(rng: np.random.Generator, scene: Scene) -> EditResult:
    node = pick(rng, things(scene))
    target = scene.copy()
    target.nodes = [n for n in target.nodes if n.id != node.id]
    ref = refer.explicit(scene, node)
    phrase, steps = refer.abstract(rng, scene, node)
    return EditResult("remove", target, "nodes", f"Remove {ref}.", f"Remove {phrase}.",
                      steps + [f"So I remove the {describe.noun(node)} and show what was behind it."],
                      nodes=[node.id], facts={"removed_kind": node.kind})


def replace(rng: np.random.Generator, scene: Scene) -> EditResult:
    node = pick(rng, things(scene))
    target = scene.copy()
    for _ in range(8):
        kind = pick_kind(rng, categories(scene))
        if kind.name == node.kind:
            continue
        new = target.node(node.id).moved(kind=kind.name, category=kind.category, color=pick_color(rng, kind),
                                         w=round(node.h * kind.aspect, 1), state=kind.states[0],
                                         pattern="plain", material="matte", angle=0.0, mirror=False)
        new.id = target.next_id()
        if fits(target, new, ignore=(node.id,)):
            break
    else:
        raise NotApplicable("no replacement fits")
    target.nodes = [n for n in target.nodes if n.id != node.id] + [new]
    ref = refer.explicit(scene, node)
    phrase, steps = refer.abstract(rng, scene, node)
    new_name = describe.article(describe.noun(new))
    return EditResult("replace", target, "nodes", f"Replace {ref} with {new_name}.",
                      f"Swap {phrase} for {new_name}.",
                      steps + [f"So the {describe.noun(node)} goes and {new_name} takes its place, the same height."],
                      nodes=[node.id, new.id], facts={"old_kind": node.kind, "new_kind": new.kind})


def recolour(rng: np.random.Generator, scene: Scene) -> EditResult:
    node = pick(rng, things(scene))
    colours = [c for c in COLORS if c != node.color]
    colour = colours[int(rng.integers(len(colours)))]
    target = scene.copy()
    target.node(node.id).color = colour
    ref = refer.explicit(scene, node)
    phrase, steps = refer.abstract(rng, scene, node)
    how, colour_steps = colour_phrase(rng, scene, colour, exclude=node)
    return EditResult("recolour", target, "nodes", f"Make {ref} {colour}.", f"Paint {phrase} {how}.",
                      steps + colour_steps + [f"So the {describe.noun(node)} becomes {colour}; its shape stays."],
                      nodes=[node.id], facts={"node": node.id, "color": colour})


def resize(rng: np.random.Generator, scene: Scene) -> EditResult:
    pool = things(scene)
    node = pick(rng, pool)
    others = [n for n in pool if n.id != node.id and 0.5 <= n.h / node.h <= 2.2 and abs(n.h / node.h - 1) > 0.2]
    use_other = bool(others) and rng.random() < 0.5
    if use_other:
        other = pick(rng, others)
        factor = other.h / node.h
    else:
        factor = float(rng.choice((0.5, 0.6, 0.75, 1.5, 1.75, 2.0)))
    target = scene.copy()
    new = target.node(node.id)
    new.w, new.h = round(node.w * factor, 1), round(node.h * factor, 1)
    if not fits(target, new):
        raise NotApplicable("the resized object does not fit")
    ref = refer.explicit(scene, node)
    phrase, steps = refer.abstract(rng, scene, node)
    size_words = {0.5: "half as big", 0.6: "60 % of its size", 0.75: "three quarters of its size",
                  1.5: "one and a half times as big", 1.75: "1.75 times as big", 2.0: "twice as big"}
    if use_other:
        oref = refer.explicit(scene, other)
        explicit = f"Scale {ref} to {new.h:.0f} px tall, keeping its proportions."
        abstract = f"Make {phrase} as tall as {oref}."
        steps = steps + [f"{capital(oref)} is {other.h:.0f} px tall and the {describe.noun(node)} {node.h:.0f} px,",
                         f"so it is scaled by {factor:.2f} to {new.w:.0f}×{new.h:.0f} px, standing where it stood."]
    else:
        explicit = f"Make {ref} {size_words[factor]}."
        abstract = f"Make {phrase} {size_words[factor]}."
        steps = steps + [f"So the {describe.noun(node)} is scaled by {factor:g}, from {node.h:.0f} to {new.h:.0f} px "
                         "tall, standing where it stood."]
    return EditResult("resize", target, "nodes", explicit, abstract, steps, nodes=[node.id],
                      facts={"node": node.id, "factor": round(factor, 4)})


def move(rng: np.random.Generator, scene: Scene) -> EditResult:
    pool = things(scene)
    if len(pool) < 2:
        raise NotApplicable("nothing to move next to")
    node, anchor = (pool[int(i)] for i in rng.choice(len(pool), 2, replace=False))
    target = scene.copy()
    new = target.node(node.id)
    side = "left" if rng.random() < 0.5 else "right"
    sign = -1 if side == "left" else 1
    new.surface, new.y = anchor.surface, anchor.y
    new.x = round(anchor.x + sign * (anchor.w / 2 + node.w / 2 + 10), 1)
    new.h, new.w = node.h, node.w
    new.z = anchor.z
    if not fits(target, new) or abs(new.x - node.x) < node.w / 2:
        raise NotApplicable("no room beside the anchor")
    ref, aref = refer.explicit(scene, node), refer.explicit(scene, anchor)
    phrase, steps = refer.abstract(rng, scene, node)
    return EditResult("move", target, "nodes", f"Move {ref} to just {side} of {aref}.",
                      f"Move {phrase} so that it stands just {side} of {aref}.",
                      steps + [f"{capital(aref)} is {describe.location(scene, anchor)}; the "
                               f"{describe.noun(node)} moves to the gap on its {side}, at the same height."],
                      nodes=[node.id], facts={"node": node.id, "anchor": anchor.id, "side": side})


def count_change(rng: np.random.Generator, scene: Scene) -> EditResult:
    pool = things(scene)
    groups: dict[str, list] = {}
    for n in pool:
        groups.setdefault(n.kind, []).append(n)
    kind_name = pick(rng, [groups[k][0] for k in sorted(groups)]).kind
    members = sorted(groups[kind_name], key=lambda n: n.x)
    k = len(members)
    mode = str(rng.choice(("double", "more", "fewer"))) if k > 1 else str(rng.choice(("double", "more")))
    goal = 2 * k if mode == "double" else k + int(rng.integers(1, 3)) if mode == "more" else int(rng.integers(1, k))
    target = scene.copy()
    kind = library.KINDS[kind_name]
    added = []
    if goal > k:
        model = members[0]
        for _ in range(goal - k):
            surf = surface_of(target, members[int(rng.integers(k))])
            node = make_node(target, rng, kind, surf, color=model.color, height=model.h)
            if node is None:
                raise NotApplicable("no room for more")
            node.pattern, node.material = model.pattern, model.material
            target.nodes.append(node)
            added.append(node.id)
        changed = added
    else:
        gone = {n.id for n in members[goal:]}
        target.nodes = [n for n in target.nodes if n.id not in gone]
        changed = sorted(gone)
    plural = describe.kind_name(kind_name, 2)
    one = describe.kind_name(kind_name)
    diff = goal - k
    if diff > 0:
        explicit = f"Add {describe.number(diff)} more {one if diff == 1 else plural}, like the ones already there."
    else:
        explicit = (f"Remove the {describe.number(-diff)} rightmost {one if -diff == 1 else plural}, keeping the "
                    f"{describe.number(goal)} on the left." if -diff > 1 else f"Remove the rightmost {one}.")
    abstract = {"double": f"Double the number of {plural}.",
                "more": f"Make it {describe.number(goal)} {plural} in all.",
                "fewer": f"Keep only {describe.number(goal)} {one if goal == 1 else plural}, the leftmost."}[mode]
    steps = [f"Counting the {plural}: there {'is' if k == 1 else 'are'} {describe.number(k)}.",
             f"The goal is {describe.number(goal)}, so {describe.number(abs(diff))} "
             f"{'must be added' if diff > 0 else 'must go (the rightmost)'}."]
    return EditResult("count_change", target, "nodes", explicit, abstract, steps, nodes=changed,
                      facts={"kind": kind_name, "before": k, "after": goal})


STATE_WORDS = {
    "on": "switched on", "off": "switched off", "lit": "lit", "unlit": "unlit", "open": "open", "closed": "closed",
    "full": "full", "empty": "empty", "bitten": "with a bite taken out", "halved": "cut in half", "whole": "whole",
    "sleeping": "asleep", "bloom": "in full bloom", "bud": "still in bud", "spotted": "overripe and spotted",
    "ripe": "ripe", "lights_on": "with its headlights on", "lights_off": "with its headlights off",
    "ringing": "ringing", "quiet": "silent", "wilted": "wilted", "healthy": "healthy and green",
    "flowering": "in flower", "plain": "without flowers", "dipped": "dipped in paint", "clean": "clean",
    "summer": "in summer leaf", "autumn": "in autumn colours", "winter": "bare for winter", "flying": "flying",
    "perched": "perched", "swimming": "swimming", "hiding": "hiding in its shell", "walking": "walking",
    "standing": "standing", "sitting": "sitting"}
MATERIAL_RIDDLES = {"wood": "carved from wood", "metal": "forged from metal", "glossy": "shiny like glazed ceramic",
                    "matte": "dull and matte, with no shine"}


def attribute(rng: np.random.Generator, scene: Scene) -> EditResult:
    pool = things(scene)
    node = pick(rng, pool)
    states = library.KINDS[node.kind].states
    options = ["pattern", "material"] + (["state"] if len(states) > 1 else [])
    which = options[int(rng.integers(len(options)))]
    target = scene.copy()
    new = target.node(node.id)
    ref = refer.explicit(scene, node)
    phrase, steps = refer.abstract(rng, scene, node)
    if which == "pattern":
        value = str(rng.choice([p for p in PATTERNS if p != node.pattern]))
        new.pattern = value
        word = describe.PATTERN_WORDS[value] or "plain"
        explicit = f"Give {ref} a {word} pattern." if value != "plain" else f"Make {ref} plain, with no pattern."
        donors = [n for n in pool if n.pattern == value and n.id != node.id]
        abstract = (f"Give {phrase} the same pattern as {refer.explicit(scene, donors[0])}." if donors
                    else f"Decorate {phrase} with a {word} pattern." if value != "plain"
                    else f"Strip the pattern off {phrase}.")
    elif which == "material":
        value = str(rng.choice([m for m in MATERIALS if m != node.material]))
        new.material = value
        explicit = f"Make {ref} look {describe.MATERIAL_WORDS[value] or 'matte'}."
        abstract = f"Make {phrase} look {MATERIAL_RIDDLES[value]}."
    else:
        value = str(rng.choice([s for s in states if s != node.state]))
        new.state = value
        explicit = f"Show {ref} {STATE_WORDS.get(value, value.replace('_', ' '))}."
        abstract = f"Show {phrase} {STATE_WORDS.get(value, value.replace('_', ' '))}."
    steps = steps + [f"So only the {which} of the {describe.noun(node)} changes, to {value}; everything else stays."]
    return EditResult("attribute", target, "nodes", explicit, abstract, steps, nodes=[node.id], subtype=which,
                      facts={"node": node.id, "field": which, "value": value})


# Kinds that face one way, so a left-right flip is visible.
ASYMMETRIC = ("car", "bus", "truck", "bicycle", "boat", "airplane", "cat", "dog", "fish", "bird", "rabbit", "duck",
              "turtle", "teapot", "mug", "hammer", "saw", "paintbrush", "banana", "sofa", "chair", "carrot", "eggplant",
              "wrench", "screwdriver", "book", "umbrella", "watermelon_slice")


def turn_or_mirror(rng: np.random.Generator, scene: Scene) -> EditResult:
    pool = things(scene)
    facing = [n for n in pool if n.kind in ASYMMETRIC]
    target = scene.copy()
    if facing and rng.random() < 0.6:
        node = pick(rng, facing)
        target.node(node.id).mirror = not node.mirror
        ref = refer.explicit(scene, node)
        phrase, steps = refer.abstract(rng, scene, node)
        return EditResult("spatial", target, "nodes", f"Flip {ref} horizontally.", f"Make {phrase} face the other way.",
                          steps + [f"Facing the other way is a left-right mirror image of the {describe.noun(node)}, "
                                   "in the same place."], nodes=[node.id], subtype="mirror_object",
                          facts={"node": node.id})
    node = pick(rng, pool)
    target.node(node.id).angle = (node.angle + 180.0) % 360
    ref = refer.explicit(scene, node)
    phrase, steps = refer.abstract(rng, scene, node)
    return EditResult("spatial", target, "nodes", f"Rotate {ref} by 180 degrees.", f"Turn {phrase} upside down.",
                      steps + ["Upside down is a half turn, 180 degrees, about the object's centre."],
                      nodes=[node.id], subtype="rotate_object", facts={"node": node.id})
