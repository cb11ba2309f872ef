"""Who may talk to the dashboard.

With a token, every request needs it: `Authorization: Bearer <token>` (scripts), or the
cookie a browser gets by posting the token once to /auth (an <img> cannot send a
header). Anything else is a 401: JSON for scripts, a token form for a browser page.
The cookie holds a digest of the token, is HttpOnly and SameSite=Strict (another site
cannot make the browser send it), and /auth compares in constant time.

Bound to a loopback address, the dashboard also checks the Host header (see
`loopback_hosts`): without that, a web page the auditor opens could rebind its own
domain name to 127.0.0.1 and read the dashboard from the auditor's browser.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import ipaddress
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

COOKIE = "unisynth_dashboard"
AUTH_PATH = "/auth"
MAX_FORM = 4096

LOGIN_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>unisynth dashboard: token</title>
<style>body{{font:15px system-ui,sans-serif;max-width:28em;margin:6em auto;color:#222}}
input{{font:inherit;padding:.4em;width:100%;box-sizing:border-box;margin:.5em 0}}
button{{font:inherit;padding:.4em 1.2em}}.err{{color:#b3261e}}</style></head>
<body><h1>unisynth dashboard</h1><p>This dashboard was started with <code>--token</code>.</p>{message}
<form method="post" action="/auth"><label>Token <input name="token" type="password" autofocus
autocomplete="current-password"></label><button type="submit">Open</button></form></body></html>"""


def loopback_hosts(host: str) -> list[str] | None:
    """Host headers to accept when bound to `host`: the loopback names when it is a
    loopback address or 'localhost', else None (any: the operator chose to expose it)."""
    if host == "localhost":
        return ["localhost", "127.0.0.1", "[::1]"]
    try:
        if ipaddress.ip_address(host).is_loopback:
            return ["localhost", "127.0.0.1", "[::1]", host if ":" not in host else f"[{host}]"]
    except ValueError:
        pass
    return None


def cookie_value(token: str) -> str:
    return hashlib.sha256(f"unisynth-dashboard\x1f{token}".encode()).hexdigest()


class TokenGate:
    def __init__(self, token: str):
        self.token = token
        self.cookie = cookie_value(token)

    def allows(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), self.token.encode()):
            return True
        cookie = request.cookies.get(COOKIE, "")
        return bool(cookie) and hmac.compare_digest(cookie.encode(), self.cookie.encode())

    async def login(self, request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_FORM:
            return self.refuse(request, "the form is too large")
        given = parse_qs(body.decode("utf-8", "replace")).get("token", [""])[0]
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            return self.refuse(request, "wrong token")
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, self.cookie, httponly=True, samesite="strict", path="/")
        return response

    @staticmethod
    def refuse(request: Request, problem: str | None = None) -> Response:
        message = problem or "missing or wrong bearer token"
        headers = {"WWW-Authenticate": 'Bearer realm="unisynth dashboard"'}
        if "text/html" in request.headers.get("accept", ""):
            page = LOGIN_PAGE.format(message=f'<p class="err">{html.escape(message)}</p>' if problem else "")
            # The form is the only page served without the token: its own style, nothing else.
            csp = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
            return HTMLResponse(page, status_code=401, headers={**headers, "Content-Security-Policy": csp})
        return JSONResponse({"error": message}, status_code=401, headers=headers)

    async def __call__(self, request: Request, call_next) -> Response:
        if request.url.path == AUTH_PATH and request.method == "POST":
            return await self.login(request)
        if not self.allows(request):
            return self.refuse(request)
        return await call_next(request)
