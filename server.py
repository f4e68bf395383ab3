"""The app as served: dashboard.py inside an st.App whose middleware adds the security headers.

`streamlit run server.py` (what `make run` does) finds the `app` below and serves it with uvicorn;
the visitor sees exactly dashboard.py, and every HTTP response carries the headers of core/security.py.
The sites allowed to frame the dashboard come from DASHBOARD_FRAME_ANCESTORS (default: this site only).
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from streamlit.runtime.pages_manager import PagesManager

from core.security import SecurityHeaders, inline_scripts, load_policy

# Streamlit 1.67 treats a folder named pages/ beside the entry point as old-style pages until the
# first st.navigation call of the process: a server's first visitor to /safety (or any page whose
# file name is its address) got pages/safety.py alone, without the quick exit or the crisis strip.
# The router is st.navigation in dashboard.py, so turn the old behaviour off before the first run.
PagesManager.uses_pages_directory = False

# Streamlit's own page shell carries one small inline script; the policy allows it by its hash.
STREAMLIT_INDEX = Path(st.__file__).parent / "static" / "index.html"
POLICY = load_policy(trusted_scripts=inline_scripts(STREAMLIT_INDEX.read_text(encoding="utf-8")))

app = st.App("dashboard.py", middleware=[Middleware(SecurityHeaders, policy=POLICY)])
