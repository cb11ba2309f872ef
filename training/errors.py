"""Errors of training commands that are the user's input (the CLI prints one line, exit 2);
free of torch and Ray so the CLI can catch them without importing those."""


class RunError(ValueError):
    """A run that cannot start (exists already, nothing to resume): one line."""
