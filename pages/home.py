"""The home page, at the site's root: what the site is for, and a way into every other page."""

import streamlit as st

import ui
from core.content.navigation import HOME, ROUTES
from core.views.render import md_escape

t, site = ui.strings(), ui.site()
st.title(t("site.title"))
st.markdown(md_escape(t("site.tagline")))
facts = site["site"]
if facts.ok:
    st.markdown(md_escape(t("home.intro", name=facts.value.name.get(site.lang))))
st.header(t("home.pages_heading"))
pages = ui.navigation_pages()
for route in ROUTES:
    if route != HOME:
        st.page_link(pages[route.path], icon=":material/arrow_forward:")
        st.caption(md_escape(ui.about_page(route, "summary")))
