"""Vehicles, side view facing right: the body is the paint; wheels, windows, lights and
sails are ink."""

from __future__ import annotations

from synthesis.editing.library import inks
from synthesis.editing.library.base import Canvas, ObjectKind
from synthesis.editing.library.pen import body_stroke, disc, ink_disc, ink_stroke
from synthesis.editing.palette import shade


def _wheel(c: Canvas, u: float, v: float, r: float) -> None:
    ink_disc(c, u, v, r, inks.TYRE)
    ink_disc(c, u, v, r * 0.5, inks.HUB)
    ink_disc(c, u, v, r * 0.15, inks.STEEL_DARK)


def draw_car(c: Canvas, state: str) -> None:
    c.body_rect(0.02, 0.42, 0.9, 0.82, radius=0.12)
    c.body_polygon([(0.18, 0.46), (0.3, 0.12), (0.62, 0.12), (0.76, 0.46)])
    c.body_rect(0.28, 0.1, 0.64, 0.3, radius=0.08)
    c.ink_polygon([(0.27, 0.44), (0.35, 0.19), (0.46, 0.19), (0.46, 0.44)], inks.GLASS)
    c.ink_polygon([(0.49, 0.19), (0.6, 0.19), (0.7, 0.44), (0.49, 0.44)], inks.GLASS)
    trim = shade(c.base, 0.7)
    c.ink_line([(0.475, 0.46), (0.475, 0.76)], trim, 0.015)
    c.ink_rect(0.52, 0.5, 0.57, 0.53, fill=trim, radius=0.01)
    c.ink_rect(0.3, 0.5, 0.35, 0.53, fill=trim, radius=0.01)
    _wheel(c, 0.24, 0.8, 0.2)
    _wheel(c, 0.7, 0.8, 0.2)
    if state == "lights_on":
        c.ink_polygon([(0.89, 0.5), (1.0, 0.36), (1.0, 0.76), (0.89, 0.62)], inks.GLOW)
        c.ink_ellipse(0.86, 0.5, 0.91, 0.6, fill=inks.LIGHT)
        c.ink_rect(0.02, 0.48, 0.045, 0.58, fill=(255, 60, 50))
    else:
        c.ink_ellipse(0.86, 0.5, 0.91, 0.6, fill=(225, 225, 210))
        c.ink_rect(0.02, 0.48, 0.045, 0.58, fill=(150, 40, 40))


def draw_bus(c: Canvas, state: str) -> None:
    c.body_rect(0.01, 0.04, 0.99, 0.86, radius=0.1)
    for i in range(5):
        u0 = 0.05 + i * 0.14
        c.ink_rect(u0, 0.14, u0 + 0.11, 0.44, fill=inks.GLASS, radius=0.03)
    c.ink_rect(0.76, 0.14, 0.86, 0.78, fill=inks.GLASS, radius=0.02)       # door
    c.ink_line([(0.81, 0.14), (0.81, 0.78)], shade(c.base, 0.6), 0.015)
    c.ink_rect(0.9, 0.14, 0.99, 0.46, fill=inks.GLASS, radius=0.03)        # windscreen
    c.ink_rect(0.01, 0.54, 0.74, 0.6, fill=shade(c.base, 0.75))            # stripe
    c.ink_rect(0.95, 0.62, 0.99, 0.72, fill=(230, 230, 210), radius=0.01)
    _wheel(c, 0.2, 0.84, 0.16)
    _wheel(c, 0.66, 0.84, 0.16)


def draw_bicycle(c: Canvas, state: str) -> None:
    rear, front, crank = (0.22, 0.7), (0.78, 0.7), (0.47, 0.72)
    seat, head = (0.38, 0.32), (0.7, 0.34)
    for hub in (rear, front):
        c.ink_ellipse(*disc(c, *hub, 0.3), outline=inks.TYRE, width=0.055)
        for du, dv in ((0.15, 0.0), (0.0, 0.24), (0.1, 0.17), (0.1, -0.17)):
            c.ink_line([(hub[0] - du, hub[1] - dv), (hub[0] + du, hub[1] + dv)], inks.HUB, 0.01)
    body_stroke(c, [rear, crank, seat, rear], 0.055)
    body_stroke(c, [seat, head, crank], 0.055)
    body_stroke(c, [head, front], 0.05)
    ink_stroke(c, [seat, (0.36, 0.22)], inks.STEEL_DARK, 0.035)
    c.ink_polygon([(0.27, 0.2), (0.44, 0.19), (0.42, 0.24), (0.3, 0.25)], inks.DARK)
    ink_stroke(c, [head, (0.68, 0.2), (0.76, 0.16)], inks.STEEL_DARK, 0.035)
    ink_stroke(c, [(0.75, 0.16), (0.8, 0.17)], inks.DARK, 0.05)
    ink_disc(c, *crank, 0.07, inks.STEEL_DARK)
    ink_stroke(c, [crank, (0.5, 0.84)], inks.DARK, 0.03)
    ink_disc(c, *rear, 0.03, inks.STEEL_DARK)
    ink_disc(c, *front, 0.03, inks.STEEL_DARK)


