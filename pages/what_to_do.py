"""What to do: the page's text, the crisis and reporting lines, and how to reach the task force."""

import streamlit as st

import ui
from core.views.render import md_escape

t = ui.strings()
ui.show_article("what-to-do")
hotlines = ui.require(ui.site()["hotlines"])
st.header(t("what_to_do.crisis_heading"))
with ui.card_list("crisis"):
    for hotline in hotlines.emergency_lines:
        ui.show_hotline(hotline)
facts = ui.require(ui.site()["site"])
st.header(t("what_to_do.reach_us_heading"))
st.markdown(md_escape(t("what_to_do.reach_us_intro", name=facts.name.get(ui.site().lang))))
ui.show_phone_line(facts.contact)
st.caption(md_escape(t("what_to_do.reach_us_not_crisis")))
ui.handout_download("what_to_do_handout")
ui.show_see_also("what-to-do")
