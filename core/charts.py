"""Altair charts for the statistics page: one theme that reads on a projector, direct labels, alt text from the data.

Every builder takes the points of one series, refuses points that count different populations, and
labels each bar with its value in the source's terms ("1 in 6", "65%", "8,759").
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from core.render import number_text
from core.statistics import Figure, Series, show_value, verification_text
from core.text import Translate

INK = "#12355b"
"""Bars and labels: dark navy, 12:1 against white."""
SECOND = "#5f84ad"
"""The earlier period in a stages chart: 3.8:1 against white, always named by a label as well."""
TEXT = "#1a1a1a"
GRID = "#d9d9d9"
FONT = "sans-serif"
LABEL_SIZE = 16
TITLE_SIZE = 20

THEME: dict[str, Any] = {
    "font": FONT,
    "background": "#ffffff",
    "padding": {"left": 8, "right": 24, "top": 8, "bottom": 8},
    "axis": {
        "labelFontSize": LABEL_SIZE,
        "titleFontSize": LABEL_SIZE,
        "labelColor": TEXT,
        "titleColor": TEXT,
        "gridColor": GRID,
        "domainColor": TEXT,
        "tickColor": TEXT,
        "labelLimit": 320,
        "titleFontWeight": "normal",
    },
    "legend": {"labelFontSize": LABEL_SIZE, "titleFontSize": LABEL_SIZE, "labelColor": TEXT, "titleColor": TEXT, "orient": "top"},
    "title": {
        "fontSize": TITLE_SIZE,
        "subtitleFontSize": 15,
        "color": TEXT,
        "subtitleColor": TEXT,
        "anchor": "start",
        "fontWeight": "bold",
        "offset": 12,
    },
    "view": {"stroke": None},
}
"""The one theme: large type, dark text on white, light grid, no frame. Projector- and print-friendly."""

CHART_COLUMNS = [
    "series",
    "figure",
    "period_label",
    "group",
    "shown_as",
    "value",
    "unit",
    "population",
    "geography",
    "publisher",
    "source_title",
    "published_year",
    "url",
    "verification",
    "read_in",
]
"""The columns of a chart's CSV download, in order."""


def one_population(points: Sequence[Figure]) -> None:
    """Refuse to chart points that count different things: a chart never mixes denominators."""
    if not points:
        raise ValueError("a chart needs at least one figure")
    for name in ("unit", "population", "geography"):
        values = {str(getattr(p, name)) for p in points}
        if len(values) > 1:
            raise ValueError(f"these figures differ in {name} and cannot share a chart: {sorted(values)}")


def chart_rows(series: Series, points: Sequence[Figure], lang: str, t: Translate) -> list[dict[str, object]]:
    """The chart's data: one row per figure, with the value as plotted and as the source words it."""
    one_population(points)
    rows = []
    for order, point in enumerate(points):
        rows.append(
            {
                "series": series.id,
                "figure": point.id,
                "order": order,
                "period_label": point.period_label,
                "group": point.group.get(lang),
                "shown_as": show_value(point, t),
                "value": number_text(point.value).replace(",", ""),
                "plotted": round(100 / point.value, 2) if point.unit == "one-in" else point.value,
                "unit": point.unit,
                "population": point.population.get(lang),
                "geography": point.geography.get(lang),
                "publisher": point.publisher,
                "source_title": point.source_title,
                "published_year": point.published_year,
                "url": point.url,
                "verification": point.verification,
                "read_in": point.read_in,
                "checked": verification_text(point, t),
                # What a screen reader says for the bar (Vega-Lite's description channel), not the field names.
                "spoken": f"{_where(point, series.chart, lang)}: {show_value(point, t)}",
            }
        )
    return rows


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def _title(series: Series, points: Sequence[Figure], lang: str, t: Translate) -> alt.TitleParams:
    first = points[0]
    subtitle = t("stats.chart_subtitle", population=first.population.get(lang), geography=first.geography.get(lang))
    return alt.TitleParams(text=_wrap(series.title.get(lang), 56), subtitle=_wrap(subtitle, 80))


def _value_axis(series: Series, points: Sequence[Figure], lang: str, room: float = 1.2) -> tuple[alt.Scale, alt.Axis | None]:
    """Percent axes run 0 to 100; counts from 0, with `room` for the labels; "1 in N" is carried by its labels alone."""
    unit = points[0].unit
    if unit == "percent":
        return alt.Scale(domain=[0, 100]), alt.Axis(title=series.axis_title.get(lang), values=[0, 25, 50, 75, 100])
    if unit == "one-in":
        top = max(100 / p.value for p in points)
        return alt.Scale(domain=[0, top * 1.25]), None
    top = max(p.value for p in points)
    return alt.Scale(domain=[0, top * room], nice=False), alt.Axis(title=series.axis_title.get(lang), format=",d", tickCount=5)


def _finish(chart: alt.LayerChart, series: Series, points: Sequence[Figure], lang: str, t: Translate) -> alt.LayerChart:
    # The accessible name comes from st.altair_chart(alt=chart_alt(...)); a description here would be overridden.
    # fit-x: the width follows the page while the height stays what the builder asked for (Streamlit's default,
    # fit, would squeeze the bars to make room for the title).
    return chart.properties(
        title=_title(series, points, lang, t), width="container", autosize=alt.AutoSizeParams(type="fit-x", contains="padding")
    ).configure(**THEME)


