"""`make preview` in Chromium: an editor saves a file, and the open page reloads by itself and names the problem
on its line; once the file is fixed, the box says the check finds nothing. The page is never reloaded by hand."""

from __future__ import annotations

import pytest
from conftest import Recorder, new_page, open_app, wait_until_idle
from playwright.sync_api import expect

from core.content.text import load_strings
from ui.preview import PREVIEW_VARIABLE

pytestmark = pytest.mark.browser

T = load_strings(lang="en")
BOX = ".st-key-preview_box"


def test_a_saved_mistake_shows_on_the_open_page_and_goes_when_fixed(project_copy, server_for, browser) -> None:
    server = server_for(project_copy, {PREVIEW_VARIABLE: "1"})
    page = new_page(browser, Recorder(), viewport={"width": 1280, "height": 900})
    open_app(page, f"{server.url}/what-to-do")
    box = page.locator(BOX)
    expect(box).to_contain_text(T("frame.preview_clean"))

    path = project_copy / "data" / "hotlines.yaml"
    shipped = path.read_text(encoding="utf-8")
    lines = shipped.splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.lstrip().startswith("purpose: "))
    indent, value = lines[index].rstrip("\n").split("purpose: ", 1)
    lines[index] = f"{indent}purpose:{value}\n"
    path.write_text("".join(lines), encoding="utf-8")

    expect(box).to_contain_text(T("frame.preview_problems", count=1))
    expect(box).to_contain_text(
        f'data/hotlines.yaml:{index + 1}: line {index + 1} needs a space after the colon: write "purpose: {value}"'
    )
    expect(page.locator("body")).to_contain_text(T("frame.strip_unavailable"))  # what a broken file does to the page

    path.write_text(shipped, encoding="utf-8")
    expect(box).to_contain_text(T("frame.preview_clean"))
    page.context.close()


def test_the_served_site_never_shows_the_box(app_server, browser) -> None:
    page = new_page(browser, Recorder(), viewport={"width": 1280, "height": 900})
    open_app(page, f"{app_server.url}/what-to-do")
    expect(page.locator("nav.crisis-strip a").first).to_be_visible()
    wait_until_idle(page)
    expect(page.locator(BOX)).to_have_count(0)
    page.context.close()
