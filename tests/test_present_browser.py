"""The presenter view in headless Chromium: every slide fits a projector, the clicker moves it, notes on request, the QR code decodes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import Recorder, copy_project, foreign_requests, new_page, open_app, wait_until_idle
from playwright.sync_api import expect
from shipped import SITES, SLIDES

pytestmark = pytest.mark.browser
SITE = SITES["en"]
T = SITE["strings"].value
DECKS = SLIDES["en"]
PROJECTORS = [(1280, 720), (1920, 1080)]
NUMBER = ".slide-number"
MAIN_HEIGHT = "document.querySelector('[data-testid=\"stMain\"]').scrollHeight"

# Nothing of the slide may lie outside the screen, and neither the page nor Streamlit's main area may scroll.
FITS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const doc = document.scrollingElement;
  const parts = ['.slide-title', '.slide-foot', '.st-key-present-controls']
    .map(s => document.querySelector(s)).filter(Boolean).map(e => e.getBoundingClientRect());
  const body = document.querySelector('.slide-body');
  return {
    mainScrolls: main.scrollHeight > main.clientHeight + 1,
    pageScrolls: doc.scrollHeight > innerHeight + 1 || doc.scrollWidth > innerWidth + 1,
    outside: parts.filter(r => r.top < 0 || r.bottom > innerHeight + 1 || r.right > innerWidth + 1).length,
    bodyOverflows: body ? body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1 : false,
  };
}"""


def ready(page, t=T) -> None:
    """Wait until the slide's controls are drawn and usable, then click into the slide as a presenter may do (the
    page has the keyboard without it: see the first-press test)."""
    wait_until_idle(page)
    expect(page.get_by_role("button", name=t("present.next"))).to_be_enabled()
    page.locator(".slide-title").click()
    wait_until_idle(page)


def slide_of(number: int, total: int, t=T) -> str:
    return t("present.slide_of", number=number, total=total)


def assert_clean(recorder: Recorder, base_url: str) -> None:
    assert foreign_requests(recorder.requests, base_url) == []
    assert recorder.page_errors == []
    assert recorder.console_errors == []


