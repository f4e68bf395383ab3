"""A figure in words: its value as shown, its source, its card, its quote and its chart's table rows.

The model (core.domain.statistics) holds the facts; this module writes them as escaped Markdown and
flat rows for a screen, a CSV file or a slide, in the visitor's language.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.content.schema import DEFAULT_LANGUAGE, Text
from core.content.text import Translate, number_text
from core.domain.statistics import Figure
from core.views.render import language_of, md_escape, md_link


def show_value(figure: Figure, t: Translate) -> str:
    """The figure as it is shown: "65%", "1 in 6", "+120%", "about 100", "at least 41%"."""
    number = number_text(figure.value, language_of(t))
    shown = {
        "percent": t("stats.value_percent", value=number),
        "percent-change": t("stats.value_change", value=("+" if figure.value > 0 else "") + number),
        "one-in": t("stats.value_one_in", n=number),
        "number": number,
    }[figure.unit]
    if figure.qualifier == "exact":
        return shown
    return t(f"stats.qualifier_{figure.qualifier.replace('-', '_')}", value=shown)


def verification_text(figure: Figure, t: Translate) -> str:
    """How the figure was checked, in the words the page shows."""
    if figure.verification == "verified":
        return t("stats.verified")
    return t("stats.secondary", outlet=figure.read_in.get(language_of(t)))


FIGURE_COLUMNS = [
    "id",
    "topic",
    "label",
    "shown_as",
    "value",
    "unit",
    "qualifier",
    "population",
    "base",
    "period",
    "period_label",
    "year_kind",
    "geography",
    "publisher",
    "source_title",
    "source_note",
    "published_year",
    "url",
    "quote",
    "quote_translation",
    "quote_kind",
    "quote_by",
    "verification",
    "read_in",
    "caveat",
    "series",
]
"""The columns of the figures CSV, in order."""


def figure_row(figure: Figure, lang: str, t: Translate) -> dict[str, object]:
    """One figure as a flat row for a table or a CSV file."""
    return {
        "id": figure.id,
        "topic": figure.topic,
        "label": figure.label.get(lang),
        "shown_as": show_value(figure, t),
        "value": number_text(figure.value).replace(",", ""),
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "population": figure.population.get(lang),
        "base": figure.base.get(lang),
        "period": figure.period.get(lang),
        "period_label": figure.period_label.get(lang),
        "year_kind": figure.year_kind,
        "geography": figure.geography.get(lang),
        "publisher": figure.publisher,
        "source_title": figure.source_title,
        "source_note": figure.source_note.get(lang),
        "published_year": figure.published_year,
        "url": figure.url,
        "quote": " ".join(figure.quote.split()),
        "quote_translation": translation_of(figure.quote_translation, lang),
        "quote_kind": figure.quote_kind,
        "quote_by": figure.quote_by.get(lang),
        "verification": figure.verification,
        "read_in": figure.read_in.get(lang),
        "caveat": figure.caveat.get(lang),
        "series": figure.series or "",
    }


def source_title_text(figure: Figure, lang: str) -> str:
    """The source's title as written, and after it, in `lang`, the note saying what the source is:
    "2021 Federal Human Trafficking Report (as reported by Fox News)"; the note alone where there is no title."""
    note = figure.source_note.get(lang)
    if not note:
        return figure.source_title
    return f"{figure.source_title} ({note})" if figure.source_title else note


def source_link(figure: Figure, t: Translate, key: str = "stats.source") -> str:
    """The source as an escaped Markdown link: publisher, title and year ("Source: ..." unless `key` says otherwise)."""
    title = source_title_text(figure, language_of(t))
    return md_link(t(key, publisher=figure.publisher, title=title, year=figure.published_year), figure.url)


def card_lines(figure: Figure, lang: str, t: Translate) -> list[str]:
    """A figure's card below its number, as escaped Markdown lines: what it counts, when, where, from whom."""
    lines = [md_escape(figure.label.get(lang))]
    if figure.unit == "percent-change":
        lines.append(f"*{md_escape(t('stats.change_note'))}*")
    lines.append(md_escape(t("stats.counts", population=figure.population.get(lang))))
    if figure.base.get(lang):
        lines.append(md_escape(t("stats.base", base=figure.base.get(lang))))
    lines.append(md_escape(t("stats.period", period=figure.period.get(lang))))
    lines.append(md_escape(t("stats.where", geography=figure.geography.get(lang))))
    lines.append(source_link(figure, t))
    return lines


def quote_label(figure: Figure, t: Translate) -> str:
    """What the quoted words are: the source's exact words, or a paraphrase by someone else (named)."""
    if figure.quote_kind == "paraphrase":
        return t("stats.paraphrase_label", by=figure.quote_by.get(language_of(t)))
    return t("stats.quote_label")


def translation_of(rendering: Text, lang: str) -> str:
    """Quoted words rendered in `lang` (one line), or "" in the words' own language or where none is written."""
    return "" if lang == DEFAULT_LANGUAGE else " ".join(getattr(rendering, lang, "").split())


def quoted_markdown(words: str, rendering: Text, lang: str, t: Translate) -> str:
    """Quoted words as a Markdown block quote, kept as written, and beneath it their rendering in `lang`,
    marked as a translation (where one is written)."""
    quoted = "> " + md_escape(" ".join(words.split()))
    if translation := translation_of(rendering, lang):
        quoted += "\n\n" + md_escape(t("stats.quote_translation", text=translation))
    return quoted


def quote_markdown(figure: Figure, lang: str, t: Translate) -> str:
    """The figure's quoted words (with their marked rendering in `lang`), and a link to whoever wrote a paraphrase."""
    quoted = quoted_markdown(figure.quote, figure.quote_translation, lang, t)
    if figure.quote_kind == "paraphrase" and figure.quote_url:
        quoted += "\n\n" + md_link(t("stats.paraphrase_link", by=figure.quote_by.get(lang)), figure.quote_url)
    return quoted


def check_line(figure: Figure, t: Translate) -> str:
    """How the figure was checked, with an icon that differs as well as the words."""
    icon = ":material/verified:" if figure.verification == "verified" else ":material/warning:"
    return f"{icon} {md_escape(verification_text(figure, t))}"


def table_rows(points: Iterable[Figure], chart: str, lang: str, t: Translate) -> list[dict[str, str]]:
    """A chart's data as a table of escaped Markdown cells, headed in the visitor's language."""
    rows = []
    for point in points:
        row = {t("stats.col_period"): md_escape(point.period_label.get(lang))}
        if chart != "trend":
            row[t("stats.col_group")] = md_escape(point.group.get(lang))
        row[t("stats.col_value")] = md_escape(show_value(point, t))
        row[t("stats.col_source")] = source_link(point, t, "stats.source_short")
        row[t("stats.col_checked")] = md_escape(verification_text(point, t))
        rows.append(row)
    return rows
