"""Access: the bearer token on every request (header for scripts, cookie after the token
form for browsers), the Host check that keeps a loopback dashboard from being read by
another site through DNS rebinding, the headers that forbid loading anything from
elsewhere, and the CLI that starts it all (a real uvicorn process)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from dashboard.app import create_app
from dashboard.security import COOKIE, loopback_hosts
from pipelines.cli import main
from tests.dashboard.conftest import free_port

REPO = Path(__file__).resolve().parents[2]
TOKEN = "s3cret-token"


@pytest.fixture
def guarded(dataset, tmp_path) -> TestClient:
    return TestClient(create_app([dataset[0]], token=TOKEN, cache_dir=tmp_path / "thumbs"))


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/api/datasets", "/api/datasets/dash/overview",
                                  "/api/datasets/dash/thumb?id=dash/bulk/1000", "/api/datasets/nope/x", "/favicon.ico"])
def test_every_request_needs_the_token(guarded, path):
    assert guarded.get(path).status_code == 401
    assert guarded.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get(path, headers={"Authorization": TOKEN}).status_code == 401  # no scheme
    r = guarded.get(path, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code != 401


def test_refusals_are_json_for_scripts_and_a_form_for_browsers(guarded):
    r = guarded.get("/api/datasets")
    assert r.json() == {"error": "missing or wrong bearer token"} and r.headers["www-authenticate"].startswith("Bearer")
    page = guarded.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 401 and 'action="/auth"' in page.text and TOKEN not in page.text
    r = guarded.post("/api/datasets/dash/labels", json={"sample_id": "dash/bulk/1000", "auditor": "a", "label": "good"})
    assert r.status_code == 401


def test_the_token_form_sets_a_cookie_that_opens_everything(guarded):
    wrong = guarded.post("/auth", data={"token": "nope"}, headers={"Accept": "text/html"}, follow_redirects=False)
    assert wrong.status_code == 401 and "wrong token" in wrong.text and COOKIE not in wrong.headers.get("set-cookie", "")
    r = guarded.post("/auth", data={"token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict") and TOKEN not in cookie
    assert guarded.get("/api/datasets").status_code == 200  # the client keeps the cookie
    assert TestClient(guarded.app, cookies={COOKIE: "forged"}).get("/api/datasets").status_code == 401


def test_host_header_is_checked_on_loopback(dataset, tmp_path):
    assert loopback_hosts("127.0.0.1") == ["localhost", "127.0.0.1", "[::1]", "127.0.0.1"]
    assert loopback_hosts("0.0.0.0") is None and loopback_hosts("10.1.2.3") is None
    client = TestClient(create_app([dataset[0]], allowed_hosts=loopback_hosts("127.0.0.1")),
                        base_url="http://127.0.0.1:8000")
    assert client.get("/api/datasets").status_code == 200
    assert client.get("/api/datasets", headers={"Host": "localhost:8000"}).status_code == 200
    assert client.get("/api/datasets", headers={"Host": "evil.example:8000"}).status_code == 400


def test_pages_may_load_nothing_from_elsewhere(client):
    r = client.get("/")
    assert r.status_code == 200 and "<script" in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    for asset in ("index.html", "app.js", "style.css"):
        text = (REPO / "dashboard" / "static" / asset).read_text()
        urls = set(re.findall(r"(?:https?:)?//[A-Za-z0-9.-]+\.[a-z]{2,}[^\s\"')]*", text))
        assert urls <= {"http://www.w3.org/2000/svg"}, (asset, urls)  # the SVG namespace is a name, not a load


def test_cli_refuses_bad_arguments_in_one_line(tmp_path, capsys):
    assert main(["dashboard", str(tmp_path / "missing.lance")]) == 2
    err = capsys.readouterr().err
    assert "no Lance dataset there" in err and len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit) as exit_:
        main(["dashboard", str(tmp_path / "x.lance"), "--port", "70000"])
    assert exit_.value.code == 2 and "70000 is not a port" in capsys.readouterr().err


def test_cli_says_when_the_port_is_taken(dataset, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["dashboard", dataset[0], "--port", str(port)]) == 2
    assert f"error: cannot serve on 127.0.0.1:{port}" in capsys.readouterr().err


def test_cli_serves_with_a_token(dataset, tmp_path):
    port = free_port()
    env = {**os.environ, "UNISYNTH_CACHE": str(tmp_path / "cache")}
    process = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "dashboard", dataset[0], "--port", str(port),
                                "--token", TOKEN], cwd=REPO, env=env, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/api/datasets"
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(url)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError(f"dashboard did not start: {process.stderr.read()}") from None
                time.sleep(0.1)
        assert r.status_code == 401
        r = httpx.get(url, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200 and r.json()[0]["name"] == "dash"
        assert httpx.get(url, headers={"Authorization": f"Bearer {TOKEN}", "Host": "evil.example"}).status_code == 400
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert f"http://127.0.0.1:{port}/ (dash)" in process.stderr.read()
