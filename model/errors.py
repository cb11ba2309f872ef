"""Errors of model commands that are the user's input, not a bug: the CLI prints them as one
line and exits 2. Kept free of torch so that the CLI can catch them without importing it."""


class CheckpointError(ValueError):
    """A checkpoint, config name or model input that cannot be used: one line saying what is wrong."""
