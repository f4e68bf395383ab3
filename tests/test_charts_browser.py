"""Charts on every screen, in headless Chromium: on a 320 px phone as on a desktop, nothing of a chart is cut.

For every chart on /statistics, in English and Spanish, at 320, 390 and 1280 px wide: every SVG text
of the chart (value labels, axis labels and titles, legends) lies whole inside the chart's drawn area,
no two texts overlap, none is shortened with "…", and the page does not scroll sideways. Each chart's
title is a heading above it, not text inside the picture.
"""

from __future__ import annotations

import contextlib
import itertools
from pathlib import Path

import pytest
from conftest import foreign_requests, new_page, open_app
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from core.views.site import load_site

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
DATA = {lang: load_site(ROOT, lang)["statistics"].value.data for lang in ("en", "es")}
"""The statistics in each language: the same charts, with the translated titles."""
CHARTS = '[data-testid="stVegaLiteChart"]'
SIZES = {"320": (320, 568), "390": (390, 844), "1280": (1280, 800)}
LANGUAGES = tuple(DATA)

# What is wrong with each chart: texts outside the chart's box (the smaller of Streamlit's element and Vega's
# SVG), texts that overlap another text, texts cut short with an ellipsis; and how far the page scrolls sideways.
PROBLEMS = """() => {
  const inside = (r, a) => r.left >= a.left - 0.5 && r.right <= a.right + 0.5 && r.top >= a.top - 0.5 && r.bottom <= a.bottom + 0.5;
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const problems = [];
  document.querySelectorAll('[data-testid="stVegaLiteChart"]').forEach((chart, index) => {
    const svg = chart.querySelector('svg.marks');
    if (!svg) { problems.push(`chart ${index}: not drawn`); return; }
    const c = chart.getBoundingClientRect(), s = svg.getBoundingClientRect();
    const area = {left: Math.max(c.left, s.left), right: Math.min(c.right, s.right), top: Math.max(c.top, s.top), bottom: Math.min(c.bottom, s.bottom)};
    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
      .map(t => ({text: t.textContent, box: t.getBoundingClientRect()}));
    texts.forEach((t, i) => {
      if (!inside(t.box, area)) problems.push(`chart ${index}: "${t.text}" [${Math.round(t.box.left)}..${Math.round(t.box.right)}] outside [${Math.round(area.left)}..${Math.round(area.right)}]`);
      if (t.text.includes('…')) problems.push(`chart ${index}: "${t.text}" is cut short`);
      texts.slice(i + 1).forEach(u => { if (overlap(t.box, u.box)) problems.push(`chart ${index}: "${t.text}" overlaps "${u.text}"`); });
    });
  });
  const main = document.querySelector('[data-testid="stMain"]'), doc = document.documentElement;
  const sideways = Math.max(doc.scrollWidth - doc.clientWidth, main.scrollWidth - main.clientWidth);
  if (sideways > 0) problems.push(`the page scrolls ${sideways} px sideways`);
  return problems;
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s}px")
def test_nothing_of_a_chart_is_cut_at_any_width(app_server, browser, recorder, size, lang) -> None:
    width, height = SIZES[size]
    phone = width < 500
    page = new_page(browser, recorder, viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
    try:
        open_app(page, f"{app_server.url}/statistics?lang={lang}")
        charts = page.locator(CHARTS)
        page.wait_for_function(
            f"n => document.querySelectorAll('{CHARTS} svg.marks').length === n", arg=len(DATA[lang].series), timeout=20_000
        )
        # Vega lays a chart out again when its container settles: wait for a layout with nothing cut, then report.
        with contextlib.suppress(PlaywrightTimeout):  # the assertion below lists what is still wrong
            page.wait_for_function(f"() => ({PROBLEMS})().length === 0", timeout=5_000)
        problems = page.evaluate(PROBLEMS)
        assert problems == [], "\n".join(problems)
        assert charts.count() == len(DATA[lang].series)
        assert foreign_requests(recorder.requests, app_server.url) == []
    finally:
        page.context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_charts_title_is_a_heading_above_it(app_server, browser, recorder, lang) -> None:
    page = new_page(browser, recorder, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        open_app(page, f"{app_server.url}/statistics?lang={lang}")
        data = DATA[lang]
        page.wait_for_function(f"n => document.querySelectorAll('{CHARTS} svg.marks').length === n", arg=len(data.series))
        order = [s for topic in data.topics() for s in data.charts(topic)]
        for index, series in enumerate(order):
            title = series.title.get(lang)
            chart = page.locator(CHARTS).nth(index)
            # The heading right before the chart names it; the picture holds no title of its own.
            before = chart.evaluate(
                """el => { const all = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
                           const prior = all.filter(h => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
                           const h = prior[prior.length - 1]; return [h.tagName, h.textContent.trim()]; }"""
            )
            assert before[1] == title
            assert before[0] in ("H3", "H4")
            assert title not in " ".join(chart.locator("svg text").all_text_contents())
        levels = page.evaluate("() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1])")
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels  # no level skipped going down
    finally:
        page.context.close()
