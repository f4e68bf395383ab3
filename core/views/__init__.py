"""Rendering: the Markdown and HTML every page shows, charts, slides, PDFs, the offline page, downloads, the page shell's pieces.

Every data-derived value is escaped here. May import core.domain and core.content.
"""