@pytest.mark.parametrize(("width", "height"), PROJECTORS, ids=lambda v: str(v))
@pytest.mark.parametrize(("lang", "deck_id"), [(lang, deck_id) for lang, decks in SLIDES.items() for deck_id in sorted(decks)])
def test_every_slide_fits_the_projector_with_no_scrolling(app_server, browser, recorder, lang, deck_id, width, height) -> None:
    page = new_page(browser, recorder, viewport={"width": width, "height": height})
    slides, t = SLIDES[lang][deck_id], SITES[lang]["strings"].value
    open_app(page, f"{app_server.url}/present?deck={deck_id}&slide=1&lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    ready(page, t)
    unreviewed = page.get_by_text(t("frame.translation_unreviewed"))
    for number, slide in enumerate(slides, start=1):
        expect(page.locator(NUMBER)).to_have_text(slide_of(number, len(slides), t))
        expect(page.locator(".slide-title")).to_have_text(slide.title)
        if SITES[lang].unreviewed("present"):  # a translation no one has reviewed says so, on every slide
            expect(unreviewed).to_be_visible()
        else:
            expect(unreviewed).to_have_count(0)
        if slide.series:
            expect(page.locator('[data-testid="stVegaLiteChart"] svg.marks')).to_be_visible()
        wait_until_idle(page)
        assert page.evaluate(FITS) == {"mainScrolls": False, "pageScrolls": False, "outside": 0, "bodyOverflows": False}, (
            f"{deck_id} slide {number} ({slide.title}) does not fit at {width}x{height}"
        )
        if slide.sources:
            expect(page.locator(".slide-sources .slide-source")).to_have_count(len(slide.sources))
        page.keyboard.press("PageDown")
        wait_until_idle(page)
    expect(page.locator(NUMBER)).to_have_text(slide_of(len(slides), len(slides), t))
    expect(page).to_have_url(re.compile(rf"[?&]lang={lang}(&|$)"))
    assert_clean(recorder, app_server.url)
    page.context.close()


def test_the_clicker_keys_the_buttons_and_the_address_move_the_slide(app_server, browser, recorder) -> None:
    slides = DECKS["community-talk"]
    total = len(slides)
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 720})
    open_app(page, f"{app_server.url}/present?deck=community-talk&slide=3")
    number = page.locator(NUMBER)
    expect(number).to_have_text(slide_of(3, total))
    ready(page)

    def after(key: str, expected: int) -> None:
        page.keyboard.press(key)
        expect(number).to_have_text(slide_of(expected, total))
        expect(page).to_have_url(re.compile(rf"[?&]slide={expected}(&|$)"))

    after("PageDown", 4)
    after("ArrowRight", 5)
    after("Space", 6)
    after("PageUp", 5)
    after("ArrowLeft", 4)
    after("End", total)
    after("PageDown", total)
    after("ArrowRight", total)
    after("Home", 1)
    after("PageUp", 1)
    after("ArrowLeft", 1)

    page.get_by_role("button", name=T("present.next")).click()
    expect(number).to_have_text(slide_of(2, total))
    page.get_by_role("button", name=T("present.last")).click()
    expect(number).to_have_text(slide_of(total, total))
    page.get_by_role("button", name=T("present.previous")).click()
    expect(number).to_have_text(slide_of(total - 1, total))
    page.get_by_role("button", name=T("present.first")).click()
    expect(number).to_have_text(slide_of(1, total))

    page.goto(f"{app_server.url}/present?deck=community-talk&slide=7")  # a reload or a shared link
    expect(number).to_have_text(slide_of(7, total))
    expect(page.locator(".slide-title")).to_have_text(slides[6].title)
    for junk in ("0", str(total + 1), "abc", "-2"):
        page.goto(f"{app_server.url}/present?deck=community-talk&slide={junk}")
        expect(number).to_have_text(slide_of(1, total))
        expect(page).to_have_url(re.compile(r"[?&]slide=1(&|$)"))
    assert_clean(recorder, app_server.url)
    page.context.close()


def test_the_first_clicker_press_after_loading_moves_the_slide_without_a_click_first(app_server, browser, recorder) -> None:
    """A presenter opens the deck (by its address, or from the chooser) and presses the clicker straight away: the page
    has the keyboard from the start (its body is the focused element, so the document's key bindings hear the key)."""
    slides = DECKS["community-talk"]
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 720})
    focus = "() => document.hasFocus() && document.activeElement === document.body"
    for arrive in ("address", "chooser"):
        if arrive == "address":
            open_app(page, f"{app_server.url}/present?deck=community-talk&slide=1")
        else:
            open_app(page, f"{app_server.url}/present")
            title = SITE.decks["community-talk"].value.deck.title
            page.get_by_role("link", name=T("present.chooser_start", title=title)).click()
        expect(page.locator(NUMBER)).to_have_text(slide_of(1, len(slides)))
        expect(page.get_by_role("button", name=T("present.next"))).to_be_enabled()
        wait_until_idle(page)
        page.wait_for_function(focus)
        page.keyboard.press("PageDown")  # no click into the page first
        expect(page.locator(NUMBER)).to_have_text(slide_of(2, len(slides)))
        expect(page.locator(".slide-title")).to_have_text(slides[1].title)
    assert_clean(recorder, app_server.url)
    page.context.close()


