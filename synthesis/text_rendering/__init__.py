"""Text-rendering generator: exact text on simple backgrounds, with word/line polygons."""
