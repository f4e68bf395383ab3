"""The floor: the smallest Streamlit page, served beside the dashboard by bench/load.py."""

import streamlit as st

st.write("Hello, world")
