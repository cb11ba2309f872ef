"""`unisynth dashboard`: registered into the CLI by pipelines/cli.py (being written)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dashboard", help="the audit web app over Lance datasets (being written)")
    p.add_argument("uris", nargs="+")
    p.set_defaults(fn=lambda args: (_ for _ in ()).throw(NotImplementedError("dashboard is being written")))
