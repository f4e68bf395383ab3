"""The quick exit in real Chromium: the button, the skip link and Shift three times, from every page.

The neutral site is answered by the test itself (Playwright routing): nothing leaves the machine.
Each exit must use location.replace: the page the exit was used on is no longer in the history,
so Back goes to the page before it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Recorder, new_page, open_app, page_url, wait_until_idle
from playwright.sync_api import expect
from shipped import AGENCIES, SITES

from core.content.navigation import ROUTES
from core.domain.search import words
from core.views.site import load_site

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT)
T = SITE["strings"].value
NEUTRAL = SITE["site"].value.quick_exit_url
SHOWN = [route for route in ROUTES if (ROOT / route.script).exists()]
"""The pages dashboard.py puts in its navigation (ui.navigation_pages: every route whose script exists)."""
PRESS_WINDOW_MS = 1000 * int(re.search(r"each press within (\d+) seconds", SITE.article("safety").value.body)[1])
"""How long the quick exit waits for the next Shift: what the safety page tells visitors."""
WEATHER = "<!doctype html><html><head><title>Weather</title></head><body><h1>Weather</h1></body></html>"


def is_neutral(url: str) -> bool:
    return url.rstrip("/") == NEUTRAL.rstrip("/") or url.startswith(NEUTRAL.rstrip("/") + "/")


def answer_neutral_site(page, requests: list) -> None:
    """Fulfil requests for the neutral site locally, and keep them to inspect."""

    def fulfil(route) -> None:
        requests.append(route.request)
        route.fulfill(status=200, content_type="text/html", body=WEATHER)

    page.context.route(is_neutral, fulfil)


def open_after_another_entry(page, base_url: str, path: str) -> str:
    """Put a known entry in the history, then open the page; return the known entry's address."""
    before = f"{base_url}/_stcore/health"
    page.goto(before)
    open_app(page, page_url(base_url, path))
    return before


def started_leaving(page) -> bool:
    """Whether the quick exit has begun to leave: it marks the page at once, before it asks for the neutral site."""
    return page.evaluate("document.documentElement.hasAttribute('data-quick-exit-used')")


def status(page):
    """The quick exit's status line (what a screen reader hears after each Shift)."""
    return page.locator("[data-quick-exit-status]")


def assert_left_with_replace(page, before: str, history_length: int, requests: list) -> None:
    page.wait_for_url(is_neutral, timeout=10_000)
    assert page.title() == "Weather"
    assert page.evaluate("history.length") == history_length, "the exit added a history entry instead of replacing one"
    assert requests, "the neutral site was not requested"
    assert "referer" not in requests[-1].headers, "the neutral site learned where the visitor came from"
    page.go_back()
    assert page.url == before, "Back returned to the page the exit was used on"


def leave(page, way: str) -> None:
    if way == "button":
        page.get_by_role("link", name=T("safety.exit_button"), exact=True).click()
    elif way == "skip link":
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "quick-exit-skip", "the skip link is not first in the tab order"
        assert page.evaluate("document.activeElement.textContent") == T("safety.exit_skip")
        page.keyboard.press("Enter")
    else:
        page.keyboard.press("Shift")
        expect(status(page)).to_have_text(T("safety.exit_press_two"))
        page.keyboard.press("Shift")
        expect(status(page)).to_have_text(T("safety.exit_press_one"))
        page.keyboard.press("Shift")


@pytest.mark.parametrize("way", ["button", "skip link", "shift three times"])
@pytest.mark.parametrize("route", SHOWN, ids=lambda r: r.name)
def test_each_way_out_replaces_the_page_with_the_neutral_site(app_server, browser_page, recorder, route, way) -> None:
    page, requests = browser_page, []
    answer_neutral_site(page, requests)
    before = open_after_another_entry(page, app_server.url, route.path)
    expect(page.locator("body > :first-child > :first-child")).to_have_id("quick-exit-skip")
    length = page.evaluate("history.length")
    leave(page, way)
    assert_left_with_replace(page, before, length, requests)
    assert recorder.page_errors == []


def test_the_exit_empties_what_the_site_kept_in_the_browser(app_server, browser_page) -> None:
    page, requests = browser_page, []
    answer_neutral_site(page, requests)
    before = open_after_another_entry(page, app_server.url, SHOWN[0].path)
    page.evaluate("sessionStorage.setItem('kept', '1'); localStorage.setItem('kept', '1')")
    leave(page, "button")
    page.wait_for_url(is_neutral)
    page.go_back()  # to the site's own address before the app (the same origin, with no script that stores)
    assert page.url == before
    assert page.evaluate("[sessionStorage.length, localStorage.length]") == [0, 0]


# 100 ms after a click on an exit link, the page reports its own state on the console. The test
# holds back the neutral site's answer, so the old page is still the one loaded at that moment.
REPORT_AFTER_EXIT = """
window.addEventListener("click", (event) => {
  if (!event.target.closest || !event.target.closest("[data-quick-exit-link]")) return;
  setTimeout(() => {
    const status = document.querySelector("[data-quick-exit-status]");
    console.log("EXIT-STATE " + JSON.stringify({display: getComputedStyle(document.body).display,
      height: document.body.getBoundingClientRect().height, status: status && status.textContent, href: location.href}));
  }, 100);
}, true);
"""


