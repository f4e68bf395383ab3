"""The app as served: dashboard.py inside an st.App whose middleware adds the security headers,
robots.txt, the page shell's title, description and <noscript> crisis lines, and compression.

`streamlit run server.py` (what `make run` does) finds the `app` below and serves it with uvicorn;
the visitor sees exactly dashboard.py (run through entry/streamlit_app.py, which says why it has a
folder of its own), and every HTTP response carries the headers of core/web/security.py.
The sites allowed to frame the dashboard come from DASHBOARD_FRAME_ANCESTORS (default: this site only).
"""

import gc
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from core.views.offline import robots_txt, shell_for
from core.web.security import SecurityHeaders, inline_scripts, load_policy
from core.web.serving import SiteServing
from ui.cache import prepare

# Streamlit's own page shell carries one small inline script; the policy allows it by its hash.
STREAMLIT_INDEX = Path(st.__file__).parent / "static" / "index.html"
POLICY = load_policy(trusted_scripts=inline_scripts(STREAMLIT_INDEX.read_text(encoding="utf-8")))

# The security headers wrap everything, so robots.txt and compressed responses carry them too.
app = st.App(
    "entry/streamlit_app.py",
    middleware=[Middleware(SecurityHeaders, policy=POLICY), Middleware(SiteServing, shell=shell_for, robots=robots_txt())],
)

# What every visitor shares is built now, not by the first visitor; then the collector is told that
# everything loaded so far lives as long as the process, so collections no longer walk it (see
# .streamlit/config.toml: runner.postScriptGC).
prepare()
gc.freeze()
