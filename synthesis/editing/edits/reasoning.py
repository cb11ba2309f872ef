"""Reasoning edits: the instruction is abstract and only the CoT makes it concrete —
clock arithmetic, counting, comparing sizes, completing patterns and puzzles, sorting
objects by kind, arithmetic on a counter, reading a chart."""

from __future__ import annotations

import numpy as np

from synthesis.editing import describe, library, puzzles, refer
from synthesis.editing.edits.base import EditResult, NotApplicable
from synthesis.editing.edits.common import surface_of, things
from synthesis.editing.graph import Scene
from synthesis.editing.layouts import make_node, surfaces
from synthesis.editing.palette import COLORS
from synthesis.editing.refer import CLEAR_MARGIN


def _clock_words(hour: int, minute: int) -> str:
    return f"{hour}:{minute:02d}"


def _duration(minutes: int) -> str:
    h, m = divmod(abs(minutes), 60)
    parts = ([f"{h} h"] if h else []) + ([f"{m} min"] if m else [])
    return " ".join(parts)


def clock_time(rng: np.random.Generator, scene: Scene) -> EditResult:
    clocks = [n for n in scene.nodes if n.kind == "clock"]
    if not clocks:
        raise NotApplicable("no clock")
    clock = clocks[0]
    hour, minute = clock.attrs["hour"], clock.attrs["minute"]
    delta = int(rng.choice((-1, 1))) * 5 * int(rng.integers(3, 72))  # 15 min .. 6 h, in 5-minute steps
    total = ((hour % 12) * 60 + minute + delta) % 720
    new_hour, new_minute = total // 60 or 12, total % 60
    target = scene.copy()
    target.node(clock.id).attrs.update(hour=new_hour, minute=new_minute)
    later = "later" if delta > 0 else "earlier"
    steps = [f"The clock shows {_clock_words(hour, minute)}: the minute hand points at {minute // 5 or 12} "
             f"({minute} min) and the hour hand is {'at' if minute == 0 else 'past'} {hour}.",
             f"{_duration(delta)} {later} is {_clock_words(hour, minute)} {'+' if delta > 0 else '−'} "
             f"{_duration(delta)} = {_clock_words(new_hour, new_minute)} (on a 12-hour dial).",
             f"So the minute hand moves to {new_minute // 5 or 12} and the hour hand to "
             f"{'exactly ' + str(new_hour) if new_minute == 0 else f'{new_minute / 60:.0%} of the way from {new_hour} to {new_hour % 12 + 1}'}."]
    return EditResult("clock_time", target, "nodes", f"Set the clock to {_clock_words(new_hour, new_minute)}.",
                      f"Make the clock show {_duration(delta)} {later}.", steps, nodes=[clock.id],
                      facts={"node": clock.id, "delta_minutes": delta, "hour": new_hour, "minute": new_minute})


def count_match(rng: np.random.Generator, scene: Scene) -> EditResult:
    pool = things(scene)
    kinds = sorted({n.kind for n in pool})
    if not kinds:
        raise NotApplicable("nothing to count")
    counted = kinds[int(rng.integers(len(kinds)))]
    n_counted = sum(1 for n in pool if n.kind == counted)
    cats = library.kinds_in(library.KINDS[counted].category)
    others = [k for k in cats if k.name != counted]
    added_kind = others[int(rng.integers(len(others)))] if others else library.KINDS[counted]
    before = sum(1 for n in pool if n.kind == added_kind.name)
    target = scene.copy()
    new_ids = []
    models = [n for n in pool if n.kind == added_kind.name]
    for _ in range(n_counted):
        surf = surface_of(target, models[0]) if models else surfaces(target)[-1]
        node = make_node(target, rng, added_kind, surf, color=models[0].color if models else None,
                         height=models[0].h if models else None)
        if node is None:
            raise NotApplicable("no room for the new objects")
        target.nodes.append(node)
        new_ids.append(node.id)
    a = describe.kind_name(added_kind.name, 2)
    steps = [f"Counting the {describe.kind_name(counted, 2)}: there {'is' if n_counted == 1 else 'are'} "
             f"{describe.number(n_counted)}.",
             f"So {describe.number(n_counted)} {describe.kind_name(added_kind.name, 1 if n_counted == 1 else 2)} "
             f"{'is' if n_counted == 1 else 'are'} added, where there is room"
             + (f"; with the {describe.number(before)} already there that makes {describe.number(before + n_counted)}."
                if before else ".")]
    explicit = (f"Add {describe.number(n_counted)} "
                f"{describe.kind_name(added_kind.name, 1 if n_counted == 1 else 2)}.")
    return EditResult("count_match", target, "nodes", explicit,
                      f"Add as many {a} as there are {describe.kind_name(counted, 2)}.", steps, nodes=new_ids,
                      facts={"counted_kind": counted, "added_kind": added_kind.name, "added": n_counted,
                             "count_counted": n_counted})


