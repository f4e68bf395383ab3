"""Privacy and headers in real Chromium: every page, used the way a visitor would, talks only to its own origin.

Each page is opened, searched, filtered, expanded and downloaded from. Then: every request went to
the app's own origin, no cookie but Streamlit's own (and none that outlives the browser session),
the security headers are on every response, no Content-Security-Policy violation was logged, the
outbound links carry rel="noopener noreferrer", and the server log holds nothing the visitor typed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import streamlit
from conftest import CHROMIUM, CHROMIUM_ARGS, Recorder, foreign_requests, new_page, open_app, page_url, wait_until_idle
from playwright.sync_api import expect
from streamlit.web.server.starlette.starlette_server_config import SESSION_COOKIE_NAME, XSRF_COOKIE_NAME

from core.content.navigation import ROUTES
from core.web.security import FRAME_ANCESTORS_VARIABLE, inline_scripts, load_policy

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
SHOWN = [route for route in ROUTES if (ROOT / route.script).exists()]
"""The pages dashboard.py puts in its navigation (ui.navigation_pages: every route whose script exists)."""
STREAMLIT_COOKIES = {XSRF_COOKIE_NAME, SESSION_COOKIE_NAME}
PROBE = "zqprivacyprobe"
"""What the test types into search boxes; the server must not write it anywhere."""
POLICY = load_policy(
    os.environ, trusted_scripts=inline_scripts((Path(streamlit.__file__).parent / "static" / "index.html").read_text())
)
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) =>
  console.error("CSP-VIOLATION " + e.violatedDirective + " " + e.blockedURI + " " + (e.sample || "")));
"""
MAX_PER_KIND = 4
"""How many widgets of each kind the test uses on a page (every one of them, on today's pages)."""


def use_every_control(page, downloads_dir: Path) -> dict[str, int]:
    """Search, filter, expand, switch tabs and download, the way a visitor would; count what was used."""
    used = dict.fromkeys(("search", "select", "toggle", "choice", "expander", "tab", "download"), 0)
    for box in page.locator('[data-testid="stTextInput"] input').all()[:MAX_PER_KIND]:
        box.fill(PROBE)
        box.press("Enter")
        wait_until_idle(page)
        box.fill("")
        box.press("Enter")
        wait_until_idle(page)
        used["search"] += 1
    for index in range(min(page.locator('[data-testid="stSelectbox"]').count(), MAX_PER_KIND)):
        page.locator('[data-testid="stSelectbox"]').nth(index).locator("input").click()
        page.keyboard.press("ArrowDown")  # opens the list of choices
        page.get_by_role("option").first.click()
        wait_until_idle(page)
        used["select"] += 1
    for switch in page.locator('[data-testid="stCheckbox"] label').all()[:MAX_PER_KIND]:
        switch.click()
        wait_until_idle(page)
        used["toggle"] += 1
    for group_index in range(min(page.locator('[data-testid="stButtonGroup"]').count(), MAX_PER_KIND)):
        buttons = page.locator('[data-testid="stButtonGroup"]').nth(group_index).locator("button")
        buttons.nth(buttons.count() - 1).click()
        wait_until_idle(page)
        used["choice"] += 1
    closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
    while closed.count() and used["expander"] < MAX_PER_KIND:
        closed.first.click()
        used["expander"] += 1
    for tab in page.get_by_role("tab").all()[:MAX_PER_KIND]:
        tab.click()
        used["tab"] += 1
    buttons = [button for button in page.locator('[data-testid="stDownloadButton"] button').all() if button.is_visible()]
    for button in buttons[:MAX_PER_KIND]:
        with page.expect_download() as download:
            button.click()
        saved = downloads_dir / f"{used['download']}-{download.value.suggested_filename}"
        download.value.save_as(saved)
        assert saved.stat().st_size > 0
        used["download"] += 1
    for chart in page.locator('[data-testid="stVegaLiteChart"]').all()[:MAX_PER_KIND]:
        chart.hover()  # tooltips are drawn in the page
    wait_until_idle(page)
    return used


