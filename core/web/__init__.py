"""The web layer: security headers and the Content-Security-Policy, the page shell, compression (ASGI middleware).

May import core.views, core.domain and core.content; never Streamlit.
"""
