"""Lay out and draw a series/parallel circuit as a schematic, with plain matplotlib lines.

Layout (in schematic units, y up): the resistor network runs left to right along the
top wire, y = 0; a parallel block stacks its branches downwards between two vertical
buses; the battery sits on the left side of the loop with its + plate on top, so
conventional current runs left to right through every resistor. The same topology
always gets the same layout, which is what lets an edit redraw only its labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from synthesis.science.physics.circuit import Topology
from synthesis.science.physics.common import canvas, font_pt
from synthesis.science.render import Drawing, figure, finish
from synthesis.science.template import RenderContext

CELL = 3.0  # width of one resistor: lead, zig-zag, lead
ZIGZAG = (0.8, 2.2)  # the zig-zag's span inside the cell
ROW = 2.9  # vertical distance between parallel branches (room for the labels)
PAD = 0.6  # wire between a bus and its branch
SIDE = 1.6  # from the network to the loop's vertical sides
PLATE_GAP = 0.16  # half the gap between the battery plates


@dataclass
class Layout:
    resistors: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # name -> (x0, x1, y)
    wires: list[tuple[tuple[float, float], tuple[float, float]]] = field(default_factory=list)
    junctions: list[tuple[float, float]] = field(default_factory=list)
    battery: tuple[tuple[float, float], tuple[float, float]] = ((0.0, 0.0), (0.0, 0.0))  # (+ end, − end)
    width: float = 0.0  # of the network
    bottom: float = 0.0  # y of the return wire

    def objects(self) -> list[dict]:
        """The drawn circuit as data: what a test needs to rebuild its nodes."""
        out = [{"kind": "resistor", "name": n, "ends": [[x0, y], [x1, y]]} for n, (x0, x1, y) in self.resistors.items()]
        out += [{"kind": "wire", "ends": [list(a), list(b)]} for a, b in self.wires]
        out.append({"kind": "battery", "plus": list(self.battery[0]), "minus": list(self.battery[1])})
        return out


def _extent(topology: Topology) -> tuple[float, float]:
    """(width, depth below the terminal row) of a block."""
    if isinstance(topology, str):
        return CELL, 0.0
    sizes = [_extent(child) for child in topology[1:]]
    if topology[0] == "series":
        return sum(w for w, _ in sizes), max(d for _, d in sizes)
    width = max(w for w, _ in sizes) + 2 * PAD
    return width, sum(d for _, d in sizes) + ROW * (len(sizes) - 1)


def _place(topology: Topology, x: float, y: float, out: Layout) -> None:
    if isinstance(topology, str):
        out.resistors[topology] = (x, x + CELL, y)
        return
    children = topology[1:]
    if topology[0] == "series":
        for child in children:
            _place(child, x, y, out)
            x += _extent(child)[0]
        return
    width, _ = _extent(topology)
    rows = []
    row_y = y
    for child in children:
        w, d = _extent(child)
        left = x + (width - w) / 2  # narrower branches are centred, with wire either side
        out.wires += [((x, row_y), (left, row_y)), ((left + w, row_y), (x + width, row_y))]
        _place(child, left, row_y, out)
        rows.append(row_y)
        row_y -= d + ROW
    for bus_x in (x, x + width):
        out.wires += [((bus_x, a), (bus_x, b)) for a, b in zip(rows, rows[1:])]


def layout(topology: Topology) -> Layout:
    out = Layout()
    width, depth = _extent(topology)
    _place(topology, 0.0, 0.0, out)
    left, right, bottom = -SIDE, width + SIDE, -(depth + ROW)
    middle = bottom / 2
    plus, minus = (left, middle + PLATE_GAP), (left, middle - PLATE_GAP)
    out.wires += [((left, 0.0), (0.0, 0.0)), ((left, 0.0), plus), (minus, (left, bottom)),
                  ((left, bottom), (right, bottom)), ((right, bottom), (right, 0.0)), ((width, 0.0), (right, 0.0))]
    out.battery, out.width, out.bottom = (plus, minus), width, bottom
    out.junctions = _junctions(out)
    return out


def _junctions(lay: Layout) -> list[tuple[float, float]]:
    """Points where three or more conductors meet: they get a dot, corners do not."""
    ends: dict[tuple[float, float], int] = {}
    segments = list(lay.wires) + [((x0, y), (x1, y)) for x0, x1, y in lay.resistors.values()]
    for a, b in segments:
        for p in (a, b):
            key = (round(p[0], 6), round(p[1], 6))
            ends[key] = ends.get(key, 0) + 1
    return sorted(p for p, n in ends.items() if n >= 3)


def _zigzag(x0: float, x1: float, y: float, amplitude: float = 0.28, peaks: int = 6) -> tuple[np.ndarray, np.ndarray]:
    a, b = x0 + ZIGZAG[0], x0 + ZIGZAG[1]
    xs = np.concatenate([[x0, a], np.linspace(a, b, 2 * peaks + 1)[1:-1] , [b, x1]])
    ys = np.full_like(xs, y)
    ys[2:-2] = y + amplitude * np.where(np.arange(2 * peaks - 1) % 2 == 0, 1.0, -1.0)
    return xs, ys


def _limits(lay: Layout, with_summary: bool) -> tuple[float, float, float, float]:
    """A square window around the circuit and its labels, in schematic units."""
    x0, x1 = -SIDE - 3.4, lay.width + SIDE + 0.6
    y0, y1 = lay.bottom - (1.7 if with_summary else 0.8), 1.4
    side = max(x1 - x0, y1 - y0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - side / 2, cx + side / 2, cy - side / 2, cy + side / 2


def draw(ctx: RenderContext, lay: Layout, values: dict[str, str], voltage: str, colors: dict,
         readings: dict[str, str] | None, summary: str | None, font_scale: float = 1.0) -> tuple[Drawing, dict]:
    """The schematic. `values`: resistor -> "R1 = 6 Ω"; `readings`: resistor -> the current
    and voltage text under it (None: values only); `summary`: text under the loop."""
    ctx = canvas(ctx)
    x0, x1, y0, y1 = _limits(lay, summary is not None)
    unit_px = ctx.size_px / (x1 - x0)
    size = font_pt(ctx, unit_px, 0.36) * font_scale
    ink, lw = ctx.theme.ink, 1.6
    with figure(ctx, layout=None) as fig:
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        for (ax_, ay), (bx, by) in lay.wires:
            ax.plot([ax_, bx], [ay, by], color=ink, lw=lw, solid_capstyle="round")
        if lay.junctions:
            jx, jy = zip(*lay.junctions)
            ax.scatter(jx, jy, s=(size * 0.55) ** 2, color=ink, zorder=3)
        for name, (a, b, y) in lay.resistors.items():
            xs, ys = _zigzag(a, b, y)
            ax.plot(xs, ys, color=colors["resistor"], lw=lw + 0.4, solid_joinstyle="miter")
            ax.text((a + b) / 2, y + 0.45, values[name], ha="center", va="bottom", fontsize=size, color=ink)
            if readings is not None:
                ax.text((a + b) / 2, y - 0.45, readings[name], ha="center", va="top", fontsize=size * 0.92,
                        color=colors["current"], linespacing=1.15)
        (bx, top), (_, low) = lay.battery
        ax.plot([bx - 0.55, bx + 0.55], [top, top], color=colors["battery"], lw=lw + 0.6)
        ax.plot([bx - 0.3, bx + 0.3], [low, low], color=colors["battery"], lw=lw + 2.6)
        ax.text(bx - 0.75, (top + low) / 2, voltage, ha="right", va="center", fontsize=size, color=ink)
        ax.text(bx + 0.7, top + 0.1, "+", ha="left", va="bottom", fontsize=size, color=colors["battery"])
        # conventional current leaves the + terminal: an arrowhead on the top-left wire
        ax.annotate("", xy=(bx + SIDE * 0.7, 0.0), xytext=(bx + SIDE * 0.2, 0.0),
                    arrowprops={"arrowstyle": "-|>", "color": colors["current"], "lw": lw,
                                "mutation_scale": size * 1.3})
        if summary is not None:
            ax.text(lay.width / 2, lay.bottom - 0.5, summary, ha="center", va="top", fontsize=size,
                    color=colors["current"])
        drawing = finish(fig)
        centres = {name: _px(ax, ((a + b) / 2, y), drawing.height) for name, (a, b, y) in lay.resistors.items()}
    return drawing, {"font_pt": round(size, 3), "resistor_px": centres}


def _px(ax, point: tuple[float, float], height: int) -> list[float]:
    u, v = ax.transData.transform(point)
    return [round(float(u), 2), round(float(height - v), 2)]
