"""The web layer: security headers, the Content-Security-Policy (allowing the page shell's scripts by hash), compression (ASGI middleware).

May import core.views, core.domain and core.content; never Streamlit.
"""
