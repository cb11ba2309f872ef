"""The two ways a request can be wrong, mapped to HTTP by app.py: a bad parameter (400)
and something that is not there (404). Their messages go to the client as they are, so
they name the parameter and what is allowed, and never a server path."""

from __future__ import annotations


class BadRequest(ValueError):
    """A parameter the dashboard cannot use: answered 400 with the message."""


class NotFound(LookupError):
    """A dataset, sample, chart or session that does not exist: answered 404."""


class BadData(RuntimeError):
    """Stored data the dashboard cannot show (an image that does not decode): answered 422."""
