"""The dashboard in a real browser: Playwright driving Debian's chromium package (installed
by `make system-deps`; never `playwright install`). An auditor opens the overview, finds
a sample in the grid, labels it with the keyboard, reloads and sees the label; edits
show before/after and the mask; a session walks its items; a token-protected dashboard
asks for the token. Screenshots go to the test's output folder (tmp_path/screenshots).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from dashboard.app import create_app
from pipelines.audits import read_audits
from tests.dashboard.conftest import LiveServer

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("no chromium at /usr/bin/chromium: install Debian's chromium package (`make system-deps` does; "
                    "`playwright install` is not used)", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return folder


def wait_until(page: Page, predicate: str) -> None:
    """Poll a JS arrow function with page.evaluate: the page's CSP forbids the eval that
    Playwright's wait_for_function uses, and the tests keep that CSP on."""
    for _ in range(TIMEOUT_MS // 50):
        if page.evaluate(predicate):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"still false after {TIMEOUT_MS} ms: {predicate}")


def open_page(browser, errors: list[str]) -> Page:
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    page.set_default_timeout(TIMEOUT_MS)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page


def test_overview_grid_label_with_keyboard_reload(browser, dataset, shots):
    uri, _info = dataset
    errors: list[str] = []
    with LiveServer(create_app([uri], use_disk_cache=False)) as server:
        page = open_page(browser, errors)
        page.goto(f"{server.url}/#/d/dash")
        expect(page.locator("h1")).to_have_text("dash")
        expect(page.locator("table").first).to_contain_text("image_sanity")
        expect(page.locator("#by-font table")).to_contain_text("Pillow Default")
        wait_until(page, "() => [...document.querySelectorAll('.charts img')].every(i => i.complete && "
                         "i.naturalWidth > 300)")
        page.screenshot(path=shots / "overview.png", full_page=True)

        page.click("#nav a[data-view=samples]")
        page.select_option("form.filters select[name=generator]", "text_rendering")
        page.click("form.filters button[type=submit]")
        expect(page.locator(".card")).to_have_count(2)
        expect(page.locator(".pager")).to_contain_text("2 samples")
        wait_until(page, "() => [...document.querySelectorAll('.card img')].every(i => i.complete && "
                         "i.naturalWidth > 0)")
        page.screenshot(path=shots / "grid.png")

        page.click(".card[data-id='dash/text_rendering/1']")
        expect(page.locator("#sample-id")).to_have_text("dash/text_rendering/1")
        expect(page.locator("svg.overlay polygon.line.matched")).to_have_count(1)
        expect(page.locator("svg.overlay polygon.line.missed")).to_have_count(1)
        page.fill("#auditor", "ann")
        page.press("#auditor", "Enter")  # leaves the box: keys are shortcuts again
        page.keyboard.press("n")
        expect(page.locator("#note")).to_be_focused()
        page.keyboard.type("second line misread")
        page.keyboard.press("Escape")
        page.keyboard.press("b")
        expect(page.locator("#label-status")).to_have_text("saved: bad")
        page.screenshot(path=shots / "labelled.png")

        page.reload()
        expect(page.locator("#history")).to_contain_text("bad")
        expect(page.locator("#history")).to_contain_text("ann")
        expect(page.locator("#history")).to_contain_text("second line misread")
        expect(page.locator("#auditor")).to_have_value("ann")  # remembered by the browser
        page.screenshot(path=shots / "reloaded.png")

        page.keyboard.press("j")  # the next sample of the same grid query
        expect(page.locator("#sample-id")).to_have_text("dash/text_rendering/2")
        page.keyboard.press("Escape")
        expect(page.locator(".card")).to_have_count(2)
        page.close()
    stored = read_audits(uri)
    assert stored.to_pylist()[0] | {"created_at": None} == {
        "sample_id": "dash/text_rendering/1", "auditor": "ann", "label": "reject", "rubric": None, "score": None,
        "comment": "second line misread", "created_at": None, "session": None}
    assert not errors, errors
    assert {p.name for p in shots.iterdir()} == {"overview.png", "grid.png", "labelled.png", "reloaded.png"}


def test_edit_before_after_mask_and_a_session(browser, dataset, shots):
    uri, info = dataset
    errors: list[str] = []
    with LiveServer(create_app([uri], use_disk_cache=False)) as server:
        page = open_page(browser, errors)
        page.goto(f"{server.url}/#/d/dash/sample?id={info['edit'][0]}")
        wait_until(page, "() => document.querySelector('img.source')?.naturalWidth > 0 && "
                         "document.querySelector('img.target')?.naturalWidth > 0")
        expect(page.locator("img.mask")).to_be_hidden()
        page.keyboard.press("m")
        expect(page.locator("img.mask")).to_be_visible()
        page.locator(".slider").fill("20")
        assert "inset(0px 0px 0px 20%)" in page.eval_on_selector("img.target", "e => getComputedStyle(e).clipPath")
        expect(page.locator("svg.overlay rect.object").first).to_be_attached()
        page.keyboard.press("o")
        expect(page.locator("svg.overlay")).to_be_hidden()
        page.screenshot(path=shots / "edit.png")

        page.fill("#auditor", "cy")
        page.click("#nav a[data-view=sessions]")
        page.fill("input[name=size]", "3")
        page.select_option("select[name=score_column]", "image_sanity_std")
        page.click("form.filters button[type=submit]")
        expect(page.locator("h1")).to_contain_text("Session")
        expect(page.locator("ol.items li")).to_have_count(3)
        page.screenshot(path=shots / "session.png")
        page.keyboard.press("Enter")
        for n, key in enumerate(("g", "s", "g")):
            expect(page.locator(".detail-bar")).to_contain_text(f"{n} of 3 labelled")
            page.keyboard.press(key)  # labels, then moves on to the next unlabelled item
        expect(page.locator("h1")).to_contain_text("Session")  # back on the session page when done
        expect(page.locator("main")).to_contain_text("3 of 3 labelled")
        expect(page.locator("main")).to_contain_text("all done")
        page.close()
    labels = read_audits(uri, include_skips=True)
    assert sorted(labels["label"].to_pylist()) == ["keep", "keep", "skip"]
    assert len(set(labels["session"].to_pylist())) == 1 and set(labels["auditor"].to_pylist()) == {"cy"}
    assert not errors, errors


def test_token_form_in_the_browser(browser, dataset, shots):
    errors: list[str] = []
    with LiveServer(create_app([dataset[0]], token="tok-123", use_disk_cache=False)) as server:
        page = open_page(browser, errors)
        response = page.goto(f"{server.url}/")
        assert response.status == 401
        page.fill("input[name=token]", "wrong")
        page.click("button[type=submit]")
        expect(page.locator(".err")).to_have_text("wrong token")
        page.fill("input[name=token]", "tok-123")
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("dash")
        page.screenshot(path=shots / "after-token.png")
        page.close()
    assert not errors, errors
