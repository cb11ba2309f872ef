"""Fixtures shared by the filter tests."""

from __future__ import annotations

import pytest

from tests.filters.chat_server import ChatServer


@pytest.fixture
def serve():
    """`serve(respond)` starts a ChatServer; all are closed after the test."""
    servers = []

    def start(respond):
        servers.append(ChatServer(respond))
        return servers[-1]

    yield start
    for s in servers:
        s.close()
