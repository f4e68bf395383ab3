"""Statistics: each figure with what it counts and where it is from, charts with their data, and the myth check.

Everything drawn here is prepared once per process and language (core/views/statistics.py): a run only
chooses the topic and draws the prepared cards, chart specs, tables and texts.
"""

import streamlit as st

import ui
from core.views.statistics import ChartView

t, site = ui.strings(), ui.site()
st.title(t("stats.title"))
stats = ui.require(site["statistics"])
view = ui.statistics_view()
data = stats.data
st.markdown(stats.prose["intro"])
choices = ["all", *data.topics()]


def topic_label(value: str, words=t) -> str:
    return words("stats.topic_all") if value == "all" else words(f"stats.topic.{value}")


# A shared link names the topic by its id, in any language (?topic=online); links from before carried a label.
from_address = ui.url_choice(
    "topic", "topic", choices, "all", {topic_label(c, w): c for w in (t, t.fallback or t) for c in choices}
)
topic = st.segmented_control(
    t("stats.topic_label"),
    choices,
    default=from_address,
    format_func=topic_label,
    key="topic",
)
topic = topic or "all"
ui.keep_in_url("topic", topic, "all")


def show_chart(chart: ChartView, level: int = 3) -> None:
    st.markdown(f"{'#' * level} {chart.title}")  # h3 under its topic; h4 inside the spotlight's section
    st.vega_lite_chart(chart.drawn_spec, alt=chart.alt, theme=None)
    st.caption(chart.caption)
    st.markdown(chart.table)
    st.download_button(
        t("stats.download_chart"),
        data=chart.csv,  # made when the visitor clicks, once per process
        file_name=f"{chart.series_id}.csv",
        mime="text/csv",
        key=f"stats_download_{chart.series_id}",
        on_click="ignore",
        icon=":material/download:",
    )


def show_spotlight() -> None:
    st.subheader(t("stats.facebook_heading"))
    with ui.card_list("spotlight", columns=2):
        st.markdown(view.spotlight_said)
        st.markdown(view.spotlight_says)
    show_chart(view.charts[data.spotlight.series], level=4)
    st.markdown(stats.prose["facebook"])


for current in data.topics() if topic == "all" else (topic,):
    st.header(t(f"stats.topic.{current}"))
    cards = data.cards(current)
    if cards:
        with ui.card_list(f"figures_{current}", columns=2):  # row by row, so a phone keeps the order
            for figure in cards:
                st.markdown(view.cards[figure.id].markdown)
    # The figures first, so a phone shows them on its first screens; then the spotlight on the topic's flagship figure.
    if data.spotlight and data.points(data.spotlight.series)[0].topic == current:
        show_spotlight()
    for series in data.charts(current):
        if not data.spotlight or series.id != data.spotlight.series:
            show_chart(view.charts[series.id])

st.download_button(
    t("stats.download_figures"),
    data=lambda: view.figures_csv(topic),  # made when the visitor clicks
    file_name=f"statistics-{topic}.csv",
    mime="text/csv",
    key="stats_download_figures",
    on_click="ignore",
    icon=":material/download:",
    type="primary",
)

st.header(t("stats.myths_heading"))
st.markdown(stats.prose["myths"])
for myth in view.myths:
    with st.expander(myth.claim):
        st.markdown(myth.markdown)
