"""The engine of the site, free of Streamlit: files in, checked models, words and drawings out.

Five packages, each importing only those below it (checked by `lint-imports`, see pyproject.toml):
commands → web → views → domain → content.
"""
