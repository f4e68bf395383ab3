"""Junk in the address bar: unknown topics, a 10,000-character search, markup, values no widget accepts.

Every page must then render as it does with a clean address (the same widget values, a search
box holding at most what was typed into the URL), with no exception and no error on the page.
The widget keys tried are read from each page itself, so pages added later are covered too.
"""

from __future__ import annotations

import contextlib
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from conftest import ENTRY, open_app, page_script, page_url
from playwright.sync_api import expect
from streamlit.testing.v1 import AppTest

from core.content.navigation import ROUTES

ROOT = Path(__file__).resolve().parent.parent
SHOWN = [route for route in ROUTES if (ROOT / route.script).exists()]
"""The pages dashboard.py puts in its navigation (ui.navigation_pages: every route whose script exists)."""
LONG_Q = ("zq<b>é</b> " * 1000)[:10_000]
MARKUP = "<script>alert('INJECTED-query')</script><img src=x onerror=alert(1)>"
SHORT_NAMES = ("q", "topic", "lang", "kind", "city", "language", "open24", "page", "embed")
"""Parameters a shared link may carry (and some it should not), tried on every page."""
TEXT_WIDGETS = ("TextInput", "TextArea")


def run(route, query: dict[str, str]) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=30)
    app.run()
    if route.script != ROUTES[0].script:
        app.switch_page(page_script(route.script))
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    return app


def widgets(node: Any) -> dict[str, tuple[str, Any]]:
    """Every widget with a key under `node`: key -> (kind, value)."""
    found = {}
    key = getattr(node, "key", None)
    if key and hasattr(node, "value") and not key.startswith("$$"):
        with contextlib.suppress(AttributeError, ValueError, TypeError):
            found[key] = (type(node).__name__, node.value)
    children = getattr(node, "children", None)
    for child in children.values() if isinstance(children, dict) else children or ():
        found.update(widgets(child))
    return found


CLEAN = {}
WITH_WIDGETS = ("directory", "statistics")
"""Pages known to have widgets bound to the address: the walk below must find them."""


def clean_widgets(route) -> dict[str, tuple[str, Any]]:
    if route.path not in CLEAN:
        app = run(route, {})
        assert not app.exception
        CLEAN[route.path] = widgets(app._tree)
    return CLEAN[route.path]


def junk_cases(route) -> dict[str, dict[str, str]]:
    keys = sorted(clean_widgets(route))
    names = [*SHORT_NAMES, *keys]
    return {
        "unknown topic": {"topic": "no-such-topic"},
        "10,000-character q": {"q": LONG_Q},
        "markup everywhere": dict.fromkeys(names, MARKUP),
        "nonsense in every widget": dict.fromkeys(names, "nonsense-value-42"),
        "10,000 characters everywhere": dict.fromkeys(names, LONG_Q),
        "empty values": dict.fromkeys(names, ""),
        "unknown language": {"lang": "xx"},
        "numbers and booleans": {**dict.fromkeys(names, "-1"), "open24": "maybe"},
    }


CASES = ["unknown topic", "10,000-character q", "markup everywhere", "nonsense in every widget"]
CASES += ["10,000 characters everywhere", "empty values", "unknown language", "numbers and booleans"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("route", SHOWN, ids=lambda r: r.name)
def test_junk_query_parameters_render_the_page_with_its_defaults(route, case) -> None:
    query = junk_cases(route)[case]
    app = run(route, query)
    assert not app.exception, [e.message for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    assert app.title, "the page has no title"
    clean = clean_widgets(route)
    shown = widgets(app._tree)
    assert set(shown) == set(clean), "the page shows other widgets than with a clean address"
    assert route.path not in WITH_WIDGETS or clean, "the walk over the page found none of its widgets"
    for key, (kind, value) in shown.items():
        if kind in TEXT_WIDGETS:
            typed = {v for k, v in query.items() if k == key or key.endswith(f"_{k}")}
            assert value in {clean[key][1], *typed}, key
        else:
            assert value == clean[key][1], f"{key} took {value!r} from the address"


@pytest.mark.browser
@pytest.mark.parametrize("route", SHOWN, ids=lambda r: r.name)
def test_junk_in_a_real_address_bar(app_server, browser_page, recorder, route) -> None:
    page = browser_page
    page.add_init_script("window.alert = (m) => console.log('INJECTED-dialog ' + m);")
    page.on("dialog", lambda dialog: (recorder.console.append(("dialog", "INJECTED " + dialog.message)), dialog.dismiss()))
    query = dict.fromkeys(SHORT_NAMES, MARKUP) | {"q": LONG_Q}
    open_app(page, page_url(app_server.url, route.path) + "?" + urllib.parse.urlencode(query))
    expect(page.locator(".quick-exit-button")).to_have_count(1)
    expect(page.locator("h1").first).not_to_be_empty()
    body = page.inner_text("body")
    assert "Traceback" not in body
    assert "cannot be shown right now" not in body
    assert page.locator("img[src='x']").count() == 0
    assert [text for _, text in recorder.console if "INJECTED" in text] == []
    assert recorder.console_errors == []
    assert recorder.page_errors == []
