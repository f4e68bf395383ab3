"""Chart builders: the Vega-Lite spec each one produces, its alt text, its caption and its theme."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from core.content.load import load_model
from core.content.schema import Text
from core.content.text import load_strings, number_text
from core.domain.statistics import StatisticsFile, load_statistics
from core.views.charts import (
    AXIS_TITLE_CHARACTERS,
    CHART_COLUMNS,
    GROUP_CHARACTERS,
    INK,
    LABEL_GAP,
    SECOND,
    TEXT,
    THEME,
    chart_alt,
    chart_caption,
    chart_rows,
    chart_spec,
    number_locale,
    one_population,
    series_chart,
    text_width,
)
from core.views.figures import show_value
from core.views.render import md_escape
from core.views.statistics import build_statistics_view

ROOT = Path(__file__).resolve().parent.parent
T = load_strings(ROOT, "en")
DATA = load_statistics(ROOT).data
SERIES = {s.id: s for s in DATA.series}
FISCAL_TREND = load_model(ROOT / "tests" / "fixtures" / "statistics" / "fiscal_trend.yaml", StatisticsFile, ROOT)
"""A trend over federal fiscal years, whether or not the shipped statistics have one."""


def series_where(test, missing: str) -> str:
    """The id of the first series that passes `test` (given the series and its points); skip if none does.

    The tests below choose their chart by what it is (a trend, a 1-in-N share, a percent comparison), never
    by id, so that an editor who removes or renames a chart does not turn them red.
    """
    for series in DATA.series:
        if test(series, DATA.points(series.id)):
            return series.id
    pytest.skip(f"the shipped statistics have no {missing}")


def spec(series_id: str) -> dict:
    return series_chart(SERIES[series_id], DATA.points(series_id), "en", T).to_dict()


def rows_of(chart: dict) -> list[dict]:
    """The chart's figures (a bar chart has a second, smaller table: its group names)."""
    (values,) = [rows for rows in chart["datasets"].values() if "figure" in rows[0]]
    return values


def layer_marks(chart: dict) -> list[str]:
    return [layer["mark"]["type"] for layer in chart["layer"]]


def value_room(chart: dict, width: float) -> float:
    """The top of a bar chart's value axis in a plot `width` px wide: the Vega expression, evaluated as Python."""
    top = chart["layer"][0]["encoding"]["x"]["scale"]["domainMax"]["expr"]
    return eval(top, {"__builtins__": {}, "max": max, "width": width})  # our own arithmetic: max() and width


@pytest.mark.parametrize("series_id", SERIES)
def test_every_chart_is_bars_with_direct_value_labels(series_id: str) -> None:
    chart = spec(series_id)
    bars, labels, *_ = chart["layer"]
    assert layer_marks(chart)[:2] == ["bar", "text"]
    if SERIES[series_id].chart == "trend":  # one line, or two on a narrow screen, sized to the column
        assert labels["mark"]["text"]["expr"].endswith("? datum.shown_as : datum.shown_lines")
        assert " ? min(16, " in labels["mark"]["fontSize"]["expr"]
        assert all(row["shown_lines"].replace("\n", " ") == row["shown_as"] for row in rows_of(chart))
    else:
        assert labels["encoding"]["text"]["field"] in ("shown_as", "label")
        assert labels["mark"]["fontSize"] >= 15
    assert [row["shown_as"] for row in rows_of(chart)] == [show_value(p, T) for p in DATA.points(series_id)]
    assert bars["mark"].get("color", INK) == INK or "color" in bars["encoding"]


@pytest.mark.parametrize("series_id", SERIES)
def test_a_charts_title_is_a_heading_on_the_page_not_text_in_the_picture(series_id: str) -> None:
    chart = spec(series_id)
    assert "title" not in chart
    assert SERIES[series_id].title.en not in json.dumps(chart)
    view = build_statistics_view(load_statistics(ROOT), "en", T).charts[series_id]
    assert view.title == md_escape(SERIES[series_id].title.en)


