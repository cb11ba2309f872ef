"""Reading a row's `labels` JSON (text lines and words, as the text generator writes
them) for the judges that check text: one parser, one set of error messages."""

from __future__ import annotations

import json


def text_labels(labels: str | None) -> dict | None:
    """The labels as a dict when they list text `lines`; None when the row has no labels
    or no `lines` (nothing to read). Raises ValueError naming what is malformed."""
    if not labels:
        return None
    try:
        data = json.loads(labels)
    except json.JSONDecodeError as err:
        raise ValueError(f"labels are not JSON ({err.msg} at char {err.pos})") from None
    if not isinstance(data, dict):
        raise ValueError(f"labels must be a JSON object, got {type(data).__name__}")
    if "lines" not in data:
        return None
    if not isinstance(data["lines"], list):
        raise ValueError(f"labels.lines must be a list, got {type(data['lines']).__name__}")
    return data
