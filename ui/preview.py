"""The editor's preview (`make preview`): every page reloads when a file under content/ or data/ is saved,
and shows the content check's problems at the top.

Off unless the environment says PREVIEW_VARIABLE=1, which only `make preview` sets: the public site
(`make run`, `make serve`) never shows the box and never polls.
"""

from __future__ import annotations

import os

import streamlit as st

from core.commands.check import check
from core.content.load import content_fingerprint
from core.content.problems import ROOT, Problem
from core.views.site import site_for
from ui.frame import presenting
from ui.language import strings

PREVIEW_VARIABLE = "CSEC_PREVIEW"
SAVED_KEY = "preview_fingerprint"
POLL_SECONDS = 1.5


def preview_on() -> bool:
    return os.environ.get(PREVIEW_VARIABLE) == "1"


@st.cache_resource(show_spinner=False, max_entries=2)
def _problems(fingerprint: tuple[int, int]) -> tuple[Problem, ...]:
    """The content check's problems for the files as they are now (the fingerprint keys the cache)."""
    return tuple(check(ROOT))


@st.fragment(run_every=POLL_SECONDS)
def _reload_on_save() -> None:
    """Every POLL_SECONDS: when a content or data file was saved, added or removed, load everything again."""
    now = content_fingerprint(ROOT)
    seen = st.session_state.get(SAVED_KEY)
    st.session_state[SAVED_KEY] = now
    if seen is not None and seen != now:
        site_for.cache_clear()  # the site, its views and the check's result: all built from the files
        st.cache_resource.clear()
        st.rerun(scope="app")


def show_preview_box(path: str) -> None:
    """In the preview only: the check's problems (or that there are none), then the watch for saved files.
    Not on the presenter view, whose slide fills the window."""
    if not preview_on() or presenting(path):
        return
    t = strings()
    problems = _problems(content_fingerprint(ROOT))
    with st.container(border=True, key="preview_box"):
        if problems:
            st.warning(t("frame.preview_problems", count=len(problems)), icon=":material/edit_note:")
            st.code("\n".join(str(problem) for problem in problems), language=None, wrap_lines=True)
        else:
            st.success(t("frame.preview_clean"), icon=":material/check_circle:")
    _reload_on_save()