@pytest.mark.parametrize("series_id", [s.id for s in DATA.series if s.chart != "trend"])
def test_a_bar_charts_group_names_stand_above_their_bars_and_its_labels_fit_a_phone(series_id: str) -> None:
    chart = spec(series_id)
    assert layer_marks(chart) == ["bar", "text", "text"]
    bars, labels, names = chart["layer"]
    assert bars["encoding"]["y"]["axis"] is None  # no names beside the bars, taking their width
    (heads,) = [rows for rows in chart["datasets"].values() if "lines" in rows[0]]
    groups = list(dict.fromkeys(p.group.en for p in DATA.points(series_id)))
    assert [" ".join(h["lines"].split("\n")) for h in heads] == groups
    assert all(len(line) <= GROUP_CHARACTERS for h in heads for line in h["lines"].split("\n"))
    assert names["mark"]["aria"] is False  # a screen reader hears the name from each bar
    rows = rows_of(chart)
    text = labels["encoding"]["text"]["field"]
    for width in (272, 360, 700, 1200):  # 272: the plot on a 320 px phone
        top = value_room(chart, width)
        for row in rows:
            end = row["plotted"] / top * width
            assert end + LABEL_GAP + text_width(row[text], labels["mark"]["fontSize"]) <= width + 0.01, (width, row[text])
            assert row["bar_top"] < row["bar_middle"] < row["bar_bottom"] <= chart["height"]
    axis_title = bars["encoding"]["x"]["axis"]["title"]
    assert " ".join(axis_title) == SERIES[series_id].axis_title.en
    assert all(len(line) <= AXIS_TITLE_CHARACTERS for line in axis_title)


def test_text_width_is_generous_for_common_sans_serif_fonts() -> None:
    # Arial/Liberation Sans Bold: "FY2022: 1,912" is 98 px at 15 px; Source Sans (Streamlit's) is narrower.
    assert text_width("FY2022: 1,912", 15) >= 98
    assert text_width("65%", 16) >= 16 * (0.556 * 2 + 0.889)
    assert text_width("", 16) == 0


@pytest.mark.parametrize("series_id", SERIES)
def test_no_chart_combines_two_populations(series_id: str) -> None:
    rows = rows_of(spec(series_id))
    assert len(rows) >= 2
    for column in ("population", "geography", "unit"):
        assert len({row[column] for row in rows}) == 1, column


@pytest.mark.parametrize("series_id", SERIES)
def test_no_chart_mixes_units_denominators_kinds_of_year_or_publishers(series_id: str) -> None:
    """Figures that count different things are never on one chart (the statistics page promises it): one unit,
    one population in the same words, one place, one kind of year (calendar or fiscal) and one publisher's count."""
    points = DATA.points(series_id)
    for name in ("unit", "population", "geography", "year_kind", "publisher"):
        assert len({str(getattr(p, name)) for p in points}) == 1, (series_id, name, [getattr(p, name) for p in points])


def test_a_chart_refuses_a_fiscal_year_beside_calendar_years_and_two_publishers() -> None:
    series_id = DATA.series[0].id
    first, second = DATA.points(series_id)[:2]
    other_kind = "fiscal" if second.year_kind != "fiscal" else "calendar"
    with pytest.raises(ValueError, match="differ in year_kind"):
        one_population([first, dataclasses.replace(second, year_kind=other_kind)])
    with pytest.raises(ValueError, match="differ in publisher"):
        one_population([first, dataclasses.replace(second, publisher=second.publisher + " (another)")])


@pytest.mark.parametrize("series_id", SERIES)
def test_the_alt_text_names_every_figure_and_what_it_counts(series_id: str) -> None:
    series, points = SERIES[series_id], DATA.points(series_id)
    alt = chart_alt(series, points, "en", T)
    assert series.title.en in alt
    for point in points:
        assert f"{show_value(point, T)}" in alt
        assert (point.group.en or point.period_label.en) in alt
    assert points[0].population.en in alt
    assert points[0].geography.en in alt


def test_the_alt_text_reads_as_a_sentence() -> None:
    for chart, where in (("trend", lambda p: p.period_label.en), ("compare", lambda p: p.group.en)):
        series_id = series_where(lambda s, _, chart=chart: s.chart == chart, f"{chart} chart")
        points = DATA.points(series_id)
        title = SERIES[series_id].title.en
        values = "; ".join(f"{where(p)}: {show_value(p, T)}" for p in points)
        sentence = T(
            f"stats.alt_{chart}", title=title, values=values, population=points[0].population.en, geography=points[0].geography.en
        )
        assert chart_alt(SERIES[series_id], points, "en", T) == sentence
        assert sentence.index(title) < sentence.index(values) < sentence.index(points[0].population.en)


