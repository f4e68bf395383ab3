"""Warning signs: the page's text, then the signs from content/<lang>/warning_signs.yaml by category."""

import streamlit as st

import ui
from core.views.render import md_escape

t = ui.strings()
ui.show_article("warning-signs")
signs = ui.require(ui.site()["warning_signs"])
st.header(t("warning_signs.heading"))
for category in signs.categories:
    with st.container(border=True):
        st.subheader(md_escape(category.title))
        st.caption(md_escape(category.about))
        st.markdown("\n".join(f"- {md_escape(sign.indicator)}" for sign in signs.in_category(category.id)))
ui.show_see_also("warning-signs")
