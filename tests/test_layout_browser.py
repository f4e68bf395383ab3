"""What a phone, a zoomed window or a keyboard visitor meets: nothing covers a control, the exit covers
nothing, what stays fixed is small, and the focused element is never hidden (WCAG 1.4.10, 2.4.11).

Sizes: the smallest the site supports (320x256: a 1280x1024 screen at 400% zoom), narrow phones held
upright (320, 360 and 390 px wide) and sideways, 200% zoom of a 1280x800 window, and a desktop; the
header is also checked at every width from 320 px up. Each in English and in Spanish, whose header
words are longer.
"""

from __future__ import annotations

import pytest
from conftest import Recorder, new_page, open_app, page_url
from playwright.sync_api import expect

from core.content.navigation import ROUTES

pytestmark = pytest.mark.browser

SIZES = [(320, 256), (320, 568), (360, 740), (390, 844), (844, 390), (640, 400), (1280, 800)]
LANGS = ["en", "es"]
FIXED_SHARE = 0.15
"""What stays on screen while the page scrolls takes at most this share of the window's height."""

CONTROLS = """a[href], button, input, select, textarea, summary, [role="button"], [role="tab"], [role="checkbox"],
  [role="switch"], [role="combobox"], [tabindex]:not([tabindex="-1"]):not([data-testid="stMain"])"""
"""What a visitor can tap or Tab to (Streamlit's scrolling main area, focusable for keyboard scrolling, aside)."""

HEADER = 'header[data-testid="stHeader"], .quick-exit'
"""What stays at the top of every page: Streamlit's header (the menu buttons) and the exit with "Help now"."""

GRID_STEP = 4
"""CSS px between the points checked over each control's box."""
EDGE = 2
"""CSS px between a control's edge and the outermost points checked."""
CORNER = 6
"""CSS px from two edges of a control within which its container's rounded corner may clip it."""

# Every visible control with a point of its box that is not the control itself (something covers it
# there), and whether the exit's box overlaps another control's box. Each box of the control (an inline
# link that wraps has one per line) is checked on a grid of points GRID_STEP px apart, edges included,
# EDGE px inside the box (two buttons that share a 1 px border, as Streamlit's segmented control draws
# them, each keep their own side of it); points outside a rounded corner are not the control's at all,
# nor are those in a corner that a rounded container clips (the point then finds the container itself). `scope`
# limits the controls checked to those the visitor can reach at that moment (the open menu and the
# header), or to the whole page.
UNCOVERED = """([controls, scope, step, edge, corner]) => {
  const seen = (el) => {
    const r = el.getBoundingClientRect();
    return r.width >= 4 && r.height >= 4 && el.checkVisibility({ visibilityProperty: true, opacityProperty: true })
      && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  };
  const label = (el) => `${el.tagName} "${(el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 40)}"`;
  const all = [...document.querySelectorAll(controls)].filter(seen);
  const checked = scope ? all.filter((el) => el.closest(scope)) : all;
  const covered = [];
  const outside = [];
  for (const el of checked) {
    // A press on any part of a control's own <label> (a toggle's track, a checkbox's box) reaches the control.
    const ownLabel = el.closest("label");
    const reaches = (hit) => !!hit && (el.contains(hit) || !!ownLabel && ownLabel.contains(hit));
    const style = getComputedStyle(el);
    const radius = Math.max(...["TopLeft", "TopRight", "BottomLeft", "BottomRight"]
      .map((corner) => parseFloat(style[`border${corner}Radius`]) || 0));
    const under = new Map();
    let points = 0;
    for (const r of el.getClientRects()) {
      if (r.left < 0 || r.right > innerWidth) outside.push(`${label(el)} from x=${Math.round(r.left)} to ${Math.round(r.right)}`);
      const left = Math.max(r.left + edge, 0), right = Math.min(r.right - edge, innerWidth - 1);
      const top = Math.max(r.top + edge, 0), bottom = Math.min(r.bottom - edge, innerHeight - 1);
      const xs = [], ys = [];
      for (let x = left; x < right; x += step) xs.push(x);
      for (let y = top; y < bottom; y += step) ys.push(y);
      xs.push(right); ys.push(bottom);
      for (const x of xs) for (const y of ys) {
        const cx = Math.min(Math.max(x, r.left + radius), r.right - radius);
        const cy = Math.min(Math.max(y, r.top + radius), r.bottom - radius);
        if (radius > 1 && (x - cx) ** 2 + (y - cy) ** 2 > (radius - 1) ** 2) continue;
        points += 1;
        const hit = document.elementFromPoint(x, y);
        const inCorner = Math.min(x - r.left, r.right - x) < corner && Math.min(y - r.top, r.bottom - y) < corner;
        if (!reaches(hit) && !(inCorner && hit && hit.contains(el))) {
          const name = hit ? label(hit) : "nothing";
          if (!under.has(name)) under.set(name, []);
          under.get(name).push(`${Math.round(x)},${Math.round(y)}`);
        }
      }
    }
    for (const [name, at] of under) {
      covered.push(`${label(el)}: ${at.length} of ${points} points under ${name} (${at.slice(0, 3).join(" ")}...)`);
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
  return { covered, outside, overlapping, count: checked.length, names: checked.map(label) };
}"""

