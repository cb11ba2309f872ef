"""Plane geometry: triangles and their centres, medians, bisectors, circles, polygons (sympy.geometry)."""

TEMPLATES: tuple = ()