def extreme_recolour(rng: np.random.Generator, scene: Scene) -> EditResult:
    pool = things(scene)
    if len(pool) < 2:
        raise NotApplicable("nothing to compare")
    area = describe.visual_area
    ranked = sorted(pool, key=area, reverse=True)
    word = "largest" if rng.random() < 0.5 else "smallest"
    if word == "smallest":
        ranked = ranked[::-1]
    first, second = ranked[0], ranked[1]
    if max(area(first), area(second)) < CLEAR_MARGIN * min(area(first), area(second)):
        raise NotApplicable("no clear extreme")
    colour = str(rng.choice([c for c in COLORS if c != first.color]))
    target = scene.copy()
    target.node(first.id).color = colour
    steps = ["Comparing how much of the picture each object covers: " + ", ".join(
        f"the {describe.noun(n)} about {round(area(n), -1):.0f} px²" for n in pool) + ".",
        f"The {word} is the {describe.noun(first)}, so it becomes {colour}."]
    return EditResult("extreme_recolour", target, "nodes", f"Make {refer.explicit(scene, first)} {colour}.",
                      f"Colour the {word} object {colour}.", steps, nodes=[first.id],
                      facts={"node": first.id, "which": word, "color": colour})


def _content_words(content: dict) -> str:
    shape = content["shape"]
    n = content["count"]
    name = describe.kind_name(shape, 1 if n == 1 else 2)
    words = [describe.number(n), content["fill"], name]
    extra = []
    if content.get("angle"):
        extra.append(f"turned {content['angle']:g}°")
    if content.get("scale", 1.0) != 1.0:
        extra.append(f"at {content['scale']:.0%} size")
    return " ".join(words) + (" " + ", ".join(extra) if extra else "")


def pattern_next(rng: np.random.Generator, scene: Scene) -> EditResult:
    tiles = sorted((n for n in scene.nodes if n.kind == "tile"), key=lambda n: n.attrs["index"])
    if scene.layout != "pattern" or not tiles:
        raise NotApplicable("no pattern")
    contents = [{k: v for k, v in t.attrs.items() if k != "index"} for t in tiles]
    answer = puzzles.next_in_sequence(contents)
    if answer is None:
        raise NotApplicable("the pattern has no unique continuation")
    empty = next(t for t in tiles if t.attrs.get("empty"))
    target = scene.copy()
    target.node(empty.id).attrs = {**answer, "index": empty.attrs["index"]}
    rule = scene.background["rule"]
    shown = [_content_words(c) for c in contents if not c.get("empty")]
    change = {"count": "the number of shapes grows by one each step",
              "rotate": f"the shape turns a further {rule.get('step')}° each step",
              "colour_cycle": f"the colours repeat in the cycle {', '.join(rule.get('cycle', []))}",
              "grow": "the shape grows by the same amount each step",
              "shape_cycle": f"the shapes repeat in the cycle {', '.join(rule.get('cycle', []))}"}[rule["kind"]]
    steps = ["The tiles show, in order: " + "; ".join(shown) + ".",
             f"What changes from tile to tile: {change}; everything else stays the same.",
             f"So the empty tile gets {_content_words(answer)}."]
    return EditResult("pattern_next", target, "nodes", f"Draw {_content_words(answer)} in the empty tile.",
                      "Draw the next step of the pattern in the empty tile.", steps, nodes=[empty.id],
                      facts={"node": empty.id, "content": answer, "rule": rule["kind"]})


def grid_fill(rng: np.random.Generator, scene: Scene) -> EditResult:
    tiles = sorted((n for n in scene.nodes if n.kind == "tile"), key=lambda n: n.attrs["index"])
    if scene.layout != "grid":
        raise NotApplicable("no grid")
    cells = [{k: v for k, v in t.attrs.items() if k != "index"} for t in tiles]
    answer = puzzles.latin_missing(cells)
    if answer is None:
        raise NotApplicable("the grid has no unique answer")
    i = next(k for k, c in enumerate(cells) if c.get("empty"))
    r, c = divmod(i, 3)
    row = [cells[r * 3 + j] for j in range(3) if j != c]
    target = scene.copy()
    target.node(tiles[i].id).attrs = {**answer, "index": i}
    rows = ("top", "middle", "bottom")
    cols = ("left", "middle", "right")
    steps = [f"The empty cell is in the {rows[r]} row, {cols[c]} column.",
             "Its row already has " + " and ".join(f"a {x['fill']} {x['shape']}" for x in row) + ".",
             "Every shape and every colour appears once per row and once per column, so the missing one is "
             f"{describe.article(answer['fill'] + ' ' + answer['shape'])}."]
    drawn = describe.article(answer["fill"] + " " + answer["shape"])
    return EditResult("grid_fill", target, "nodes", f"Draw {drawn} in the empty cell.",
                      "Fill the empty cell so that every row and column has each shape and each colour exactly once.",
                      steps, nodes=[tiles[i].id], facts={"node": tiles[i].id, "content": answer})


