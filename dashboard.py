"""The frame and router: page config, what every page shares, and the navigation.

Streamlit runs entry/streamlit_app.py, which calls main() for every page and every rerun.
"""

import streamlit as st

import ui


def main() -> None:
    page = st.navigation(list(ui.navigation_pages().values()), position="top")
    # Each page its own document title, in the page's language: the browser tab and a screen reader's first words.
    title = ui.about_page(ui.route_of(page), "nav_title")
    t = ui.strings()
    st.set_page_config(page_title=t("site.page_title", page=title, site=t("site.title")), page_icon=ui.FAVICON, layout="centered")
    ui.frame(page.url_path)
    ui.show_preview_box(page.url_path)
    ui.translation_note(page.url_path)
    page.run()
    ui.footer(page.url_path)
