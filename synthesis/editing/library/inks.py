"""Fixed ink colours shared by the drawings: the parts of an object that keep their colour
whatever the node's colour is (stems, leaves, tyres, glass, steel, flames)."""

from __future__ import annotations

from synthesis.editing.palette import RGB

STEM: RGB = (110, 75, 40)
LEAF: RGB = (70, 155, 60)
LEAF_DARK: RGB = (45, 115, 50)
LEAF_DRY: RGB = (160, 150, 70)
AUTUMN: RGB = (225, 125, 40)
AUTUMN_RED: RGB = (200, 70, 40)
AUTUMN_YELLOW: RGB = (235, 185, 60)
DARK: RGB = (35, 35, 40)
WHITE: RGB = (252, 252, 250)
CREAM: RGB = (250, 240, 205)
SEED: RGB = (70, 45, 25)
PINK: RGB = (240, 150, 170)
BEAK: RGB = (245, 150, 40)
TYRE: RGB = (45, 45, 50)
HUB: RGB = (180, 182, 190)
GLASS: RGB = (170, 215, 240)
STEEL: RGB = (170, 175, 185)
STEEL_DARK: RGB = (105, 110, 120)
WOOD: RGB = (160, 110, 60)
WOOD_DARK: RGB = (100, 68, 40)
SOIL: RGB = (85, 60, 40)
TERRACOTTA: RGB = (200, 110, 70)
FLAME: RGB = (250, 150, 30)
FLAME_CORE: RGB = (255, 230, 110)
LIGHT: RGB = (255, 235, 100)
GOLD: RGB = (225, 180, 50)
WATER: RGB = (110, 170, 230)
SKIN: RGB = (125, 170, 90)       # turtle head and legs
BRISTLE: RGB = (205, 165, 105)
COFFEE: RGB = (105, 65, 35)
PAPER: RGB = (248, 246, 238)
TEXT: RGB = (160, 160, 165)
RED: RGB = (214, 48, 49)
BLUE: RGB = (45, 110, 210)
YELLOW: RGB = (246, 208, 50)
GREEN: RGB = (60, 170, 80)
SNOW: RGB = (245, 248, 255)
GLOW = (255, 240, 150, 120)      # translucent: lets the body show through where light falls on it
