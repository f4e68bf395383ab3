"""The awareness page drawn from content/<lang>/pages/how-it-happens.md."""

import ui

ui.show_article("how-it-happens")
ui.show_see_also("how-it-happens")
