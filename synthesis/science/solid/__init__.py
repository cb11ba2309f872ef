"""Solid geometry: 3D solids, front/side/top projections, solids of revolution (matplotlib 3D)."""

TEMPLATES: tuple = ()
