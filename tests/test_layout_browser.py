"""What a phone, a zoomed window or a keyboard visitor meets: nothing covers a control, the exit covers
nothing, what stays fixed is small, and the focused element is never hidden (WCAG 1.4.10, 2.4.11).

Sizes: the smallest the site supports (320x256: a 1280x1024 screen at 400% zoom), a phone held
upright and sideways, 200% zoom of a 1280x800 window, and a desktop.
"""

from __future__ import annotations

import pytest
from conftest import Recorder, new_page, open_app, page_url
from playwright.sync_api import expect

from core.navigation import ROUTES

pytestmark = pytest.mark.browser

SIZES = [(320, 256), (390, 844), (844, 390), (640, 400), (1280, 800)]
FIXED_SHARE = 0.15
"""What stays on screen while the page scrolls takes at most this share of the window's height."""

CONTROLS = """a[href], button, input, select, textarea, summary, [role="button"], [role="tab"], [role="checkbox"],
  [role="switch"], [role="combobox"], [tabindex]:not([tabindex="-1"]):not([data-testid="stMain"])"""
"""What a visitor can tap or Tab to (Streamlit's scrolling main area, focusable for keyboard scrolling, aside)."""

# Every visible control whose centre point is not the control itself (something covers it), and
# whether the exit's box overlaps another control's box. `scope` limits the controls checked to those
# the visitor can reach at that moment (the open menu and the header), or to the whole page.
UNCOVERED = """([controls, scope]) => {
  const seen = (el) => {
    const r = el.getBoundingClientRect();
    return r.width >= 4 && r.height >= 4 && el.checkVisibility({ visibilityProperty: true, opacityProperty: true })
      && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  };
  const label = (el) => `${el.tagName} "${(el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 40)}"`;
  const all = [...document.querySelectorAll(controls)].filter(seen);
  const checked = scope ? all.filter((el) => el.closest(scope)) : all;
  const covered = [];
  for (const el of checked) {
    const r = el.getBoundingClientRect();
    const x = Math.min(Math.max((r.left + r.right) / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max((r.top + r.bottom) / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    // A press on any part of a control's own <label> (a toggle's track, a checkbox's box) reaches the control.
    const ownLabel = el.closest("label");
    if (!hit || !(el.contains(hit) || hit.contains(el) && hit.closest("label") === ownLabel || ownLabel && ownLabel.contains(hit))) {
      covered.push(`${label(el)} at ${Math.round(x)},${Math.round(y)} is under ${hit ? label(hit) : "nothing"}`);
    }
  }
  const exit = document.querySelector(".quick-exit-button").getBoundingClientRect();
  const overlapping = all
    .filter((el) => !el.closest(".quick-exit-button"))
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.left < exit.right && exit.left < r.right && r.top < exit.bottom && exit.top < r.bottom;
    })
    .map(label);
  return { covered, overlapping, count: checked.length };
}"""

FIXED_BOTTOM = """() => {
  const kept = [document.querySelector('header[data-testid="stHeader"]'), ...document.querySelectorAll("body *")]
    .filter((el) => el && ["fixed", "sticky"].includes(getComputedStyle(el).position) || el?.dataset?.testid === "stHeader")
    .filter((el) => el.checkVisibility());
  let bottom = 0;
  for (const el of kept) {
    const r = el.getBoundingClientRect();
    if (r.width > 1 && r.height > 1 && r.top < innerHeight / 2) bottom = Math.max(bottom, r.bottom);
  }
  return bottom;
}"""


def open_at(browser, app_server, size: tuple[int, int], path: str):
    width, height = size
    page = new_page(browser, Recorder(), viewport={"width": width, "height": height}, has_touch=width < 640)
    open_app(page, page_url(app_server.url, path))
    expect(page.locator(".quick-exit-button")).to_be_visible()
    return page


def open_menu(page) -> str:
    """Open the page list as the visitor would: the phone menu, or the top navigation's overflow,
    or else Streamlit's own menu. Returns a selector for what opened."""
    phone_menu = page.locator('[data-testid="stExpandSidebarButton"]')
    more = page.locator('[data-testid="stTopNavSection"]')
    if phone_menu.is_visible():
        phone_menu.click()
        expect(page.locator('[data-testid="stSidebar"]')).to_have_attribute("data-collapsed", "false")
        expect(page.locator('[data-testid="stSidebarCollapseButton"] button')).to_be_in_viewport()
        return '[data-testid="stSidebar"]'
    if more.count() and more.first.is_visible():
        more.first.click()
        expect(page.locator('[data-testid="stTopNavPopover"]')).to_be_visible()
        return '[data-testid="stTopNavPopover"]'
    page.locator('[data-testid="stMainMenuButton"]').click()
    expect(page.locator('[data-testid="stMainMenuPopover"]')).to_be_visible()
    return '[data-testid="stMainMenuPopover"]'


