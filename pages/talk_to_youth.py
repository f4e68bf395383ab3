"""The awareness page drawn from content/<lang>/pages/talk-to-youth.md."""

import ui

ui.show_article("talk-to-youth")
ui.show_see_also("talk-to-youth")
