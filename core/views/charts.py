"""Altair charts for the statistics page: one theme that reads on a projector, direct labels, alt text from the data.

Every builder takes the points of one series, refuses points that count different populations, and
labels each bar with its value in the source's terms ("1 in 6", "65%", "8,759").
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from core.content.text import Translate, number_text
from core.domain.statistics import CHART_SHARES, Figure, Series
from core.views.figures import show_value, verification_text

INK = "#12355b"
"""Bars and labels: dark navy, 12:1 against white."""
SECOND = "#5f84ad"
"""The earlier period in a stages chart: 3.8:1 against white, always named by a label as well."""
TEXT = "#1a1a1a"
GRID = "#d9d9d9"
FONT = "sans-serif"
LABEL_SIZE = 16

THEME: dict[str, Any] = {
    "font": FONT,
    "background": "#ffffff",
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
    "view": {"stroke": None},
}
"""The one theme: large type, dark text on white, light grid, no frame. Projector- and print-friendly."""
PADDING = {"left": 8, "right": 8, "top": 8, "bottom": 8}
"""Room around the drawing for glyphs that reach past what Vega measures (a rotated axis title, a tick label's top).
Set on the chart itself: Streamlit replaces a padding given only in the config with its own."""

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
    "source_note",
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
    for name in CHART_SHARES:
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
                "period_label": point.period_label.get(lang),
                "group": point.group.get(lang),
                "shown_as": show_value(point, t),
                "value": number_text(point.value).replace(",", ""),
                "plotted": round(100 / point.value, 2) if point.unit == "one-in" else point.value,
                "unit": point.unit,
                "population": point.population.get(lang),
                "geography": point.geography.get(lang),
                "publisher": point.publisher,
                "source_title": point.source_title,
                "source_note": point.source_note.get(lang),
                "published_year": point.published_year,
                "url": point.url,
                "verification": point.verification,
                "read_in": point.read_in.get(lang),
                "checked": verification_text(point, t),
                # What a screen reader says for the bar (Vega-Lite's description channel), not the field names.
                "spoken": f"{_where(point, series.chart, lang)}: {show_value(point, t)}",
            }
        )
    return rows


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def _two_lines(text: str) -> list[str]:
    """A label in two lines about as long as each other ("1 de cada 7": "1 de", "cada 7"), or one if it has no space."""
    spaces = [i for i, char in enumerate(text) if char == " "]
    if not spaces:
        return [text]
    middle = min(spaces, key=lambda i: abs(len(text) / 2 - i))
    return [text[:middle], text[middle + 1 :]]


# Widths of characters in em, as Arial, Helvetica, Liberation Sans and Roboto draw them (bold where it differs);
# anything else counts as a wide capital. Used to keep a label inside the chart before the browser draws it.
_NARROW = dict.fromkeys(" ,.:;'!|iIjlft()[]", 0.34)
_DIGIT = 0.56
_LOWER = 0.62
_WIDE = 0.78
_WIDTH_MARGIN = 1.1
"""Estimates are 10% generous: a sans-serif a phone falls back to may be a little wider."""


def text_width(text: str, size: float) -> float:
    """A generous estimate of how wide `text` is drawn, in pixels, in a bold sans-serif of `size` px."""
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += _NARROW[char]
        elif char.isdigit() or char in "$#_":
            em += _DIGIT
        elif char.islower():
            em += _LOWER
        else:
            em += _WIDE
    return em * size * _WIDTH_MARGIN


LABEL_GAP = 6
"""Pixels between a bar's end and its value label."""
AXIS_TITLE_CHARACTERS = 28
"""An axis title under horizontal bars wraps at this many characters: its lines fit a 320 px phone."""
GROUP_CHARACTERS = 30
"""A group's name above its bars wraps at this many characters."""


def _axis_title(series: Series, lang: str) -> list[str]:
    return _wrap(series.axis_title.get(lang), AXIS_TITLE_CHARACTERS)


def _room_for_labels(rows: Sequence[dict[str, object]], text: str, size: float, least: float) -> dict[str, str]:
    """The top of a horizontal value axis, worked out in the browser from the chart's width: every bar's label fits
    after the bar's end (and the axis reaches at least `least`). At least a third of the width is left to the bars."""
    ends = ", ".join(
        f"{float(row['plotted'])!r} * width / max(width - {math.ceil(LABEL_GAP + text_width(str(row[text]), size))}, width / 3)"
        for row in rows
    )
    return {"expr": f"max({least!r}, {ends})"}


def _horizontal_axis(
    series: Series, points: Sequence[Figure], rows: Sequence[dict[str, object]], lang: str, text: str, size: float
) -> tuple[alt.Scale, alt.Axis]:
    """The value axis of a bar chart: from 0 to where every label fits (percent: to 100 at least)."""
    least = 100.0 if points[0].unit == "percent" else max(float(row["plotted"]) for row in rows) * 1.05  # type: ignore[arg-type]
    top = _room_for_labels(rows, text, size, least)
    if points[0].unit == "percent":
        axis = alt.Axis(title=_axis_title(series, lang), values=[0, 25, 50, 75, 100])
    else:
        axis = alt.Axis(title=_axis_title(series, lang), format=",d", tickCount=4)
    return alt.Scale(domainMin=0, domainMax=top, nice=False, zero=True), axis


def _vertical_axis(series: Series, points: Sequence[Figure], lang: str) -> tuple[alt.Scale, alt.Axis | None]:
    """Percent axes run 0 to 100; counts from 0, with room above the tallest column for its label; "1 in N" is
    carried by its labels alone."""
    unit = points[0].unit
    if unit == "percent":
        top = max(100.0, max(p.value for p in points) * 1.15)
        return alt.Scale(domain=[0, top], nice=False), alt.Axis(title=series.axis_title.get(lang), values=[0, 25, 50, 75, 100])
    if unit == "one-in":
        top = max(100 / p.value for p in points)
        return alt.Scale(domain=[0, top * 1.25]), None
    top = max(p.value for p in points)
    return alt.Scale(domain=[0, top * 1.2], nice=False), alt.Axis(title=series.axis_title.get(lang), format=",d", tickCount=5)


def number_locale(lang: str) -> dict[str, Any]:
    """Vega's number format for `lang`, taken from how the site writes numbers (core/views/render.py): the axes then
    say 1,000 on a Spanish page, as the bars' labels do (Mexican and US Spanish write numbers as English does)."""
    return {"decimal": number_text(1.5, lang)[1], "thousands": number_text(1000, lang)[1], "grouping": [3], "currency": ["", ""]}


def _finish(chart: alt.LayerChart, lang: str) -> alt.LayerChart:
    # The title is the heading the page draws above the chart (it wraps there like any heading); the accessible name
    # comes from st.altair_chart(alt=chart_alt(...)), so a description here would be overridden.
    # fit-x: the width follows the page while the height stays what the builder asked for.
    return chart.properties(
        width="container", padding=PADDING, autosize=alt.AutoSizeParams(type="fit-x", contains="padding")
    ).configure(**THEME, locale={"number": number_locale(lang)})


def trend_chart(series: Series, points: Sequence[Figure], lang: str, t: Translate) -> alt.LayerChart:
    """One column per period, in the file's order, each labelled with its value above it.

    A label is as wide as its column at most: on a narrow screen it is drawn smaller (16 px down to 13), then in
    two lines ("1 de cada 7" on a 320 px phone), down to 11 px, so that neighbouring labels never touch."""
    rows = chart_rows(series, points, lang, t)
    for row in rows:
        row["shown_lines"] = "\n".join(_two_lines(str(row["shown_as"])))  # text, not a list: Streamlit sends tables as Arrow
    scale, axis = _vertical_axis(series, points, lang)
    order = [p.period_label.get(lang) for p in points]
    base = alt.Chart(pd.DataFrame(rows)).encode(
        x=alt.X("period_label:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("plotted:Q", scale=scale, axis=axis),
        description=alt.Description("spoken:N"),
        tooltip=[
            alt.Tooltip("period_label:N", title=t("stats.col_period")),
            alt.Tooltip("shown_as:N", title=t("stats.col_value")),
        ],
    )
    bars = base.mark_bar(color=INK, width=alt.ExprRef("min(44, bandwidth('x') * 0.8)"))
    room = f"(bandwidth('x') / 0.9 - {LABEL_GAP}) * {LABEL_SIZE}"  # a column's step less a gap, times the size measured at
    one = math.ceil(max(text_width(str(row["shown_as"]), LABEL_SIZE) for row in rows))
    two = math.ceil(max(text_width(line, LABEL_SIZE) for row in rows for line in str(row["shown_lines"]).split("\n")))
    fits = f"{room} / {one} >= 13"
    labels = base.mark_text(
        baseline="bottom",
        dy=-6,
        lineHeight=LABEL_SIZE,
        lineBreak="\n",
        fontWeight="bold",
        color=TEXT,
        fontSize=alt.ExprRef(
            f"{fits} ? min({LABEL_SIZE}, floor({room} / {one})) : max(11, min({LABEL_SIZE}, floor({room} / {two})))"
        ),
        text=alt.ExprRef(f"{fits} ? datum.shown_as : datum.shown_lines"),
    )
    return _finish(alt.layer(bars, labels).properties(height=340), lang)


BAR = 26
"""A horizontal bar's thickness in pixels."""
LINE = 20
"""A line of a group's name above its bars."""


def _bar_layout(
    rows: list[dict[str, object]], groups: Sequence[str], periods: Sequence[str]
) -> tuple[list[dict[str, object]], int]:
    """Place each group's name on its own lines, with its bars (in period order) under it, in pixels from the top:
    nothing beside the bars takes width from them on a phone. Returns one row per group name and the chart's height."""
    names, y = [], 0
    for group in groups:
        lines = _wrap(group, GROUP_CHARACTERS)
        names.append({"group": group, "lines": "\n".join(lines), "top": y})  # text, not a list: Streamlit sends Arrow
        y += LINE * len(lines) + 4
        for row in sorted((r for r in rows if r["group"] == group), key=lambda r: periods.index(str(r["period_label"]))):
            row["bar_top"], row["bar_bottom"], row["bar_middle"] = y, y + BAR, y + BAR / 2
            y += BAR + 6
        y += 14
    return names, y - 14


def _bars(
    series: Series,
    points: Sequence[Figure],
    rows: list[dict[str, object]],
    lang: str,
    t: Translate,
    text: str,
    size: int,
    colour: alt.Color | None,
    tooltip: list[alt.Tooltip],
) -> alt.LayerChart:
    groups = list(dict.fromkeys(p.group.get(lang) for p in points))
    periods = list(dict.fromkeys(p.period_label.get(lang) for p in points))
    names, height = _bar_layout(rows, groups, periods)
    scale, axis = _horizontal_axis(series, points, rows, lang, text, size)
    pixels = alt.Scale(domain=[0, height], range=[0, height])
    base = alt.Chart(pd.DataFrame(rows)).encode(
        x=alt.X("plotted:Q", scale=scale, axis=axis),
        description=alt.Description("spoken:N"),
        tooltip=tooltip,
    )
    bars = base.mark_bar(color=INK).encode(
        x2=alt.datum(0),
        y=alt.Y("bar_top:Q", scale=pixels, axis=None),
        y2="bar_bottom:Q",
        **({"color": colour} if colour else {}),
    )
    labels = base.mark_text(align="left", baseline="middle", dx=LABEL_GAP, fontSize=size, fontWeight="bold", color=TEXT).encode(
        y=alt.Y("bar_middle:Q", scale=pixels, axis=None), text=f"{text}:N"
    )
    # Each group's name above its bars, read by a screen reader from the bars themselves (so hidden from it here).
    heads = (
        alt.Chart(pd.DataFrame(names))
        .mark_text(align="left", baseline="top", fontSize=LABEL_SIZE, color=TEXT, lineHeight=LINE, lineBreak="\n", aria=False)
        .encode(x=alt.datum(0), y=alt.Y("top:Q", scale=pixels, axis=None), text="lines:N")
    )
    return _finish(alt.layer(bars, labels, heads).properties(height=height), lang)


def compare_chart(series: Series, points: Sequence[Figure], lang: str, t: Translate) -> alt.LayerChart:
    """One horizontal bar per group, its name above it and its value at its end."""
    rows = chart_rows(series, points, lang, t)
    tooltip = [alt.Tooltip("group:N", title=t("stats.col_group")), alt.Tooltip("shown_as:N", title=t("stats.col_value"))]
    return _bars(series, points, rows, lang, t, "shown_as", LABEL_SIZE, None, tooltip)


def stages_chart(series: Series, points: Sequence[Figure], lang: str, t: Translate) -> alt.LayerChart:
    """Groups (stages) one under another, a bar per period under each name, every bar labelled "FY2012: 1,519"."""
    rows = chart_rows(series, points, lang, t)
    for row in rows:
        row["label"] = t("stats.bar_label", period=row["period_label"], value=row["shown_as"])
    periods = list(dict.fromkeys(p.period_label.get(lang) for p in points))
    colours = [SECOND, INK] if len(periods) == 2 else [INK] * len(periods)
    # Every bar names its period in its label, so the colours need no legend.
    colour = alt.Color("period_label:N", sort=periods, scale=alt.Scale(domain=periods, range=colours), legend=None)
    tooltip = [
        alt.Tooltip("group:N", title=t("stats.col_group")),
        alt.Tooltip("period_label:N", title=t("stats.col_period")),
        alt.Tooltip("shown_as:N", title=t("stats.col_value")),
    ]
    return _bars(series, points, rows, lang, t, "label", LABEL_SIZE - 1, colour, tooltip)


BUILDERS = {"trend": trend_chart, "compare": compare_chart, "stages": stages_chart}


def series_chart(series: Series, points: Sequence[Figure], lang: str, t: Translate) -> alt.LayerChart:
    """The chart for a series, by its kind."""
    return BUILDERS[series.chart](series, points, lang, t)


def chart_spec(series: Series, points: Sequence[Figure], lang: str, t: Translate) -> dict[str, Any]:
    """The chart as a plain Vega-Lite spec, for st.vega_lite_chart.

    Altair checks the chart against the Vega-Lite schema here, which takes tens of milliseconds:
    build each spec once per process and language (core/views/statistics.py does), not on every run.
    """
    return series_chart(series, points, lang, t).to_dict()


def _where(point: Figure, chart: str, lang: str) -> str:
    if chart == "trend":
        return point.period_label.get(lang)
    if chart == "compare":
        return point.group.get(lang)
    return f"{point.group.get(lang)}, {point.period_label.get(lang)}"


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
