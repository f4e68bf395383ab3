"""Safety and privacy: the page drawn from content/<lang>/pages/safety.md."""

import ui

ui.show_article("safety")
ui.show_see_also("safety")