def test_a_trend_chart_keeps_the_periods_in_order_and_marks_the_fiscal_year() -> None:
    # Every such chart of the shipped statistics, and the fixture's, so the test runs whatever data/ holds.
    charts = [
        (data, series)
        for data in (DATA, FISCAL_TREND)
        for series in data.series
        if series.chart == "trend" and any(p.year_kind == "fiscal" for p in data.points(series.id))
    ]
    assert any(data is FISCAL_TREND for data, _ in charts), "the fixture has no trend over fiscal years"
    for data, series in charts:
        points = data.points(series.id)
        chart = series_chart(series, points, "en", T).to_dict()
        x = chart["layer"][0]["encoding"]["x"]
        periods = [p.period_label.en for p in points]
        assert any(p.startswith("FY") for p in periods)
        assert (x["field"], x["type"], x["sort"]) == ("period_label", "nominal", periods)
        y = chart["layer"][0]["encoding"]["y"]
        assert (y["field"], y["type"], y["axis"]["title"]) == ("plotted", "quantitative", series.axis_title.en)
        assert y["scale"]["domain"][0] == 0


def test_a_1_in_n_chart_plots_the_share_and_labels_it_in_the_sources_terms() -> None:
    series_id = series_where(lambda _, points: points[0].unit == "one-in", "chart of 1-in-N shares")
    chart = spec(series_id)
    rows = rows_of(chart)
    points = DATA.points(series_id)
    assert [(r["shown_as"], r["plotted"]) for r in rows] == [(show_value(p, T), round(100 / p.value, 2)) for p in points]
    assert all(r["shown_as"].startswith("1 ") for r in rows)  # "1 in 7", as the source words it
    assert chart["layer"][0]["encoding"]["y"]["axis"] is None


def test_a_percent_chart_runs_from_0_to_100() -> None:
    series_id = series_where(lambda s, points: s.chart == "compare" and points[0].unit == "percent", "percent comparison")
    chart = spec(series_id)
    x = chart["layer"][0]["encoding"]["x"]
    assert x["scale"]["domainMin"] == 0
    assert value_room(chart, 700) == 100
    assert x["axis"]["values"][-1] == 100
    assert " ".join(x["axis"]["title"]) == SERIES[series_id].axis_title.en
    groups = [p.group.en for p in DATA.points(series_id)]
    assert [row["group"] for row in sorted(rows_of(chart), key=lambda r: r["bar_top"])] == groups
    trend = series_where(lambda s, points: s.chart == "trend" and points[0].unit == "percent", "trend of percents")
    assert spec(trend)["layer"][0]["encoding"]["y"]["scale"]["domain"] == [0, 100]


def test_a_stages_chart_names_each_period_in_its_labels_not_only_in_colour() -> None:
    series_id = series_where(lambda s, _: s.chart == "stages", "stages chart")
    points = DATA.points(series_id)
    periods = list(dict.fromkeys(p.period_label.en for p in points))
    assert len(periods) >= 2, "a stages chart compares periods"
    chart = spec(series_id)
    bars, labels, _ = chart["layer"]
    colour = bars["encoding"]["color"]
    assert colour["field"] == "period_label"
    # Two periods: the earlier one lighter; more: one colour, told apart by the labels.
    assert colour["scale"] == {"domain": periods, "range": [SECOND, INK] if len(periods) == 2 else [INK] * len(periods)}
    assert colour["legend"] is None  # the labels name the periods
    assert labels["encoding"]["text"]["field"] == "label"
    assert [row["label"] for row in rows_of(chart)] == [f"{p.period_label.en}: {show_value(p, T)}" for p in points]


