"""Statistics: each figure with what it counts and where it is from, charts with their data, and the myth check."""

import pandas as pd
import streamlit as st

import ui
from core.charts import CHART_COLUMNS, chart_alt, chart_caption, chart_rows, series_chart
from core.export import csv_bytes
from core.render import md_escape, md_link
from core.statistics import (
    FIGURE_COLUMNS,
    Figure,
    Series,
    card_lines,
    check_line,
    figure_row,
    quote_label,
    quote_markdown,
    show_value,
    table_rows,
)

t, site = ui.strings(), ui.site()
lang = site.lang
st.title(t("stats.title"))
stats = ui.require(site["statistics"])
data = stats.data
st.markdown(stats.prose["intro"])
choices = ["all", *data.topics()]
if "topic" not in st.session_state:  # a shared link may name the topic by its id: ?topic=online
    wanted = st.query_params.get("topic", "all")
    st.session_state["topic"] = wanted if wanted in choices else "all"
topic = st.segmented_control(
    t("stats.topic_label"),
    choices,
    format_func=lambda value: t("stats.topic_all") if value == "all" else t(f"stats.topic.{value}"),
    key="topic",
    bind="query-params",
)
topic = topic or "all"


def show_card(figure: Figure) -> None:
    with st.container(border=True):
        st.metric(md_escape(figure.period_label), show_value(figure, t))
        st.markdown("  \n".join(card_lines(figure, lang, t)))
        st.caption(check_line(figure, t))
        with st.expander(quote_label(figure, t)):
            st.markdown(quote_markdown(figure, t))
            st.caption(md_escape(t("stats.caveat", caveat=figure.caveat.get(lang))))


def show_chart(series: Series) -> None:
    points = data.points(series.id)
    st.altair_chart(series_chart(series, points, lang, t), alt=chart_alt(series, points, lang, t), theme=None)
    st.caption(md_escape(chart_caption(series, points, lang, t)))
    st.table(pd.DataFrame(table_rows(points, series.chart, lang, t)), hide_index=True)
    st.download_button(
        t("stats.download_chart"),
        data=csv_bytes(chart_rows(series, points, lang, t), CHART_COLUMNS),
        file_name=f"{series.id}.csv",
        mime="text/csv",
        key=f"stats_download_{series.id}",
        on_click="ignore",
        icon=":material/download:",
    )


def show_spotlight() -> None:
    spotlight = data.spotlight
    st.subheader(t("stats.facebook_heading"))
    said, says = st.columns(2)
    said.markdown(f"**{md_escape(t('stats.task_force_said'))}**  \n> {md_escape(spotlight.task_force_wording)}")
    said.caption(md_escape(t("stats.task_force_where", source=spotlight.task_force_source)))
    points = data.points(spotlight.series)
    says.markdown(f"**{md_escape(t('stats.source_says'))}**  \n> {md_escape(' '.join(points[0].quote.split()))}")
    says.markdown("  \n".join([*card_lines(points[0], lang, t)[2:], check_line(points[0], t)]))
    show_chart(data.series_by_id(spotlight.series))
    st.markdown(stats.prose["facebook"])


for current in data.topics() if topic == "all" else (topic,):
    st.header(t(f"stats.topic.{current}"))
    if data.spotlight and data.points(data.spotlight.series)[0].topic == current:
        show_spotlight()
    cards = data.cards(current)
    for start in range(0, len(cards), 2):  # row by row, so a phone keeps the order
        for column, figure in zip(st.columns(2), cards[start : start + 2], strict=False):
            with column:
                show_card(figure)
    for series in data.charts(current):
        if not data.spotlight or series.id != data.spotlight.series:
            show_chart(series)

st.download_button(
    t("stats.download_figures"),
    data=csv_bytes([figure_row(f, lang, t) for f in data.in_topic(topic)], FIGURE_COLUMNS),
    file_name=f"statistics-{topic}.csv",
    mime="text/csv",
    key="stats_download_figures",
    on_click="ignore",
    icon=":material/download:",
    type="primary",
)

st.header(t("stats.myths_heading"))
st.markdown(stats.prose["myths"])
for myth in data.myths:
    with st.expander(md_escape(myth.claim)):
        st.caption(md_escape(t("stats.myth_status", status=myth.status.get(lang))))
        st.markdown(f"**{md_escape(t('stats.myth_wrong'))}**  \n{md_escape(myth.what_is_wrong.get(lang))}")
        st.markdown(f"**{md_escape(t('stats.myth_instead'))}**  \n{md_escape(myth.say_instead.get(lang))}")
        if myth.figure:
            cited = data.figure(myth.figure)
            st.caption(
                md_escape(
                    t("stats.myth_figure", label=cited.label.get(lang), value=show_value(cited, t), period=cited.period.get(lang))
                )
            )
        links = "\n".join(f"- {md_link(link.title, link.url)}" for link in myth.links)
        st.markdown(f"**{md_escape(t('stats.myth_links'))}**\n\n{links}")
