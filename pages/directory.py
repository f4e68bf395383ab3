"""Directory: the hotlines first, then the agencies, searchable as the visitor types and filterable by URL."""

import contextlib

import streamlit as st
from streamlit.errors import StreamlitAPIException

import ui
from core.directory import KINDS, LANGUAGE_NAMES, Agency, card_details, card_heading, card_trust, export_table
from core.export import csv_bytes
from core.render import md_escape
from core.search import parse_filters

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

st.header(t("directory.hotlines_heading"))
st.caption(md_escape(t("directory.hotlines_intro")))
hotlines = site["hotlines"]
if hotlines.ok:
    urgent = [h for h in hotlines.value.hotlines if any(p.purpose in ("crisis", "report") for p in h.phones)]
    support = [h for h in hotlines.value.hotlines if h not in urgent and any(p.purpose != "tips" for p in h.phones)]
    tips = [h for h in hotlines.value.hotlines if h not in urgent and h not in support]
    for start in range(0, len(urgent), 2):  # row by row, so a phone stacks them in priority order
        for column, hotline in zip(st.columns(2), urgent[start : start + 2], strict=False):
            with column:
                ui.show_hotline(hotline)
    with st.expander(t("directory.support_heading"), icon=":material/support_agent:"):
        for hotline in support:
            ui.show_hotline(hotline)
    with st.expander(t("directory.tips_heading"), icon=":material/policy:"):
        st.caption(md_escape(t("directory.tips_intro")))
        for hotline in tips:
            ui.show_hotline(hotline)
else:
    ui.show_problems(hotlines.problems)

directory = ui.require(site["directory"])
choices = {"kind": KINDS, "city": directory.cities, "language": LANGUAGE_NAMES, "open24": ("true",)}
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


def show_agency(agency: Agency) -> None:
    with st.container(border=True):
        st.markdown(card_heading(agency, lang, t))
        st.markdown(md_escape(agency.role.get(lang)))
        for line in agency.help_lines():
            ui.show_phone_line(line)
        if agency.phones_note.get(lang):
            st.caption(md_escape(agency.phones_note.get(lang)))
        if agency.tip_lines():
            st.markdown(f"**{md_escape(t('directory.tips_in_card'))}**")
            for line in agency.tip_lines():
                ui.show_phone_line(line)
        st.markdown("  \n".join(card_details(agency, lang, t)))
        st.caption("  \n".join(card_trust(agency, t)))


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
        index=None,
        format_func=lambda k: t(f"directory.kinds.{k}"),
        key="directory_kind",
        bind="query-params",
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
        index=None,
        format_func=lambda name: t(f"directory.languages.{name}"),
        key="directory_language",
        bind="query-params",
        placeholder=t("directory.any"),
    )
    open_24 = st.toggle(t("directory.open_24_label"), key="directory_open24", bind="query-params")
    filters = parse_filters(directory.index, kind, city, language, open_24)
    results = directory.index.search(query or "", filters)
    st.caption(t("directory.count", shown=len(results), total=len(directory.agencies)))
    if not results:
        st.info(
            md_escape(t("directory.empty", query=query.strip()[:80]) if (query or "").strip() else t("directory.empty_filters"))
        )
        st.markdown(md_escape(t("directory.empty_help")))
        if hotlines.ok:
            ui.show_hotline(hotlines.value.default_help)
    for agency in results:
        show_agency(agency)
    rows, columns = export_table(results, lang, t)
    st.download_button(
        t("directory.download"),
        data=csv_bytes(rows, columns),
        file_name=t("directory.file_name"),
        mime="text/csv",
        key="directory_download",
        on_click="ignore",
        icon=":material/download:",
        help=t("directory.download_help"),
    )


search_directory()
