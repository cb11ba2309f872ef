"""Solid geometry: 3D solids, front/side/top projections, solids of revolution (matplotlib 3D)."""

from synthesis.science.solid.measures import SolidMeasuresTemplate
from synthesis.science.solid.resize_edit import ResizeEditTemplate
from synthesis.science.solid.revolution import RevolutionTemplate
from synthesis.science.solid.three_views import ThreeViewsTemplate
from synthesis.science.solid.volume_question import VolumeQuestionTemplate

TEMPLATES: tuple = (SolidMeasuresTemplate, ThreeViewsTemplate, RevolutionTemplate, ResizeEditTemplate,
                    VolumeQuestionTemplate)
