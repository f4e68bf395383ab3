"""Directory: the hotlines first, then the agencies, searchable as the visitor types and filterable by URL."""

import contextlib

import streamlit as st
from streamlit.errors import StreamlitAPIException

import ui
from core.domain.directory import KINDS, LANGUAGE_NAMES
from core.domain.search import parse_filters
from core.views.directory import export_table
from core.views.export import csv_bytes
from core.views.render import md_escape

# Short names a shared link may use (?q=sheriff&kind=prosecution&open24=true): each fills its widget once,
# then the URL carries the widget's own bound name (?directory_q=sheriff).
SHORT_PARAMS = {
    "q": "directory_q",
    "kind": "directory_kind",
    "city": "directory_city",
    "language": "directory_language",
    "open24": "directory_open24",
}

t, site = ui.strings(), ui.site()
lang = site.lang
st.title(t("directory.title"))
st.markdown(md_escape(t("directory.intro")))

hotlines = site["hotlines"]


def show_hotlines() -> None:
    st.header(t("directory.hotlines_heading"))
    st.caption(md_escape(t("directory.hotlines_intro")))
    if hotlines.ok:
        urgent, support, tips = hotlines.value.by_urgency()
        with ui.card_list("urgent", columns=2):  # row by row, so a phone stacks them in priority order
            for hotline in urgent:
                ui.show_hotline(hotline)
        with st.expander(t("directory.support_heading"), icon=":material/support_agent:"), ui.card_list("support"):
            for hotline in support:
                ui.show_hotline(hotline)
        with st.expander(t("directory.tips_heading"), icon=":material/policy:"):
            st.caption(md_escape(t("directory.tips_intro")))
            with ui.card_list("tips"):
                for hotline in tips:
                    ui.show_hotline(hotline)
    else:
        ui.show_problems(hotlines.problems)


# The search comes first, so that a phone shows it on the first screens (the crisis strip at the top
# of the page already gives the urgent lines); the lines follow the results. If the directory cannot
# be shown, the lines still are.
if not site["directory"].ok:
    show_hotlines()
directory = ui.require(site["directory"])
choices = {"kind": KINDS, "city": directory.cities, "language": LANGUAGE_NAMES, "open24": ("true",)}
# Kind and language are shown translated, so the address carries their ids (?directory_kind=health), set by hand.
kind_from_address = ui.url_choice("directory_kind", "directory_kind", KINDS)
language_from_address = ui.url_choice("directory_language", "directory_language", LANGUAGE_NAMES)
for short, key in SHORT_PARAMS.items():
    if short in st.query_params:
        value = st.query_params[short]
        del st.query_params[short]
        if key not in st.query_params and (short == "q" or value in choices[short]):
            st.session_state[key] = value == "true" if short == "open24" else value
            # Also into the address bar, so it keeps a link that can be shared; once the widget is
            # bound (later in a session), only the widget may change it, and it does.
            with contextlib.suppress(StreamlitAPIException):
                st.query_params[key] = value


cards = ui.agency_cards()


@st.fragment
def search_directory() -> None:
    st.header(t("directory.search_heading"))
    query = st.text_input(
        t("directory.search_label"),
        type="search",
        live=True,
        key="directory_q",
        bind="query-params",
        placeholder=t("directory.search_placeholder"),
    )
    kind_column, city_column, language_column = st.columns(3)
    kind = kind_column.selectbox(
        t("directory.kind_label"),
        KINDS,
        index=ui.url_index(kind_from_address, KINDS),
        format_func=lambda k: t(f"directory.kinds.{k}"),
        key="directory_kind",
        placeholder=t("directory.any"),
    )
    city = city_column.selectbox(
        t("directory.city_label"),
        directory.cities,
        index=None,
        key="directory_city",
        bind="query-params",
        placeholder=t("directory.any"),
        help=t("directory.city_help"),
    )
    language = language_column.selectbox(
        t("directory.language_label"),
        LANGUAGE_NAMES,
        index=ui.url_index(language_from_address, LANGUAGE_NAMES),
        format_func=lambda name: t(f"directory.languages.{name}"),
        key="directory_language",
        placeholder=t("directory.any"),
    )
    ui.keep_in_url("directory_kind", kind)
    ui.keep_in_url("directory_language", language)
    open_24 = st.toggle(t("directory.open_24_label"), key="directory_open24", bind="query-params")
    filters = parse_filters(directory.index, kind, city, language, open_24)
    results = directory.index.search(query or "", filters)
    # A keyed container keeps its place in the page between runs: assets/chrome.js makes it a polite
    # live region, so a screen reader hears the new count or the no-match message as the visitor types.
    with st.container(key="live_directory_results"):
        st.caption(t("directory.count", shown=len(results), total=len(directory.agencies)))
        if not results:
            st.info(
                md_escape(
                    t("directory.empty", query=query.strip()[:80]) if (query or "").strip() else t("directory.empty_filters")
                )
            )
    if not results:
        st.markdown(md_escape(t("directory.empty_help")))
        if hotlines.ok:
            with ui.card_list("fallback"):
                ui.show_hotline(hotlines.value.default_help)
    with ui.card_list("results"):
        for agency in results:
            st.markdown(cards[agency.id])
    st.download_button(
        t("directory.download"),
        data=lambda: csv_bytes(*export_table(results, lang, t)),  # made when the visitor clicks
        file_name=t("directory.file_name"),
        mime="text/csv",
        key="directory_download",
        on_click="ignore",
        icon=":material/download:",
        help=t("directory.download_help"),
    )


search_directory()
show_hotlines()