def test_notes_appear_only_when_asked(app_server, browser, recorder) -> None:
    slides = DECKS["community-talk"]
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 720})
    open_app(page, f"{app_server.url}/present?deck=community-talk&slide=1")
    notes = page.locator(".slide-notes")
    expect(page.locator(NUMBER)).to_have_text(slide_of(1, len(slides)))
    expect(notes).to_have_count(0)
    page.get_by_role("button", name=T("present.notes_show")).click()
    expect(notes).to_contain_text(slides[0].notes)
    expect(page).to_have_url(re.compile(r"[?&]notes=1(&|$)"))
    ready(page)
    page.keyboard.press("PageDown")
    expect(page.locator(NUMBER)).to_have_text(slide_of(2, len(slides)))
    expect(notes).to_contain_text(slides[1].notes)
    page.goto(f"{app_server.url}/present?deck=community-talk&slide=2&notes=1")
    expect(notes).to_contain_text(slides[1].notes)
    page.get_by_role("button", name=T("present.notes_hide")).click()
    expect(notes).to_have_count(0)
    expect(page).not_to_have_url(re.compile(r"notes="))
    assert_clean(recorder, app_server.url)
    page.context.close()


def test_the_chooser_opens_a_deck_and_keeps_the_quick_exit(app_server, browser, recorder) -> None:
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 720})
    open_app(page, f"{app_server.url}/present")
    deck = SITE.decks["task-force-briefing"].value.deck
    page.get_by_role("link", name=T("present.chooser_start", title=deck.title)).click()
    slides = DECKS["task-force-briefing"]
    expect(page.locator(NUMBER)).to_have_text(slide_of(1, len(slides)))
    expect(page).to_have_url(re.compile(r"deck=task-force-briefing"))
    expect(page.locator(".quick-exit-button")).to_be_visible()
    expect(page.locator("nav.crisis-strip")).to_have_count(0)
    expect(page.locator('header[data-testid="stHeader"]')).to_be_hidden()
    assert_clean(recorder, app_server.url)
    page.context.close()


def test_the_qr_code_on_the_closing_slide_decodes_to_the_site_address(tmp_path, server_for, browser, recorder) -> None:
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbarimg is missing: run `make browser-deps` (Debian's zbar-tools)"
    root = copy_project(tmp_path / "project")
    address = "https://csec-dashboard.example.org/"
    site_file = root / "data" / "site.yaml"
    text = site_file.read_text(encoding="utf-8")
    assert "\npublic_url:" in text
    site_file.write_text(re.sub(r"\npublic_url:.*", f'\npublic_url: "{address}"', text), encoding="utf-8")
    server = server_for(root)
    slides = DECKS["community-talk"]
    closing = next(i for i, s in enumerate(slides, start=1) if s.kind == "closing")
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 720})
    open_app(page, f"{server.url}/present?deck=community-talk&slide={closing}")
    qr = page.locator("img.slide-qr")
    expect(qr).to_be_visible()
    expect(qr).to_have_attribute("alt", T("present.qr_alt", url=address))
    page.wait_for_function(
        "() => document.querySelector('img.slide-qr').complete && document.querySelector('img.slide-qr').naturalWidth > 0"
    )
    shot = tmp_path / "qr.png"
    qr.screenshot(path=str(shot))
    decoded = subprocess.run([zbarimg, "--raw", "-q", str(shot)], capture_output=True, text=True, check=True).stdout
    assert decoded.strip() == address
    assert page.evaluate(FITS)["outside"] == 0
    assert_clean(recorder, server.url)
    page.context.close()


def test_without_an_address_the_closing_slide_shows_no_code_and_no_note_for_editors(
    app_server, browser, recorder, server_for, tmp_path
) -> None:
    url = app_server.url
    if SITE["site"].value.public_url:  # the shipped site has one: a copy without it
        site_file = copy_project(tmp_path / "project") / "data" / "site.yaml"
        site_file.write_text(re.sub(r"\npublic_url:.*", "\npublic_url:", site_file.read_text(encoding="utf-8")), encoding="utf-8")
        url = server_for(site_file.parent.parent).url
    slides = DECKS["community-talk"]
    closing = next(i for i, s in enumerate(slides, start=1) if s.kind == "closing")
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 720})
    open_app(page, f"{url}/present?deck=community-talk&slide={closing}")
    expect(page.locator(".slide-title")).to_have_text(slides[closing - 1].title)
    expect(page.locator("img.slide-qr")).to_have_count(0)
    expect(page.locator(".slide-body")).not_to_contain_text("QR")
    page.context.close()


