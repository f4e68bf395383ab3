"""The awareness page drawn from content/<lang>/pages/what-is-csec.md."""

import ui

ui.show_article("what-is-csec")
ui.show_see_also("what-is-csec")
