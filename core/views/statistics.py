"""The statistics page, prepared once per process and language: what does not change between visitors.

Altair validates a chart against the Vega-Lite schema every time it is turned into a spec (tens of
milliseconds a chart), and a page of separate small elements costs a message each. So everything
the page draws is built here once, as plain values: each chart's Vega-Lite spec (drawn with
st.vega_lite_chart), alt text, caption, table and CSV; each card as one Markdown text; each myth
as one Markdown text. The page only chooses what to show and draws it. Streamlit-free.

A chart's data goes to the page as Arrow bytes made here (st.vega_lite_chart would otherwise convert
the rows on every run), and its table as one Markdown text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from core.domain.statistics import Figure, Myth, Statistics
from core.views.charts import CHART_COLUMNS, chart_alt, chart_caption, chart_rows, chart_spec
from core.views.export import csv_bytes
from core.views.figures import (
    FIGURE_COLUMNS,
    card_lines,
    check_line,
    figure_row,
    quote_label,
    quote_markdown,
    quoted_markdown,
    show_value,
    table_rows,
)
from core.views.render import md_escape, md_link, small

Translate = Callable[..., str]


@dataclass(frozen=True)
class ChartView:
    """One chart as the page draws it."""

    series_id: str
    title: str
    """The chart's title as Markdown, drawn as a heading above it (so it wraps on a phone)."""
    spec: Mapping[str, Any]
    """The plain Vega-Lite spec, its rows inline (for the deck PDF)."""
    drawn_spec: Mapping[str, Any]
    """The same chart as the page draws it: each named dataset as Arrow bytes."""
    alt: str
    caption: str
    table: str
    """The chart's data as one Markdown table."""
    csv: Callable[[], bytes]


@dataclass(frozen=True)
class CardView:
    """One figure as a card: one Markdown text (its value, what it counts, its source, the source's words)."""

    figure_id: str
    markdown: str


@dataclass(frozen=True)
class MythView:
    claim: str
    markdown: str


@dataclass(frozen=True)
class StatisticsView:
    """Everything the statistics page draws, in one language."""

    charts: Mapping[str, ChartView]
    cards: Mapping[str, CardView]
    myths: tuple[MythView, ...]
    spotlight_said: str
    spotlight_says: str
    figures_csv: Callable[[str], bytes]


def card_markdown(figure: Figure, lang: str, t: Translate) -> str:
    """A figure's card as one Markdown text: period and value; what it counts, when, where and from whom;
    how it was checked; the source's exact words and what to keep in mind."""
    head = small(md_escape(figure.period_label.get(lang))) + "  \n" + f"**{md_escape(show_value(figure, t))}**"
    body = "  \n".join([*card_lines(figure, lang, t), small(check_line(figure, t))])
    quote = f"{small(md_escape(quote_label(figure, t)))}\n{quote_markdown(figure, lang, t)}"
    caveat = small(md_escape(t("stats.caveat", caveat=figure.caveat.get(lang))))
    return "\n\n".join([head, body, quote, caveat])


def myth_markdown(myth: Myth, stats: Statistics, lang: str, t: Translate) -> str:
    """A myth's explanation as one Markdown text: its status, what is wrong, what to say, the figure, the sources."""
    parts = [
        small(md_escape(t("stats.myth_status", status=myth.status.get(lang)))),
        f"**{md_escape(t('stats.myth_wrong'))}**  \n{md_escape(myth.what_is_wrong.get(lang))}",
        f"**{md_escape(t('stats.myth_instead'))}**  \n{md_escape(myth.say_instead.get(lang))}",
    ]
    if myth.figure:
        cited = stats.data.figure(myth.figure)
        figure_line = t(
            "stats.myth_figure", label=cited.label.get(lang), value=show_value(cited, t), period=cited.period.get(lang)
        )
        parts.append(small(md_escape(figure_line)))
    links = "\n".join(f"- {md_link(link.title.get(lang), link.url)}" for link in myth.links)
    parts.append(f"**{md_escape(t('stats.myth_links'))}**\n\n{links}")
    return "\n\n".join(parts)


def arrow_bytes(rows: list[dict[str, Any]]) -> bytes:
    """Rows as an Arrow IPC stream: the form in which Streamlit sends a chart's data to the browser."""
    table = pa.Table.from_pylist(rows)
    sink = pa.BufferOutputStream()
    with pa.RecordBatchStreamWriter(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def with_arrow_datasets(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The spec with each named dataset already in Arrow bytes, which st.vega_lite_chart passes on as they are."""
    drawn = dict(spec)
    if "datasets" in drawn:
        drawn["datasets"] = {name: arrow_bytes(rows) for name, rows in drawn["datasets"].items()}
    return drawn


def markdown_table(rows: list[dict[str, str]]) -> str:
    """Rows of escaped Markdown cells as one Markdown table, headed by the first row's keys."""
    if not rows:
        return ""
    head = list(rows[0])
    lines = ["| " + " | ".join(md_escape(column) for column in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row[column].replace("|", "&#124;") for column in head) + " |" for row in rows]
    return "\n".join(lines)


def chart_view(stats: Statistics, series_id: str, lang: str, t: Translate) -> ChartView:
    data = stats.data
    series, points = data.series_by_id(series_id), data.points(series_id)
    rows = chart_rows(series, points, lang, t)
    spec = chart_spec(series, points, lang, t)
    return ChartView(
        series_id=series_id,
        title=md_escape(series.title.get(lang)),
        spec=spec,
        drawn_spec=with_arrow_datasets(spec),
        alt=chart_alt(series, points, lang, t),
        caption=md_escape(chart_caption(series, points, lang, t)),
        table=markdown_table(table_rows(points, series.chart, lang, t)),
        csv=functools.cache(functools.partial(csv_bytes, rows, CHART_COLUMNS)),
    )


def build_statistics_view(stats: Statistics, lang: str, t: Translate) -> StatisticsView:
    """Prepare the whole page in `lang`: call once per process and language, then draw from it on every run."""
    data = stats.data
    said = says = ""
    if data.spotlight:
        spotlight = data.spotlight
        first = data.points(spotlight.series)[0]
        wording = quoted_markdown(spotlight.task_force_wording, spotlight.task_force_wording_translation, lang, t)
        where = small(md_escape(t("stats.task_force_where", source=spotlight.task_force_source)))
        said = f"**{md_escape(t('stats.task_force_said'))}**\n\n{wording}\n\n{where}"
        lines = "  \n".join([*card_lines(first, lang, t)[2:], check_line(first, t)])
        says = f"**{md_escape(t('stats.source_says'))}**\n\n{quote_markdown(first, lang, t)}\n\n{lines}"

    @functools.cache
    def figures_csv(topic: str) -> bytes:
        return csv_bytes([figure_row(f, lang, t) for f in data.in_topic(topic)], FIGURE_COLUMNS)

    return StatisticsView(
        charts={s.id: chart_view(stats, s.id, lang, t) for s in data.series},
        cards={f.id: CardView(f.id, card_markdown(f, lang, t)) for f in data.figures if f.series is None},
        myths=tuple(MythView(md_escape(m.claim.get(lang)), myth_markdown(m, stats, lang, t)) for m in data.myths),
        spotlight_said=said,
        spotlight_says=says,
        figures_csv=figures_csv,
    )