# True once the boxes of the controls in `scope` (and the menu, which slides in) have stayed where they
# are for three frames running: the window's new size is laid out, Streamlit has re-measured its top
# navigation, and no slide-in is under way. Polled every animation frame.
SETTLED = """([controls, scope, width]) => {
  if (innerWidth !== width) return false;
  const boxes = [...document.querySelectorAll(controls), ...document.querySelectorAll('[data-testid="stSidebar"]')]
    .filter((el) => !scope || el.closest(scope) || el.dataset.testid === "stSidebar")
    .map((el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height].map(Math.round).join(","); })
    .join(";");
  const last = window.layoutSettled;
  window.layoutSettled = { boxes, frames: last && last.boxes === boxes ? last.frames + 1 : 0 };
  return window.layoutSettled.frames >= 3;
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


def settle(page, scope: str | None = None) -> None:
    """Wait until the controls in `scope` (all of them if None) and the menu have stopped moving."""
    page.evaluate("() => { window.layoutSettled = null; }")
    page.wait_for_function(SETTLED, arg=[CONTROLS, scope, page.viewport_size["width"]], polling="raf")


def open_at(browser, app_server, size: tuple[int, int], path: str, lang: str = "en"):
    width, height = size
    page = new_page(browser, Recorder(), viewport={"width": width, "height": height}, has_touch=width < 640)
    open_app(page, page_url(app_server.url, path) + ("" if lang == "en" else f"?lang={lang}"))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator(".quick-exit-button")).to_be_visible(timeout=20_000)
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


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("menu", ["closed", "open"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("path", ["", "directory"], ids=["home", "directory"])
def test_nothing_covers_a_control_and_the_exit_covers_nothing(app_server, browser, size, menu, path, lang) -> None:
    page = open_at(browser, app_server, size, path, lang)
    scope = None
    if menu == "open":
        opened = open_menu(page)
        scope = f"{opened}, {HEADER}"
    settle(page, scope)
    found = page.evaluate(UNCOVERED, [CONTROLS, scope, GRID_STEP, EDGE, CORNER])
    assert found["count"] >= 3
    assert found["covered"] == [], f"controls covered at {size} in {lang}, menu {menu}: {found['covered']}"
    assert found["overlapping"] == [], f"the exit overlaps {found['overlapping']} at {size} in {lang}, menu {menu}"
    page.context.close()


HEADER_WIDTHS = [*range(320, 720, 6), *range(720, 1300, 30)]
"""Widths a phone or a zoomed window may have, from the narrowest the site supports: every 6 px where
the header changes most (a phone's menu button, the exit's smaller sizes), every 30 px beyond. The faults
this found spanned tens of pixels (Spanish "Ayuda ahora" over the menu button from 320 to about 470 px,
"Help now" over the last menu link from 800 to 1210 px), so the steps find them and keep the suite short."""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("height", [256, 800])
def test_no_header_control_covers_another_at_any_width(app_server, browser, lang, height) -> None:
    # The exit, "Help now" and Streamlit's menu buttons share one row whose room depends on the width
    # and on the language (Spanish words are longer): each must be whole, in the window and uncovered.
    page = open_at(browser, app_server, (320, height), "", lang)
    problems = []
    for width in HEADER_WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        settle(page, HEADER)
        found = page.evaluate(UNCOVERED, [CONTROLS, HEADER, GRID_STEP, EDGE, CORNER])
        shown = " ".join(found["names"])
        missing = [name for name in (".quick-exit-button", ".help-now-link") if not page.locator(name).is_visible()]
        if found["covered"] or found["outside"] or found["overlapping"] or missing or found["count"] < 3:
            problems.append(f"{width}x{height}: {found['covered'] + found['outside'] + found['overlapping'] + missing} ({shown})")
    assert problems == [], f"{len(problems)} widths in {lang}: " + "\n".join(problems[:15])
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_what_stays_fixed_takes_at_most_15_percent_of_the_window(app_server, browser, size, lang) -> None:
    width, height = size
    page = open_at(browser, app_server, size, "what-to-do", lang)
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
    from core.views.site import load_site

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