def contrast(foreground: str, background: str = "#ffffff") -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_one_projector_theme_with_large_type_and_strong_contrast() -> None:
    for series_id in SERIES:
        config = spec(series_id)["config"]
        assert config["axis"]["labelFontSize"] >= 16
        assert config["font"] == THEME["font"]
        assert config["background"] == "#ffffff"
    assert contrast(TEXT) >= 7
    assert contrast(INK) >= 7
    assert contrast(SECOND) >= 3


def test_charts_fit_the_page_width_and_keep_their_height() -> None:
    chart = spec(series_where(lambda s, _: s.chart == "trend", "trend chart"))
    assert chart["width"] == "container"
    assert chart["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert chart["height"] > 200


def test_figures_with_different_populations_are_refused() -> None:
    series_id = DATA.series[0].id
    first, second = DATA.points(series_id)[:2]
    other = dataclasses.replace(second, population=Text(en="All children in the United States"))
    with pytest.raises(ValueError, match="differ in population"):
        one_population([first, other])
    with pytest.raises(ValueError, match="differ in population"):
        series_chart(SERIES[series_id], [first, other], "en", T)
    other_unit = next(unit for unit in ("percent", "number") if unit != second.unit)
    with pytest.raises(ValueError, match="differ in unit"):
        chart_rows(SERIES[series_id], [first, dataclasses.replace(second, unit=other_unit)], "en", T)


def test_the_caption_gives_sources_years_population_and_caveat() -> None:
    series_id = series_where(
        lambda _, points: len({p.published_year for p in points}) > 1, "chart drawn from sources of several years"
    )
    caption = chart_caption(SERIES[series_id], DATA.points(series_id), "en", T)
    points = DATA.points(series_id)
    publishers = dict.fromkeys(p.publisher for p in points)
    years = {
        who: ", ".join(str(y) for y in sorted({p.published_year for p in points if p.publisher == who})) for who in publishers
    }
    sources = "; ".join(f"{who}, {years[who]}" for who in publishers)
    assert caption.startswith(T("stats.chart_caption", sources=sources, population="\0", geography="", caveat="").split("\0")[0])
    assert points[0].population.en in caption
    assert SERIES[series_id].caveat.en in caption


def test_a_charts_csv_rows_carry_each_points_source_and_check() -> None:
    for series in DATA.series:
        points = DATA.points(series.id)
        rows = chart_rows(series, points, "en", T)
        assert set(CHART_COLUMNS) <= set(rows[0])
        assert [(r["figure"], r["period_label"], r["verification"], r["url"]) for r in rows] == [
            (p.id, p.period_label.en, p.verification, p.url) for p in points
        ]
        assert [float(r["value"]) for r in rows] == [p.value for p in points]  # the number itself, no thousands separator
        assert all(r["url"].startswith("https://") for r in rows)


@pytest.mark.parametrize("series_id", list(SERIES))
def test_screen_readers_hear_each_bar_in_words_not_field_names(series_id: str) -> None:
    chart = spec(series_id)
    layers = [layer for layer in chart["layer"] if layer["mark"].get("aria", True)]
    assert len(layers) == 2  # the bars and their value labels; a bar chart's group names are hidden from screen readers
    assert all(layer["encoding"]["description"]["field"] == "spoken" for layer in layers)
    rows = chart_rows(SERIES[series_id], DATA.points(series_id), "en", T)
    for row in rows:
        assert row["shown_as"] in row["spoken"]
        assert "period_label" not in row["spoken"]
        assert "plotted" not in row["spoken"]


def test_the_axes_write_numbers_as_the_page_does_in_each_language() -> None:
    # Vega's own number format follows the site's (core/views/render.py): 1,000 and 1.5 on English and Spanish pages alike,
    # since the site writes Spanish numbers as Mexican and US Spanish do (not Spain's 1.000 and 1,5).
    for lang, thousands, decimal in (("en", ",", "."), ("es", ",", ".")):
        assert number_text(1000, lang)[1] == thousands
        assert number_text(1.5, lang)[1] == decimal
        assert number_locale(lang)["thousands"] == thousands
        assert number_locale(lang)["decimal"] == decimal
        for series in DATA.series:
            spec = chart_spec(series, DATA.points(series.id), lang, load_strings(ROOT, lang))
            assert spec["config"]["locale"]["number"] == number_locale(lang), series.id
