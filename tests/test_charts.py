"""Chart builders: the Vega-Lite spec each one produces, its alt text, its caption and its theme."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from core.charts import (
    CHART_COLUMNS,
    INK,
    SECOND,
    TEXT,
    THEME,
    chart_alt,
    chart_caption,
    chart_rows,
    one_population,
    series_chart,
)
from core.schema import Text
from core.statistics import load_statistics, show_value
from core.text import load_strings

ROOT = Path(__file__).resolve().parent.parent
T = load_strings(ROOT, "en")
DATA = load_statistics(ROOT).data
SERIES = {s.id: s for s in DATA.series}


def spec(series_id: str) -> dict:
    return series_chart(SERIES[series_id], DATA.points(series_id), "en", T).to_dict()


def rows_of(chart: dict) -> list[dict]:
    (values,) = chart["datasets"].values()
    return values


def layer_marks(chart: dict) -> list[str]:
    return [layer["mark"]["type"] for layer in chart["layer"]]


@pytest.mark.parametrize("series_id", SERIES)
def test_every_chart_is_bars_with_direct_value_labels(series_id: str) -> None:
    chart = spec(series_id)
    assert layer_marks(chart) == ["bar", "text"]
    bars, labels = chart["layer"]
    assert labels["encoding"]["text"]["field"] in ("shown_as", "label")
    assert labels["mark"]["fontSize"] >= 15
    assert [row["shown_as"] for row in rows_of(chart)] == [show_value(p, T) for p in DATA.points(series_id)]
    assert bars["mark"].get("color", INK) == INK or "color" in bars["encoding"]


@pytest.mark.parametrize("series_id", SERIES)
def test_every_chart_is_titled_with_what_it_counts(series_id: str) -> None:
    chart = spec(series_id)
    first = DATA.points(series_id)[0]
    assert " ".join(chart["title"]["text"]) == SERIES[series_id].title.en
    subtitle = " ".join(chart["title"]["subtitle"])
    assert subtitle == f"Counts: {first.population.en}. Where: {first.geography.en}."


@pytest.mark.parametrize("series_id", SERIES)
def test_no_chart_combines_two_populations(series_id: str) -> None:
    rows = rows_of(spec(series_id))
    assert len(rows) >= 2
    for column in ("population", "geography", "unit"):
        assert len({row[column] for row in rows}) == 1, column


@pytest.mark.parametrize("series_id", SERIES)
def test_the_alt_text_names_every_figure_and_what_it_counts(series_id: str) -> None:
    series, points = SERIES[series_id], DATA.points(series_id)
    alt = chart_alt(series, points, "en", T)
    assert series.title.en in alt
    for point in points:
        assert f"{show_value(point, T)}" in alt
        assert (point.group.en or point.period_label) in alt
    assert points[0].population.en in alt
    assert points[0].geography.en in alt


def test_the_alt_text_reads_as_a_sentence() -> None:
    assert chart_alt(SERIES["ncmec-runaways"], DATA.points("ncmec-runaways"), "en", T) == (
        "Column chart. Runaways reported to NCMEC who were likely child sex-trafficking victims: "
        "2013: 1 in 7; 2017: 1 in 7; 2019: 1 in 6; 2020: 1 in 6; 2022: 1 in 6. "
        "What it counts: Children reported to NCMEC as runaways in that year. Where: United States (cases reported to NCMEC)."
    )
    assert chart_alt(SERIES["hti-2020-facebook"], DATA.points("hti-2020-facebook"), "en", T).startswith(
        "Bar chart. Recruited through Facebook, among victims recruited on social media whose platform was named "
        "(2020 federal cases): Children: 65%; Adults: 36%. What each bar counts: "
    )


def test_a_trend_chart_keeps_the_periods_in_order_and_marks_the_fiscal_year() -> None:
    chart = spec("nhth-cases")
    x = chart["layer"][0]["encoding"]["x"]
    periods = [p.period_label for p in DATA.points("nhth-cases")]
    assert any(p.startswith("FY") for p in periods)
    assert (x["field"], x["type"], x["sort"]) == ("period_label", "nominal", periods)
    y = chart["layer"][0]["encoding"]["y"]
    assert (y["field"], y["type"], y["axis"]["title"]) == ("plotted", "quantitative", "Cases")
    assert y["scale"]["domain"][0] == 0


def test_a_1_in_n_chart_plots_the_share_and_labels_it_in_the_sources_terms() -> None:
    chart = spec("ncmec-runaways")
    rows = rows_of(chart)
    assert [(r["shown_as"], r["plotted"]) for r in rows][:3] == [("1 in 7", 14.29), ("1 in 7", 14.29), ("1 in 6", 16.67)]
    assert chart["layer"][0]["encoding"]["y"]["axis"] is None


def test_a_percent_chart_runs_from_0_to_100() -> None:
    chart = spec("hti-2020-facebook")
    x = chart["layer"][0]["encoding"]["x"]
    assert x["scale"]["domain"] == [0, 100]
    assert x["axis"]["title"] == "Percent of each age group"
    y = chart["layer"][0]["encoding"]["y"]
    assert (y["field"], y["sort"]) == ("group", ["Children", "Adults"])


def test_a_stages_chart_names_each_period_in_its_labels_not_only_in_colour() -> None:
    chart = spec("bjs-federal-pipeline")
    bars, labels = chart["layer"]
    colour = bars["encoding"]["color"]
    assert colour["field"] == "period_label"
    assert colour["scale"] == {"domain": ["FY2012", "FY2022"], "range": [SECOND, INK]}
    assert bars["encoding"]["yOffset"]["field"] == "period_label"
    assert labels["encoding"]["text"]["field"] == "label"
    assert [row["label"] for row in rows_of(chart)] == [
        "FY2012: 1,519",
        "FY2022: 1,912",
        "FY2012: 805",
        "FY2022: 1,656",
        "FY2012: 578",
        "FY2022: 1,118",
    ]


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
        assert config["title"]["fontSize"] >= 20
        assert config["font"] == THEME["font"]
        assert config["background"] == "#ffffff"
    assert contrast(TEXT) >= 7
    assert contrast(INK) >= 7
    assert contrast(SECOND) >= 3


def test_charts_fit_the_page_width_and_keep_their_height() -> None:
    chart = spec("unodc-child-share")
    assert chart["width"] == "container"
    assert chart["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert chart["height"] > 200


def test_figures_with_different_populations_are_refused() -> None:
    first, second = DATA.points("ncmec-runaways")[:2]
    other = dataclasses.replace(second, population=Text(en="All children in the United States"))
    with pytest.raises(ValueError, match="differ in population"):
        one_population([first, other])
    with pytest.raises(ValueError, match="differ in population"):
        series_chart(SERIES["ncmec-runaways"], [first, other], "en", T)
    with pytest.raises(ValueError, match="differ in unit"):
        chart_rows(SERIES["ncmec-runaways"], [first, dataclasses.replace(second, unit="percent")], "en", T)


def test_the_caption_gives_sources_years_population_and_caveat() -> None:
    caption = chart_caption(SERIES["nhth-cases"], DATA.points("nhth-cases"), "en", T)
    points = DATA.points("nhth-cases")
    publishers = dict.fromkeys(p.publisher for p in points)
    years = {
        who: ", ".join(str(y) for y in sorted({p.published_year for p in points if p.publisher == who})) for who in publishers
    }
    assert caption.startswith("Source: " + "; ".join(f"{who}, {years[who]}" for who in publishers) + ". Counts: ")
    assert DATA.points("nhth-cases")[0].population.en in caption
    assert SERIES["nhth-cases"].caveat.en in caption


def test_a_charts_csv_rows_carry_each_points_source_and_check() -> None:
    rows = chart_rows(SERIES["unodc-child-share"], DATA.points("unodc-child-share"), "en", T)
    assert set(CHART_COLUMNS) <= set(rows[0])
    assert [(r["period_label"], r["value"], r["verification"]) for r in rows] == [
        ("2016", "30", "secondary"),
        ("2018", "34", "secondary"),
        ("2022", "38", "secondary"),
    ]
    assert all(r["url"].startswith("https://") for r in rows)


@pytest.mark.parametrize("series_id", list(SERIES))
def test_screen_readers_hear_each_bar_in_words_not_field_names(series_id: str) -> None:
    chart = spec(series_id)
    layers = chart["layer"]
    assert all(layer["encoding"]["description"]["field"] == "spoken" for layer in layers)
    rows = chart_rows(SERIES[series_id], DATA.points(series_id), "en", T)
    for row in rows:
        assert row["shown_as"] in row["spoken"]
        assert "period_label" not in row["spoken"]
        assert "plotted" not in row["spoken"]