def draw_boat(c: Canvas, state: str) -> None:
    """A small sailing boat: the hull is the body."""
    c.body_polygon([(0.02, 0.64), (0.98, 0.64), (0.82, 1.0), (0.18, 1.0)])
    c.ink_rect(0.08, 0.7, 0.93, 0.75, fill=shade(c.base, 1.5))
    ink_stroke(c, [(0.5, 0.04), (0.5, 0.64)], inks.WOOD_DARK, 0.035)
    c.ink_polygon([(0.54, 0.06), (0.54, 0.58), (0.92, 0.58)], inks.WHITE)
    c.ink_polygon([(0.46, 0.14), (0.46, 0.58), (0.14, 0.58)], (235, 235, 228))
    c.ink_polygon([(0.5, 0.02), (0.62, 0.05), (0.5, 0.08)], inks.RED)


def draw_truck(c: Canvas, state: str) -> None:
    c.body_rect(0.01, 0.06, 0.64, 0.8, radius=0.03)                         # cargo box
    c.body_polygon([(0.66, 0.8), (0.66, 0.3), (0.86, 0.3), (0.99, 0.52), (0.99, 0.8)])  # cab
    for u in (0.16, 0.32, 0.48):
        c.ink_line([(u, 0.1), (u, 0.76)], shade(c.base, 0.75), 0.015)
    c.ink_polygon([(0.72, 0.36), (0.84, 0.36), (0.93, 0.52), (0.72, 0.52)], inks.GLASS)
    c.ink_rect(0.01, 0.78, 0.99, 0.84, fill=inks.STEEL_DARK)
    c.ink_rect(0.95, 0.6, 0.99, 0.68, fill=(230, 230, 210), radius=0.01)
    _wheel(c, 0.16, 0.82, 0.18)
    _wheel(c, 0.4, 0.82, 0.18)
    _wheel(c, 0.84, 0.82, 0.18)


def draw_airplane(c: Canvas, state: str) -> None:
    """An airliner parked on its wheels, nose to the right."""
    c.body_rect(0.04, 0.42, 0.9, 0.76, radius=0.17)
    c.body_ellipse(0.78, 0.42, 0.99, 0.76)
    c.body_polygon([(0.04, 0.5), (0.04, 0.02), (0.13, 0.02), (0.3, 0.48)])   # fin
    wing = shade(c.base, 0.72)
    c.ink_polygon([(0.36, 0.64), (0.6, 0.64), (0.44, 0.9), (0.36, 0.9)], wing)
    c.ink_polygon([(0.04, 0.52), (0.16, 0.52), (0.08, 0.62), (0.02, 0.62)], wing)
    c.ink_rect(0.47, 0.72, 0.59, 0.8, fill=inks.STEEL_DARK, radius=0.03)     # engine
    for i in range(9):
        ink_disc(c, 0.26 + i * 0.055, 0.54, 0.03, inks.GLASS)
    c.ink_polygon([(0.86, 0.48), (0.93, 0.48), (0.97, 0.56), (0.86, 0.56)], inks.GLASS)
    for u in (0.28, 0.82):
        ink_stroke(c, [(u, 0.76), (u, 0.9)], inks.STEEL_DARK, 0.025)
        ink_disc(c, u, 0.935, 0.065, inks.TYRE)


KINDS = (
    ObjectKind("car", "vehicle", draw_car, 2.0, ("lights_off", "lights_on"), (), zh="汽车"),
    ObjectKind("bus", "vehicle", draw_bus, 2.3, ("default",), ("yellow", "red", "blue", "green"), plural="buses",
               zh="公共汽车"),
    ObjectKind("bicycle", "vehicle", draw_bicycle, 1.65, ("default",), (), zh="自行车"),
    ObjectKind("boat", "vehicle", draw_boat, 1.0, ("default",), ("blue", "red", "white", "brown"), zh="帆船"),
    ObjectKind("truck", "vehicle", draw_truck, 2.1, ("default",), (), zh="卡车"),
    ObjectKind("airplane", "vehicle", draw_airplane, 2.2, ("default",), ("white", "grey", "blue"), zh="飞机"),
)