def trend_chart(series: Series, points: Sequence[Figure], lang: str, t: Translate) -> alt.LayerChart:
    """One column per period, in the file's order, each labelled with its value."""
    data = pd.DataFrame(chart_rows(series, points, lang, t))
    scale, axis = _value_axis(series, points, lang)
    order = [p.period_label for p in points]
    base = alt.Chart(data).encode(
        x=alt.X("period_label:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("plotted:Q", scale=scale, axis=axis),
        description=alt.Description("spoken:N"),
        tooltip=[
            alt.Tooltip("period_label:N", title=t("stats.col_period")),
            alt.Tooltip("shown_as:N", title=t("stats.col_value")),
        ],
    )
    bars = base.mark_bar(color=INK, size=44)
    labels = base.mark_text(dy=-12, fontSize=LABEL_SIZE, fontWeight="bold", color=TEXT).encode(text="shown_as:N")
    return _finish(alt.layer(bars, labels).properties(height=340), series, points, lang, t)


def compare_chart(series: Series, points: Sequence[Figure], lang: str, t: Translate) -> alt.LayerChart:
    """One horizontal bar per group, each labelled with its value at its end."""
    data = pd.DataFrame(chart_rows(series, points, lang, t))
    scale, axis = _value_axis(series, points, lang)
    order = [p.group.get(lang) for p in points]
    base = alt.Chart(data).encode(
        y=alt.Y("group:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("plotted:Q", scale=scale, axis=axis),
        description=alt.Description("spoken:N"),
        tooltip=[alt.Tooltip("group:N", title=t("stats.col_group")), alt.Tooltip("shown_as:N", title=t("stats.col_value"))],
    )
    bars = base.mark_bar(color=INK, size=36)
    labels = base.mark_text(align="left", dx=8, fontSize=LABEL_SIZE, fontWeight="bold", color=TEXT).encode(text="shown_as:N")
    return _finish(alt.layer(bars, labels).properties(height=62 * len(points) + 40), series, points, lang, t)


def stages_chart(series: Series, points: Sequence[Figure], lang: str, t: Translate) -> alt.LayerChart:
    """Groups (stages) as rows, a bar per period inside each, every bar labelled "FY2012: 1,519"."""
    rows = chart_rows(series, points, lang, t)
    for row in rows:
        row["label"] = t("stats.bar_label", period=row["period_label"], value=row["shown_as"])
    data = pd.DataFrame(rows)
    scale, axis = _value_axis(series, points, lang, room=1.5)
    groups = list(dict.fromkeys(p.group.get(lang) for p in points))
    periods = list(dict.fromkeys(p.period_label for p in points))
    colours = [SECOND, INK] if len(periods) == 2 else [INK] * len(periods)
    base = alt.Chart(data).encode(
        y=alt.Y("group:N", sort=groups, title=None, axis=alt.Axis(labelLimit=320)),
        yOffset=alt.YOffset("period_label:N", sort=periods),
        x=alt.X("plotted:Q", scale=scale, axis=axis),
        description=alt.Description("spoken:N"),
        tooltip=[
            alt.Tooltip("group:N", title=t("stats.col_group")),
            alt.Tooltip("period_label:N", title=t("stats.col_period")),
            alt.Tooltip("shown_as:N", title=t("stats.col_value")),
        ],
    )
    bars = base.mark_bar(size=24).encode(
        color=alt.Color("period_label:N", sort=periods, scale=alt.Scale(domain=periods, range=colours), title=None)
    )
    labels = base.mark_text(align="left", dx=8, fontSize=LABEL_SIZE - 1, color=TEXT).encode(text="label:N")
    height = len(groups) * (30 * len(periods) + 24) + 40
    return _finish(alt.layer(bars, labels).properties(height=height), series, points, lang, t)


BUILDERS = {"trend": trend_chart, "compare": compare_chart, "stages": stages_chart}


def series_chart(series: Series, points: Sequence[Figure], lang: str, t: Translate) -> alt.LayerChart:
    """The chart for a series, by its kind."""
    return BUILDERS[series.chart](series, points, lang, t)


def chart_spec(series: Series, points: Sequence[Figure], lang: str, t: Translate) -> dict[str, Any]:
    """The chart as a plain Vega-Lite spec, for st.vega_lite_chart.

    Altair checks the chart against the Vega-Lite schema here, which takes tens of milliseconds:
    build each spec once per process and language (core/statistics_view.py does), not on every run.
    """
    return series_chart(series, points, lang, t).to_dict()


def _where(point: Figure, chart: str, lang: str) -> str:
    if chart == "trend":
        return point.period_label
    if chart == "compare":
        return point.group.get(lang)
    return f"{point.group.get(lang)}, {point.period_label}"


def chart_alt(series: Series, points: Sequence[Figure], lang: str, t: Translate) -> str:
    """A sentence for screen readers naming every figure in the chart, with what it counts."""
    one_population(points)
    values = "; ".join(f"{_where(p, series.chart, lang)}: {show_value(p, t)}" for p in points)
    return t(
        f"stats.alt_{series.chart}",
        title=series.title.get(lang),
        values=values,
        population=points[0].population.get(lang),
        geography=points[0].geography.get(lang),
    )


def chart_caption(series: Series, points: Sequence[Figure], lang: str, t: Translate) -> str:
    """Source, years, population and caveat in one plain paragraph."""
    one_population(points)
    years: dict[str, list[str]] = {}
    for point in points:
        years.setdefault(point.publisher, [])
        if str(point.published_year) not in years[point.publisher]:
            years[point.publisher].append(str(point.published_year))
    sources = "; ".join(f"{publisher}, {', '.join(sorted(found))}" for publisher, found in years.items())
    return t(
        "stats.chart_caption",
        sources=sources,
        population=points[0].population.get(lang),
        geography=points[0].geography.get(lang),
        caveat=series.caveat.get(lang),
    )