@pytest.mark.parametrize("menu", ["closed", "open"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("path", ["", "directory"], ids=["home", "directory"])
def test_nothing_covers_a_control_and_the_exit_covers_nothing(app_server, browser, size, menu, path) -> None:
    page = open_at(browser, app_server, size, path)
    scope = None
    if menu == "open":
        opened = open_menu(page)
        scope = f'{opened}, header[data-testid="stHeader"], .quick-exit'
    page.wait_for_timeout(400)  # let the menu's slide-in animation end before reading positions
    found = page.evaluate(UNCOVERED, [CONTROLS, scope])
    assert found["count"] >= 3
    assert found["covered"] == [], f"controls covered at {size}, menu {menu}: {found['covered']}"
    assert found["overlapping"] == [], f"the exit overlaps {found['overlapping']} at {size}, menu {menu}"
    page.context.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_what_stays_fixed_takes_at_most_15_percent_of_the_window(app_server, browser, size) -> None:
    width, height = size
    page = open_at(browser, app_server, size, "what-to-do")
    page.mouse.move(width / 2, height - 10)
    page.mouse.wheel(0, 2000)
    expect(page.locator("nav.crisis-strip")).not_to_be_in_viewport()
    bottom = page.evaluate(FIXED_BOTTOM)
    assert 0 < bottom <= FIXED_SHARE * height, f"{bottom:.0f} px of {height} stay fixed ({bottom / height:.0%})"
    page.context.close()


# After each Tab, the focused element must come into view with its centre uncovered (the header
# must not hide it). The browser scrolls it into view; the wait allows for a smooth scroll.
FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return true;
  const r = el.getBoundingClientRect();
  if (r.width < 2 || r.height < 2) return false;
  const x = Math.min(Math.max((r.left + r.right) / 2, 0), innerWidth - 1);
  const y = (r.top + r.bottom) / 2;
  if (y < 0 || y >= innerHeight) return false;
  const hit = document.elementFromPoint(x, y);
  return !!hit && (el.contains(hit) || hit.contains(el));
}"""
DESCRIBE_FOCUS = """() => { const el = document.activeElement; const r = el.getBoundingClientRect();
  return `${el.tagName} "${(el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 50)}" at ${Math.round(r.top)}`; }"""


@pytest.mark.parametrize("direction", ["Tab", "Shift+Tab"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_tabbing_through_a_phone_page_never_hides_the_focused_element(app_server, browser, route, direction) -> None:
    page = open_at(browser, app_server, (390, 844), route.path)
    if direction == "Shift+Tab":  # from the end of the page backwards, as the audit did on /directory
        page.evaluate(
            """(controls) => [...document.querySelectorAll(controls)].filter((el) => el.checkVisibility()
                 && el.closest('[data-testid="stMain"]')).at(-1).focus()""",
            CONTROLS,
        )
    hidden, stops = [], 0
    while stops < 500:
        page.keyboard.press(direction)
        stops += 1
        # Each focused element is marked; the walk ends when it comes back to one it has seen.
        again = page.evaluate(
            """() => { const el = document.activeElement; if (el === document.body) return false;
                 if (el.dataset.tabSeen) return true; el.dataset.tabSeen = "1"; return false; }"""
        )
        if again is True:
            break
        try:
            page.wait_for_function(FOCUS_SHOWN, timeout=2_000)
        except Exception:  # the condition never held: report the element
            hidden.append(page.evaluate(DESCRIBE_FOCUS))
    assert stops > 5
    assert hidden == [], f"{len(hidden)} focused elements hidden on /{route.path}: {hidden[:10]}"
    page.context.close()


def test_the_directory_announces_its_result_count_and_no_match_politely(app_server, browser) -> None:
    from core.site import load_site

    t = load_site(app_server.root)["strings"].value
    total = len(load_site(app_server.root)["directory"].value.agencies)
    page = open_at(browser, app_server, (390, 844), "directory")
    region = page.locator('[role="status"][aria-live="polite"]', has_text=t("directory.count", shown=total, total=total))
    expect(region).to_have_count(1)
    expect(region).to_have_attribute("aria-atomic", "true")
    region.evaluate("el => { el.dataset.first = 'yes'; }")  # a live region must stay the same element
    page.get_by_label(t("directory.search_label")).fill("zzqvx")
    nothing = t("directory.count", shown=0, total=total)
    expect(page.locator('[role="status"][data-first="yes"]')).to_contain_text(nothing)
    expect(page.locator('[role="status"][data-first="yes"]')).to_contain_text(t("directory.empty", query="zzqvx"))


# Where what a visitor came for starts on a phone, in CSS px from the top of the page.
TOP_OF = """(selector) => { const main = document.querySelector('[data-testid="stMain"]');
  return document.querySelector(selector).getBoundingClientRect().top + main.scrollTop; }"""


@pytest.mark.parametrize(
    ("path", "selector"),
    [("directory", 'input[type="search"]'), ("statistics", '[class*="st-key-cards2_figures_"] strong')],
    ids=["directory search box", "first figure of a topic"],
)
def test_what_a_phone_visitor_came_for_is_within_the_first_two_screens(app_server, browser, path, selector) -> None:
    page = open_at(browser, app_server, (390, 844), path)
    expect(page.locator(selector).first).to_be_attached()
    top = page.evaluate(TOP_OF, selector)
    assert top < 2 * 844, f"{selector} on /{path} starts {top:.0f} px down ({top / 844:.1f} screens)"