@pytest.mark.parametrize("route", SHOWN, ids=lambda r: r.name)
def test_a_visitor_using_a_page_talks_only_to_the_site(app_server, browser, tmp_path, route) -> None:
    recorder = Recorder()
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.add_init_script(REPORT_VIOLATIONS)
    responses = []
    page.on("response", lambda response: responses.append(response))
    url = page_url(app_server.url, route.path)
    document = page.goto(url)
    page.wait_for_selector('[data-testid="stMainBlockContainer"]')
    wait_until_idle(page)

    headers = document.headers
    for name, value in POLICY.headers():
        assert headers.get(name.lower()) == value, name
    use_every_control(page, tmp_path)
    open_app(page, page.url)  # the address the controls left behind opens cleanly too

    assert foreign_requests(recorder.requests, app_server.url) == []
    assert [text for kind, text in recorder.console if "CSP-VIOLATION" in text or "Content Security Policy" in text] == []
    assert recorder.console_errors == []
    assert recorder.page_errors == []
    cookies = page.context.cookies()
    assert {cookie["name"] for cookie in cookies} <= STREAMLIT_COOKIES
    assert [c["name"] for c in cookies if c["expires"] != -1] == [], "a cookie outlives the browser session"
    for response in responses:
        if response.url.startswith(app_server.url) and response.status != 101:
            assert response.headers.get("x-content-type-options") == "nosniff", response.url
            assert response.headers.get("referrer-policy") == "no-referrer", response.url
    outbound = page.evaluate(
        """() => Array.from(document.querySelectorAll('a[href^="http"]'))
            .filter(a => new URL(a.href).origin !== location.origin)
            .map(a => [a.href, (a.getAttribute('rel') || '').split(/\\s+/)])"""
    )
    assert [href for href, rel in outbound if not {"noopener", "noreferrer"} <= set(rel)] == []
    assert PROBE not in app_server.log(), "the server wrote down what a visitor typed"
    page.context.close()


def test_the_pages_together_use_every_kind_of_control(app_server, browser, tmp_path) -> None:
    """The test above is only as good as what it touches: across the site it searches, filters and downloads."""
    totals: dict[str, int] = {}
    recorder = Recorder()
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    for route in SHOWN:
        open_app(page, page_url(app_server.url, route.path))
        for kind, count in use_every_control(page, tmp_path).items():
            totals[kind] = totals.get(kind, 0) + count
    page.context.close()
    for kind in ("search", "select", "download"):
        assert totals[kind] > 0, f"no page offered a {kind} to use"


EMBEDDING_PAGE = '<!doctype html><title>Task force</title><iframe id="dashboard" src="{src}" width="800" height="600"></iframe>'


def embed(browser, origin: str, app_url: str) -> bool:
    """Open a page on `origin` (answered by the test) that frames the dashboard; True if the dashboard loaded in it."""
    page = new_page(browser, Recorder(), viewport={"width": 1000, "height": 700})
    page.context.route(
        f"{origin}/**", lambda route: route.fulfill(content_type="text/html", body=EMBEDDING_PAGE.format(src=app_url + "/"))
    )
    page.goto(f"{origin}/embed")  # returns on the load event, which waits for the frame's own load
    frame = page.locator("#dashboard").element_handle().content_frame()
    loaded = frame.url.startswith(app_url)
    if loaded:
        expect(page.frame_locator("#dashboard").locator('[data-testid="stApp"]')).to_have_count(1)
    else:  # Chromium puts its error page in the place of a document the frame may not show
        assert frame.url.startswith("chrome-error://"), frame.url
    page.context.close()
    return loaded


@pytest.fixture
def browser_between_sites(browser):
    """Chromium that lets a page on a public address frame one on this machine, as two public sites would.

    (Chromium blocks a public page from reaching a local address before frame-ancestors is even asked.)
    """
    other = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"], headless=True
    )
    yield other
    other.close()


def test_other_sites_cannot_frame_the_dashboard_unless_configured(
    app_server, browser_between_sites, project_copy, server_for, monkeypatch
) -> None:
    assert not embed(browser_between_sites, "https://embedder.example", app_server.url)
    monkeypatch.setenv(FRAME_ANCESTORS_VARIABLE, "'self' https://embedder.example")
    allowing = server_for(project_copy)
    assert embed(browser_between_sites, "https://embedder.example", allowing.url)
    assert not embed(browser_between_sites, "https://someone-else.example", allowing.url)