def category_filter(rng: np.random.Generator, scene: Scene) -> EditResult:
    pool = things(scene)
    cats = sorted({n.category for n in pool})
    if len(cats) < 2:
        raise NotApplicable("only one kind of object")
    keep = cats[int(rng.integers(len(cats)))]
    gone = [n for n in pool if n.category != keep]
    target = scene.copy()
    target.nodes = [n for n in target.nodes if n.id not in {g.id for g in gone}]
    noun = {"furniture": "piece of furniture", "household": "household item"}.get(keep, keep)
    names = [refer.explicit(scene, n) for n in gone]
    steps = ["Going through the objects: " + "; ".join(
        f"the {describe.noun(n)} is {'a ' + noun if n.category == keep else 'not a ' + noun}" for n in pool) + ".",
        f"So {describe.number(len(gone))} object{'s' if len(gone) > 1 else ''} go: "
        + ", ".join(describe.noun(n) for n in gone) + "."]
    explicit = "Remove " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]) + "."
    return EditResult("category_filter", target, "nodes", explicit, f"Remove everything that is not a {noun}.",
                      steps, nodes=[g.id for g in gone], facts={"keep": keep, "removed": len(gone)})


def counter_arithmetic(rng: np.random.Generator, scene: Scene) -> EditResult:
    counters = [n for n in scene.nodes if n.kind == "counter"]
    if not counters:
        raise NotApplicable("no counter")
    node = counters[0]
    value, digits = node.attrs["value"], node.attrs["digits"]
    top = 10 ** digits - 1
    items = things(scene)
    mode = str(rng.choice(("add", "subtract", "double", "objects")))
    if mode == "add":
        d = int(rng.integers(1, 30))
        new, abstract, how = value + d, f"Add {d} to the number on the counter.", f"{value} + {d} = {value + d}"
    elif mode == "subtract" and value > 1:
        d = int(rng.integers(1, value))
        new, abstract, how = value - d, f"Take {d} away from the number on the counter.", f"{value} − {d} = {value - d}"
    elif mode == "double":
        new, abstract, how = 2 * value, "Double the number on the counter.", f"2 × {value} = {2 * value}"
    else:
        new = len(items)
        abstract = "Make the counter show how many objects are on the table."
        how = f"counting them — {describe.listing(items)} — gives {len(items)}"
    if not 0 <= new <= top or new == value:
        raise NotApplicable("the result does not fit the display")
    target = scene.copy()
    target.node(node.id).attrs["value"] = new
    steps = [f"The counter shows {value}.", f"The instruction means {how}.",
             f"So the display changes to {new}; the digits keep their style and colour."]
    return EditResult("counter_arithmetic", target, "nodes", f"Set the counter to {new}.", abstract, steps,
                      nodes=[node.id], subtype=mode, facts={"node": node.id, "before": value, "after": new})


def chart_level(rng: np.random.Generator, scene: Scene) -> EditResult:
    charts = [n for n in scene.nodes if n.kind == "bar_chart"]
    if not charts:
        raise NotApplicable("no chart")
    node = charts[0]
    values, labels = node.attrs["values"], node.attrs["labels"]
    hi, lo = max(values), min(values)
    if values.count(hi) != 1 or values.count(lo) != 1:
        raise NotApplicable("no unique tallest and shortest bar")
    i_lo = values.index(lo)
    target = scene.copy()
    new_values = list(values)
    new_values[i_lo] = hi
    target.node(node.id).attrs["values"] = new_values
    steps = ["Reading the bars: " + ", ".join(f"{lab} = {v}" for lab, v in zip(labels, values)) + ".",
             f"The tallest bar is {labels[values.index(hi)]} ({hi}) and the shortest is {labels[i_lo]} ({lo}).",
             f"So {labels[i_lo]}'s bar rises from {lo} to {hi}; the other bars stay."]
    return EditResult("chart_level", target, "nodes", f"Set the {labels[i_lo]} bar to {hi}.",
                      "Raise the shortest bar to the height of the tallest one.", steps, nodes=[node.id],
                      facts={"node": node.id, "bar": i_lo, "value": hi})