@pytest.mark.parametrize(("lang", "deck_id"), [(lang, deck_id) for lang, decks in SLIDES.items() for deck_id in sorted(decks)])
def test_axe_finds_nothing_on_a_slide_of_each_kind(app_server, browser, recorder, lang, deck_id) -> None:
    """axe-core (as in test_accessibility_browser.py) on one slide of every kind, notes on, at a projector's size."""
    from axe_playwright_python.sync_playwright import Axe
    from test_accessibility_browser import AXE_TAGS, described

    axe = Axe()
    slides, t = SLIDES[lang][deck_id], SITES[lang]["strings"].value
    firsts = {}
    for number, slide in enumerate(slides, start=1):
        firsts.setdefault(slide.kind, number)
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 720})
    for number in firsts.values():
        open_app(page, f"{app_server.url}/present?deck={deck_id}&slide={number}&notes=1&lang={lang}")
        expect(page.locator(NUMBER)).to_have_text(slide_of(number, len(slides), t))
        expect(page.locator("html")).to_have_attribute("lang", lang)
        if slides[number - 1].series:
            expect(page.locator('[data-testid="stVegaLiteChart"] svg.marks')).to_be_visible()
        page.set_viewport_size({"width": 1280, "height": max(720, page.evaluate(MAIN_HEIGHT))})
        wait_until_idle(page)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
        violations = results.response["violations"]
        assert violations == [], f"slide {number}: " + described(violations)
        page.set_viewport_size({"width": 1280, "height": 720})
    assert_clean(recorder, app_server.url)
    page.context.close()


@pytest.mark.parametrize("lang", sorted(SITES))
def test_the_deck_pdf_and_the_handout_download_from_the_presenter_view_and_what_to_do(
    app_server, browser, recorder, lang
) -> None:
    import io

    from pypdf import PdfReader

    site, t = SITES[lang], SITES[lang]["strings"].value
    slides = SLIDES[lang]["task-force-briefing"]
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 720}, accept_downloads=True)
    open_app(page, f"{app_server.url}/present?deck=task-force-briefing&slide=2&lang={lang}")
    page.get_by_role("button", name=t("present.downloads")).click()
    with page.expect_download(timeout=180_000) as info:
        page.get_by_role("button", name=t("present.download_deck"), exact=True).click()
    deck = PdfReader(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert len(deck.pages) == len(slides)
    assert info.value.suggested_filename == "task-force-briefing.pdf"
    first = " ".join(deck.pages[0].extract_text().split())
    assert " ".join(slides[0].title.split()) in first
    note = " ".join(t("frame.translation_unreviewed").split())
    assert (note in first) == site.unreviewed("present")  # an unreviewed translation says so on paper too
    expect(page.locator(NUMBER)).to_have_text(slide_of(2, len(slides), t))  # the download did not move the slide

    open_app(page, f"{app_server.url}/what-to-do?lang={lang}")
    with page.expect_download(timeout=180_000) as info:
        page.get_by_role("button", name=t("present.download_handout")).click()
    assert info.value.suggested_filename == t("handout.file_name", lang=lang)
    handout = PdfReader(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert len(handout.pages) == 1
    words = " ".join(handout.pages[0].extract_text().split())
    for category in site["warning_signs"].value.categories:  # in the page's language
        assert " ".join(category.title.split()) in words
    for hotline in site["hotlines"].value.crisis_strip:
        for line in hotline.phones:
            assert (line.number or line.text_to) in handout.pages[0].extract_text()
    assert_clean(recorder, app_server.url)
    page.context.close()
