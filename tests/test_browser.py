"""The real site in headless Chromium: every page, its crisis links, its requests and its console."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import foreign_requests, open_app, page_url
from dial_forms import badly_formed, expected_call, expected_text

from core.navigation import ROUTES
from core.site import load_site

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT)
STRIP_HREFS = [
    href
    for hotline in SITE["hotlines"].value.crisis_strip
    for line in hotline.phones
    for href in (
        expected_call(line.number) if line.number else None,
        expected_text(line.text_to, line.text_word) if line.text_to and line.text_to != line.number else None,
    )
    if href
]


def heading_of(route) -> str:
    if route.from_article:
        return SITE.article(route.path).value.meta.title
    return SITE["strings"].value(f"nav.{route.path}")


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.path)
def test_every_page_renders_with_crisis_links_and_stays_on_its_origin(app_server, browser_page, recorder, route) -> None:
    page = browser_page
    open_app(page, page_url(app_server.url, route.path))
    assert page.locator("h1").first.inner_text().strip() != ""
    assert heading_of(route) in page.locator("h1").all_inner_texts()[0] or heading_of(route) in page.inner_text("body")
    strip = page.locator("nav.crisis-strip")
    assert strip.count() == 1
    hrefs = strip.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == STRIP_HREFS
    every_dial_link = page.locator("a[href^='tel:'], a[href^='sms:']").evaluate_all("a => a.map(x => x.getAttribute('href'))")
    assert list(badly_formed(every_dial_link)) == []
    assert recorder.console_errors == []
    assert recorder.page_errors == []
    assert foreign_requests(recorder.requests, app_server.url) == []
    assert "Traceback" not in page.inner_text("body")


def test_the_home_page_reads_on_a_360_pixel_phone(app_server, phone_page, recorder) -> None:
    open_app(phone_page, app_server.url)
    assert phone_page.locator("nav.crisis-strip a").first.is_visible()
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert phone_page.locator("h1").first.bounding_box()["width"] <= 360


def test_the_crisis_strip_stays_visible_while_scrolling(app_server, browser_page) -> None:
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 600})
    open_app(page, f"{app_server.url}/what-to-do")
    page.mouse.move(640, 400)
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(500)
    box = page.locator("nav.crisis-strip").bounding_box()
    assert box is not None
    assert 0 <= box["y"] < 600


def test_a_broken_file_breaks_only_its_own_page(project_copy, server_for, browser) -> None:
    from conftest import Recorder, new_page

    signs = project_copy / "content" / "en" / "warning_signs.yaml"
    signs.write_text(
        signs.read_text(encoding="utf-8").replace("  - category: debt\n", "  - category: debt\n  oops\n", 1), encoding="utf-8"
    )
    checked = subprocess.run(
        [sys.executable, "-m", "core.check", str(project_copy)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert checked.returncode == 1
    assert checked.stdout.startswith("content/en/warning_signs.yaml:")
    server = server_for(project_copy)
    recorder = Recorder()
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 900})
    open_app(page, f"{server.url}/warning-signs")
    body = page.inner_text("body")
    assert "This part of the site cannot be shown right now." in body
    assert "content/en/warning_signs.yaml, line" in body
    assert "Traceback" not in body
    for path in ("what-is-csec", "what-to-do"):
        open_app(page, page_url(server.url, path))
        assert "cannot be shown" not in page.inner_text("body")
        assert page.locator("nav.crisis-strip a").count() == len(STRIP_HREFS)
    page.context.close()
