"""The domain: statistics, the directory and its search, decks, editorial policies, and the site assembled from its parts.

Holds facts and rules, never words for a screen or Markdown. May import core.content only.
"""