def test_the_page_is_hidden_before_the_neutral_site_answers(app_server, browser_page) -> None:
    page, held, reports = browser_page, [], []
    page.on("console", lambda message: message.text.startswith("EXIT-STATE ") and reports.append(message.text))
    page.add_init_script(REPORT_AFTER_EXIT)
    page.context.route(is_neutral, lambda route: held.append(route))  # held: the old page stays loaded
    open_app(page, page_url(app_server.url, SHOWN[0].path))
    box = page.get_by_role("link", name=T("safety.exit_button"), exact=True).bounding_box()
    with page.expect_console_message(lambda message: message.text.startswith("EXIT-STATE ")):
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # does not wait for the navigation
    # The request for the neutral site left before the report (100 ms after the click), and Playwright hands
    # events over in the order they came: the route has been held by now.
    assert held, "the exit did not ask for the neutral site"
    assert len(reports) == 1
    state = json.loads(reports[0].removeprefix("EXIT-STATE "))
    assert state == {
        "display": "none",
        "height": 0,
        "status": T("safety.exit_leaving"),
        "href": page_url(app_server.url, SHOWN[0].path),
    }
    held[0].fulfill(status=200, content_type="text/html", body=WEATHER)
    page.wait_for_url(is_neutral)


def test_shift_with_another_key_does_not_leave(app_server, browser_page) -> None:
    page, requests = browser_page, []
    answer_neutral_site(page, requests)
    open_app(page, page_url(app_server.url, SHOWN[0].path))
    start = page.url
    for _ in range(3):
        page.keyboard.press("Shift+KeyA")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+KeyB")  # a Shift used as a modifier ends the count
    page.keyboard.press("Shift")
    page.keyboard.press("a")  # so does any other key
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    # The script counts in its keyup listener, which has run when a press returns; the status shows the last
    # count, so every key above has been counted, and leaving would have begun (it marks the page at once).
    expect(status(page)).to_have_text(T("safety.exit_press_one"))
    assert not started_leaving(page)
    assert page.url == start
    assert requests == []
    page.keyboard.press("Shift")  # the third Shift in a row still works: the test above could fail
    page.wait_for_url(is_neutral)


def test_capital_letters_typed_in_a_search_box_do_not_leave(app_server, browser_page) -> None:
    page, requests = browser_page, []
    answer_neutral_site(page, requests)
    open_app(page, page_url(app_server.url, "directory"))  # the directory's search box
    boxes = page.locator('[data-testid="stTextInput"] input')
    expect(boxes.first).to_be_editable()
    start = page.url
    boxes.first.click()
    for letter in "CPS":
        page.keyboard.press(f"Shift+Key{letter}")
    expect(boxes.first).to_have_value("CPS")  # every key has reached the page, and the quick exit's listener
    assert not started_leaving(page)
    expect(status(page)).to_have_text("")  # no Shift was counted
    assert page.url.startswith(start)
    assert requests == []


def test_presses_more_than_five_seconds_apart_start_the_count_again(app_server, browser_page) -> None:
    page, requests = browser_page, []
    answer_neutral_site(page, requests)
    page.clock.install()  # the page's timers run on Playwright's clock, which the test moves on by hand
    open_app(page, page_url(app_server.url, SHOWN[0].path))
    page.clock.pause_at(page.evaluate("Date.now()") + 1_000)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    expect(status(page)).to_have_text(T("safety.exit_press_one"))
    page.clock.run_for(PRESS_WINDOW_MS - 1)
    expect(status(page)).to_have_text(T("safety.exit_press_one"))  # still counting just before the window ends
    page.clock.run_for(1)
    expect(status(page)).to_have_text(T("safety.exit_expired"))
    page.keyboard.press("Shift")
    expect(status(page)).to_have_text(T("safety.exit_press_two"))
    assert requests == []
    assert not is_neutral(page.url)


def test_moving_between_pages_adds_no_second_listener(app_server, browser_page) -> None:
    page, requests = browser_page, []
    answer_neutral_site(page, requests)
    assert len(SHOWN) >= 4
    open_app(page, page_url(app_server.url, SHOWN[0].path))
    for route in SHOWN[1:4]:
        page.locator(f'a[href$="/{route.path}"]').first.click()
        page.wait_for_url(f"**/{route.path}")
        page.wait_for_selector(".quick-exit-button")
        wait_until_idle(page)
    expect(page.locator("#quick-exit-skip")).to_have_count(1)
    expect(page.locator("[data-quick-exit]")).to_have_count(1)
    page.keyboard.press("Shift")
    expect(status(page)).to_have_text(T("safety.exit_press_two"))
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(is_neutral)
    assert len(requests) == 1


