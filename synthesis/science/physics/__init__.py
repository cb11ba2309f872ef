"""Physics: projectiles, free-body diagrams, circuits, lens and mirror ray diagrams, kinematics graphs."""

TEMPLATES: tuple = ()
