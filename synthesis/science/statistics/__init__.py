"""Statistics and charts: bar, line, pie, scatter and histogram with computed statistics."""

TEMPLATES: tuple = ()
