"""`unisynth dashboard URI [URI ...]`: serve the audit web app (registered into the CLI by
pipelines/cli.py, which maps exceptions to one-line errors and exit codes)."""

from __future__ import annotations

import argparse
import os
import sys

EXIT_BAD_INPUT = 2  # pipelines.cli's code for bad input


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port (0-65535)")
    return port


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dashboard", help="the audit web app over Lance datasets (overview, grid, labelling)")
    p.add_argument("uris", nargs="+", metavar="URI", help="Lance datasets to serve (only these are reachable)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    p.add_argument("--token", default=os.environ.get("UNISYNTH_DASHBOARD_TOKEN") or None,
                   help="require this bearer token on every request (browsers get a token form); default "
                        "$UNISYNTH_DASHBOARD_TOKEN, which keeps it out of the process list")
    p.add_argument("--no-disk-cache", action="store_true",
                   help="keep thumbnails in memory only (default: also $UNISYNTH_CACHE/dashboard-thumbs)")
    p.set_defaults(fn=run_dashboard)


def run_dashboard(args: argparse.Namespace) -> int:
    import uvicorn

    from dashboard.app import create_app
    from dashboard.security import loopback_hosts

    allowed = loopback_hosts(args.host)
    app = create_app(args.uris, token=args.token, allowed_hosts=allowed, use_disk_cache=not args.no_disk_cache)
    if allowed is None and not args.token:
        print(f"warning: serving on {args.host} without --token: anyone who can reach this port can read the "
              "datasets and add labels", file=sys.stderr)
    names = ", ".join(d.name for d in app.state.catalog)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"unisynth dashboard: http://{host}:{args.port}/ ({names}); Ctrl-C stops it", file=sys.stderr)
    server = uvicorn.Server(uvicorn.Config(app, host=args.host, port=args.port, log_level="warning"))
    try:
        server.run()
    except SystemExit:  # uvicorn exits (code 3) when it cannot bind, after logging why
        print(f"error: cannot serve on {host}:{args.port} (the line above says why); choose another --port",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0
