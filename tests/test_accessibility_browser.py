"""axe-core on every page, in English and in Spanish, at a desktop and a phone size: WCAG 2.0, 2.1 and 2.2
A and AA, and best practice. A Spanish page is checked once it says so (`<html lang="es">`).

The window is made as tall as the page, so that every element is on screen when axe looks at it
(axe cannot judge the contrast of what is scrolled out of view). Streamlit's own chrome is checked
like the site's content: where Streamlit is the cause, assets/site.css or assets/chrome.js works
around it, and says which Streamlit behaviour each workaround answers.

Run this alone with `make a11y`. axe-core is bundled in the axe-playwright-python package: it is
read from disk and injected into the page; the test fails if the page asks any other site for anything.
"""

from __future__ import annotations

import pytest
from conftest import foreign_requests, new_page, open_app, page_url, wait_until_idle
from playwright.sync_api import expect

from core.content.navigation import ROUTES
from core.content.schema import DEFAULT_LANGUAGE, LANGUAGES

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


def scroll_height(page) -> int:
    """The height of the page's content: Streamlit scrolls its main area, not the document."""
    return page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")


def as_tall_as_the_page(page, width: int, height: int) -> None:
    """Grow the window until it holds the whole page (a chart or a wrapped line may grow it once more)."""
    for _ in range(3):
        needed = scroll_height(page)
        if needed <= page.viewport_size["height"]:
            return
        page.set_viewport_size({"width": width, "height": max(height, needed)})
        wait_until_idle(page)


def described(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}" for node in violation["nodes"][:8]]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("lang", LANGUAGES, ids=str)
@pytest.mark.parametrize("size", SIZES, ids=str)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_axe_finds_nothing(app_server, browser, recorder, axe, route, size, lang) -> None:
    width, height = SIZES[size]
    phone = size == "phone"
    page = new_page(browser, recorder, viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
    try:
        query = "" if lang == DEFAULT_LANGUAGE else f"?lang={lang}"
        open_app(page, page_url(app_server.url, route.path) + query)
        expect(page.locator("html")).to_have_attribute("lang", lang)
        as_tall_as_the_page(page, width, height)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
        violations = results.response["violations"]
        assert violations == [], described(violations)
        assert foreign_requests(recorder.requests, app_server.url) == []
    finally:
        page.context.close()
