"""The statistics page in headless Chromium: charts drawn with their accessible names, CSV downloads, one origin."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import Recorder, foreign_requests, new_page, open_app, wait_until_idle
from playwright.sync_api import expect
from shipped import STRIP_HREFS

from core.content.load import load_model
from core.content.text import load_strings
from core.domain.statistics import StatisticsFile, load_statistics
from core.views.charts import CHART_COLUMNS
from core.views.figures import FIGURE_COLUMNS, show_value

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
T = load_strings(ROOT, "en")
DATA = load_statistics(ROOT).data
FIXTURE_STATISTICS = ROOT / "tests" / "fixtures" / "statistics" / "fiscal_trend.yaml"
CHARTS = '[data-testid="stVegaLiteChart"]'


def assert_clean(recorder: Recorder, base_url: str) -> None:
    assert recorder.console_errors == []
    assert recorder.page_errors == []
    assert foreign_requests(recorder.requests, base_url) == []


def downloaded_csv(page, label: str) -> list[dict[str, str]]:
    """Click a download button and parse the file it delivers (which must start with a BOM)."""
    with page.expect_download() as info:
        page.get_by_role("button", name=label).first.click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_every_chart_is_drawn_as_a_graphic_with_its_accessible_name(app_server, browser_page, recorder) -> None:
    page = browser_page
    open_app(page, f"{app_server.url}/statistics")
    charts = page.locator(CHARTS)
    expect(charts.locator("svg.marks")).to_have_count(len(DATA.series))
    expected = [s for t in DATA.topics() for s in DATA.charts(t)]
    expect(charts).to_have_count(len(expected))
    for index, series in enumerate(expected):  # the alt text's wording is tested in test_charts
        expect(charts.nth(index)).to_have_attribute("aria-label", re.compile(re.escape(series.title.en)))
        alt = charts.nth(index).get_attribute("aria-label")
        for point in DATA.points(series.id):
            assert show_value(point, T) in alt, point.id
        expect(charts.nth(index)).to_have_attribute("role", "graphics-document")
        box = charts.nth(index).locator("svg.marks").bounding_box()
        assert box is not None
        assert box["width"] > 300
        assert box["height"] > 150
    labels = page.locator(f"{CHARTS} svg text").all_text_contents()
    for series in DATA.series:  # every bar's value, in its source's terms, written beside it
        for point in DATA.points(series.id):
            assert any(show_value(point, T) in label for label in labels), point.id
    assert_clean(recorder, app_server.url)


def test_a_shared_address_opens_one_topic(app_server, browser_page, recorder) -> None:
    page = browser_page
    topics = DATA.topics()
    if len(topics) < 2:
        pytest.skip("the shipped statistics have fewer than two topics")
    first, second = topics[-1], topics[0]
    open_app(page, f"{app_server.url}/statistics?topic={first}")
    expect(page.locator("h2")).to_have_text([T(f"stats.topic.{first}"), T("stats.myths_heading")])
    expect(page.locator(CHARTS)).to_have_count(len(DATA.charts(first)))
    page.get_by_role("radio", name=T(f"stats.topic.{second}")).click()
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('topic') === '{second}'")  # the id, not a label
    wait_until_idle(page)
    expect(page.locator("h2")).to_have_text([T(f"stats.topic.{second}"), T("stats.myths_heading")])
    expect(page.locator(CHARTS)).to_have_count(len(DATA.charts(second)))
    assert_clean(recorder, app_server.url)


def test_the_figures_on_screen_download_as_csv_with_their_sources(app_server, browser_page, recorder) -> None:
    page = browser_page
    topic = DATA.topics()[0]
    open_app(page, f"{app_server.url}/statistics?topic={topic}")
    rows = downloaded_csv(page, T("stats.download_figures"))
    assert list(rows[0]) == FIGURE_COLUMNS
    assert [row["id"] for row in rows] == [f.id for f in DATA.in_topic(topic)]
    for row, figure in zip(rows, DATA.in_topic(topic), strict=True):
        shown = show_value(figure, T)  # a leading + - = @ gets a ' so that a spreadsheet never reads a formula
        assert row["shown_as"] == ("'" + shown if shown[:1] in "+-=@" else shown)
        assert (row["url"], row["verification"]) == (figure.url, figure.verification)
    assert all(row["url"].startswith("https://") and row["population"] and row["published_year"] for row in rows)
    assert_clean(recorder, app_server.url)


def test_each_charts_data_downloads_as_csv(app_server, browser_page, recorder) -> None:
    page = browser_page
    topic = next((t for t in DATA.topics() if DATA.charts(t)), None)
    if topic is None:
        pytest.skip("the shipped statistics have no chart")
    open_app(page, f"{app_server.url}/statistics?topic={topic}")
    rows = downloaded_csv(page, T("stats.download_chart"))  # the first chart's
    assert list(rows[0]) == CHART_COLUMNS
    points = DATA.points(DATA.charts(topic)[0].id)
    assert [(r["group"], r["period_label"], float(r["value"])) for r in rows] == [
        (p.group.en, p.period_label.en, p.value) for p in points
    ]
    assert_clean(recorder, app_server.url)


def test_the_page_reads_on_a_360_pixel_phone(app_server, phone_page, recorder) -> None:
    topic = next((t for t in DATA.topics() if DATA.charts(t)), None)
    if topic is None:
        pytest.skip("the shipped statistics have no chart")
    open_app(phone_page, f"{app_server.url}/statistics?topic={topic}")
    expect(phone_page.locator(f"{CHARTS} svg.marks")).to_have_count(len(DATA.charts(topic)))
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    box = phone_page.locator(CHARTS).first.bounding_box()
    assert box is not None
    assert box["width"] <= 360
    assert_clean(recorder, app_server.url)


def test_a_broken_statistics_file_names_file_and_line_and_other_pages_still_work(project_copy, server_for, browser) -> None:
    # The fixture's statistics in place of the shipped ones, its first figure made a percent of 360.
    path = project_copy / "data" / "statistics.yaml"
    shutil.copy(FIXTURE_STATISTICS, path)
    index, broken = 0, load_model(path, StatisticsFile, project_copy).figures[0]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    unit = next(n for n in range(broken.line - 1, len(lines)) if re.match(r"\s+unit: ", lines[n]))
    lines[unit] = re.sub(r"unit: .*", "unit: percent", lines[unit])
    number = next(n for n in range(broken.line - 1, len(lines)) if re.match(r"\s+value: ", lines[n]))  # its value
    lines[number] = re.sub(r"value: .*", "value: 360", lines[number])
    path.write_text("".join(lines), encoding="utf-8")
    server = server_for(project_copy)
    recorder = Recorder()
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 900})
    open_app(page, f"{server.url}/statistics")
    body = page.locator("body")
    expect(body).to_contain_text(T("frame.problem_title"))
    expect(body).to_contain_text(f"data/statistics.yaml, line {broken.line}: figure {index + 1}")
    expect(body).to_contain_text("value 360 is a percent and must lie between 0 and 100")
    expect(body).not_to_contain_text("Traceback")
    expect(page.locator(CHARTS)).to_have_count(0)
    open_app(page, f"{server.url}/what-to-do")
    expect(page.locator("nav.crisis-strip a")).to_have_count(len(STRIP_HREFS))
    expect(body).not_to_contain_text(T("frame.problem_title"))
    page.context.close()