SEARCH = "https://search.example/results"
"""The page a visitor came from (a search engine's results): answered by the test, like the neutral site."""
SEARCH_PAGE = "<!doctype html><html><head><title>Results</title></head><body><h1>Results</h1></body></html>"


def menu_to(page, path: str) -> None:
    """Follow the menu's link to a page and wait until it is drawn."""
    page.locator(f'a[data-testid=stTopNavLink][href*="/{path}"]').first.click()
    page.wait_for_url(lambda url: url.split("?")[0].endswith(f"/{path}"))
    wait_until_idle(page)


@pytest.mark.parametrize("way", ["button", "shift three times"])
@pytest.mark.parametrize("lang", list(SITES))
def test_after_a_walk_through_the_site_back_shows_no_page_of_it(app_server, browser_page, recorder, lang, way) -> None:
    # Every page change, search and topic choice used to add an entry to the tab's history, and the
    # exit replaces only the last one: Back from the neutral page then showed the page before it.
    page, requests = browser_page, []
    t = SITES[lang]["strings"].value
    answer_neutral_site(page, requests)
    page.context.route(
        lambda url: url.startswith(SEARCH), lambda route: route.fulfill(content_type="text/html", body=SEARCH_PAGE)
    )
    page.goto(SEARCH)
    open_app(page, f"{app_server.url}/?lang={lang}")
    arrived = page.evaluate("history.length")
    articles = [route for route in SHOWN if route.from_article]
    menu_to(page, articles[0].path)  # by the menu
    page.locator('[data-testid="stMain"] [data-testid="stPageLink-NavLink"]').first.click()  # by a link in the text
    page.wait_for_url(lambda url: f"/{articles[0].path}" not in url)
    wait_until_idle(page)
    page.get_by_role("link", name=t("safety.exit_help"), exact=True).click()  # a link within the page
    page.get_by_role("link", name=t("safety.exit_main"), exact=True).focus()
    page.keyboard.press("Enter")  # "Skip to main content": a #fragment the browser follows itself
    expect(page).to_have_url(re.compile("#stMain$"))
    menu_to(page, "directory")
    search = page.get_by_role("searchbox", name=t("directory.search_label"))
    search.fill(words(AGENCIES[0].name.en)[0])
    page.wait_for_url(lambda url: "directory_q=" in url)
    wait_until_idle(page)
    menu_to(page, "statistics")
    topic = SITES[lang]["statistics"].value.data.topics()[-1]
    page.get_by_role("radio", name=t(f"stats.topic.{topic}")).click()
    page.wait_for_url(lambda url: f"topic={topic}" in url)
    wait_until_idle(page)
    assert page.evaluate("history.length") == arrived, "a step of the walk added an entry to the tab's history"
    if way == "button":
        page.get_by_role("link", name=t("safety.exit_button"), exact=True).click()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(is_neutral)
    page.go_back()
    expect(page).to_have_url(SEARCH)
    expect(page).to_have_title("Results")
    assert recorder.page_errors == []


@pytest.mark.parametrize("route", SHOWN, ids=lambda r: r.name)
def test_the_button_is_at_the_top_and_uncovered_on_a_phone(app_server, phone_page, route) -> None:
    page = phone_page
    open_app(page, page_url(app_server.url, route.path))
    button = page.get_by_role("link", name=T("safety.exit_button"), exact=True)
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= 64, "the button is not at the top of the screen"
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 360
    on_top = page.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y)?.closest('.quick-exit-button')",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert on_top, "something covers the button"
    heading_y = page.locator("h1").bounding_box()["y"]
    page.mouse.move(180, 400)
    page.mouse.wheel(0, 2000)
    page.wait_for_function("y => document.querySelector('h1').getBoundingClientRect().y < y", arg=heading_y)  # it scrolled
    assert button.bounding_box()["y"] == box["y"], "the button scrolls away"
    page.keyboard.press("Tab")  # a phone with a keyboard, or a screen reader's next-item gesture
    assert page.evaluate("document.activeElement.id") == "quick-exit-skip"
    expect(page.locator("#quick-exit-skip")).to_be_visible()  # the focused skip link is shown


@pytest.mark.parametrize("route", SHOWN, ids=lambda r: r.name)
def test_the_first_visit_after_the_server_starts_gets_the_whole_page(server_for, browser, route) -> None:
    # Streamlit treats a pages/ folder beside its entry script as old-style pages until the first
    # st.navigation call of the process: the first visit to /safety then got pages/safety.py alone
    # (no quick exit, no crisis strip), and to /what-to-do a "Page not found" dialog. The entry
    # script has a folder of its own (entry/), so each address is checked as a fresh server's first visit.
    server = server_for(ROOT)
    page = new_page(browser, Recorder(), viewport={"width": 1280, "height": 900})
    open_app(page, page_url(server.url, route.path))
    expect(page.locator(".quick-exit-button")).to_have_count(1)
    expect(page.locator("nav.crisis-strip")).to_have_count(1)
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert page.url == page_url(server.url, route.path)
    page.context.close()
