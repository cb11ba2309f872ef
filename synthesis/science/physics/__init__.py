"""Physics: projectile trajectories, free-body diagrams on an incline, thin-lens ray diagrams,
velocity–time graphs, and DC circuits (drawn, edited, and asked about)."""

from synthesis.science.physics.circuit_templates import CircuitTemplate, CurrentQuestionTemplate, ResistanceEditTemplate
from synthesis.science.physics.incline import FreeBodyTemplate
from synthesis.science.physics.kinematics import KinematicsTemplate
from synthesis.science.physics.lens import LensTemplate
from synthesis.science.physics.projectile import ProjectileTemplate

TEMPLATES: tuple = (
    ProjectileTemplate, FreeBodyTemplate, LensTemplate, KinematicsTemplate,
    CircuitTemplate, ResistanceEditTemplate, CurrentQuestionTemplate,
)
