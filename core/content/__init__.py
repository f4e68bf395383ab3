"""The content model: YAML read with line numbers, the one schema, problems, phone rules, strings and Markdown pages, translations.

Turns a file under content/ or data/ into frozen models or one error listing every problem. Imports nothing
else of the project.
"""
