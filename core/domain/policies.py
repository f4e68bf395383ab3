"""Editorial policies that involve more than one file, checked like any other content rule.

Each policy names the file and line an editor must change. Rules inside one file live in its model
(for example, the crisis strip's rules are in `HotlineFile.problems`); the ones here cross files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from core.content.phones import digits
from core.content.problems import Problem

HOTLINES = "data/hotlines.yaml"
SITE = "data/site.yaml"


def policy_problems(parts: Mapping[str, Any], articles: Mapping[str, Any]) -> list[Problem]:
    """Every cross-file policy broken by the content; parts that failed to load are skipped (their own problems say why)."""
    found: list[Problem] = []
    hotlines, site, statistics = (parts[name].value for name in ("hotlines", "site", "statistics"))
    if hotlines is not None and site is not None:
        found += task_force_line_is_not_a_hotline(hotlines, site)
    if statistics is not None:
        found += seed_sentence_is_not_stated_as_fact(statistics.data, articles)
    return found


def task_force_line_is_not_a_hotline(hotlines: Any, site: Any) -> Iterator[Problem]:
    """The task force's own line is for questions, events and trainings: it never appears among the crisis and help lines."""
    contact = site.contact
    mine = {digits(n) for n in (contact.number, contact.text_to) if n}
    for hotline in hotlines.hotlines:
        for line in hotline.phones:
            shared = {digits(n) for n in (line.number, line.text_to) if n} & mine
            if shared:
                yield Problem(
                    HOTLINES,
                    line.line,
                    f"{hotline.id}: the task force's own line ({SITE} line {contact.line}) is not a crisis or help line; "
                    "list it only as contact in data/site.yaml",
                )


def seed_sentence_is_not_stated_as_fact(statistics: Any, articles: Mapping[str, Any]) -> Iterator[Problem]:
    """The task force's old Facebook sentence appears only in the statistics spotlight, beside its source: never in a page."""
    spotlight = statistics.spotlight
    if spotlight is None:
        return
    sentence = _words(spotlight.task_force_wording)
    for _, part in sorted(articles.items()):
        if part.value is None:
            continue
        article = part.value
        for offset, text in enumerate(article.body.splitlines()):
            if sentence in _words(text):
                yield Problem(
                    article.path,
                    article.body_line + offset,
                    "the sentence in the statistics spotlight (task_force_wording) is shown only beside its source; "
                    "say what the source found instead",
                )


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9%]+", text.lower()))
