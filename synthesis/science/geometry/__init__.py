"""Plane geometry: triangles and their centres, bisectors, tangents to a circle, polygon
angles, lengths read off a figure; computed exactly (sympy.geometry) and drawn as clean
equal-aspect figures."""

from synthesis.science.geometry.bisectors import BisectorsTemplate
from synthesis.science.geometry.circle_tangent import CircleTangentTemplate
from synthesis.science.geometry.move_point_edit import MovePointEditTemplate
from synthesis.science.geometry.polygon_angles import PolygonAnglesTemplate
from synthesis.science.geometry.read_length import ReadLengthTemplate
from synthesis.science.geometry.triangle_centres import TriangleCentresTemplate

TEMPLATES = (TriangleCentresTemplate, BisectorsTemplate, CircleTangentTemplate, PolygonAnglesTemplate,
             MovePointEditTemplate, ReadLengthTemplate)
