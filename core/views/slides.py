"""Slides as they are shown: a deck's slides filled in from the site's data, ready for the screen or a PDF.

`build_slides()` turns each slide of a deck into one or more `ShownSlide`s (a status slide with
many open questions takes several). Every value comes from the data by the same functions the
rest of the site uses (`show_value`, `card_lines`, `chart_caption`, `call_link`...), so a slide
says exactly what the statistics page and the hotline cards say. Streamlit-free.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import segno
from markdown_it import MarkdownIt

from core.content.models import Hotline, PhoneLine
from core.content.text import Translate
from core.domain.decks import (
    Deck,
    DeckData,
    Slide,
    estimated_lines,
    fit_problem,
    section_text,
    words,
)
from core.domain.freshness import DEFAULT_MONTHS, verification_summary
from core.domain.statistics import TOPICS
from core.views.figures import card_lines, show_value, source_link, verification_text
from core.views.render import (
    article_markdown,
    call_link,
    compared_text,
    long_date,
    md_escape,
    md_link,
    phone_details,
    phone_links,
    site_name,
    text_link,
    unconfirmed_text,
)

_markdown = MarkdownIt("commonmark", {"html": False})


@dataclass(frozen=True)
class ShownFigure:
    """A statistics figure on a slide: its value as shown, and its card's lines (escaped Markdown)."""

    id: str
    value: str
    lines: tuple[str, ...]
    checked: str


@dataclass(frozen=True)
class ShownSlide:
    """One slide on screen: its title, body (safe Markdown), figures, chart, QR code, sources and notes."""

    kind: str
    title: str
    line: int
    body: str = ""
    figures: tuple[ShownFigure, ...] = ()
    series: str | None = None
    qr_url: str | None = None
    sources: tuple[str, ...] = ()
    notes: str = ""

    def body_size(self) -> tuple[int, int]:
        """(words, estimated lines) of what the slide's body shows."""
        texts = [plain(self.body)] if self.body else []
        for figure in self.figures:
            texts.append(figure.value)
            texts += [plain(line) for line in figure.lines]
        joined = "\n\n".join(t for t in texts if t)
        return words(joined), estimated_lines(joined)


def plain(markdown: str) -> str:
    """Markdown as plain text: paragraphs and list items on their own lines, link text kept."""
    return "\n".join(text for _, text in plain_blocks(markdown))


def plain_blocks(markdown: str) -> list[tuple[str, str]]:
    """("p" or "li", text) for each paragraph and list item; a web link keeps its address after its text."""
    blocks: list[tuple[str, str]] = []
    in_item = 0
    for token in _markdown.parse(markdown):
        if token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type == "inline":
            blocks.append(("li" if in_item else "p", _inline_text(token.children or [])))
    return blocks


def _inline_text(children: Sequence[Any]) -> str:
    out: list[str] = []
    href = ""
    start = 0
    for child in children:
        if child.type == "link_open":
            href, start = str(child.attrs.get("href", "")), len(out)
        elif child.type == "link_close":
            label = "".join(out[start:])
            if href.startswith("https://") and label.strip() != href:
                out.append(f" ({href})")
            href = ""
        elif child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return " ".join("".join(out).split())


def markdown_html(markdown: str) -> str:
    """Safe HTML from checked Markdown: HTML in the text stays text; links to other sites open apart."""
    rendered = _markdown.render(markdown)
    return rendered.replace('<a href="https://', '<a rel="noopener noreferrer" target="_blank" href="https://')


def qr_data_uri(url: str) -> str:
    """The QR code for an address as an SVG data: URI, made here (no outside service)."""
    return segno.make(url, error="m").svg_data_uri(scale=8, border=2, dark="#000000", light="#ffffff")


def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code's modules, dark as True, with a quiet zone of 2 modules, for drawing as vector squares."""
    code = segno.make(url, error="m")
    return tuple(tuple(bool(cell) for cell in row) for row in code.matrix_iter(border=2))


def build_slides(deck: Deck, data: DeckData) -> tuple[ShownSlide, ...]:
    """Every slide of the deck, filled in from the data (a status slide may become several)."""
    shown: list[ShownSlide] = []
    for slide in deck.slides:
        shown.extend(_build(slide, data))
    return tuple(shown)


def fit_problems(
    slides: Iterable[Slide], data: DeckData, skip: set[int] | frozenset[int] = frozenset()
) -> Iterator[tuple[int, str]]:
    """A slide whose filled-in body would not fit on a projector, at the slide's line (slides at `skip` lines are left out)."""
    for slide in slides:
        if slide.line in skip:
            continue
        for built in _build(slide, data):
            message = fit_problem(*built.body_size())
            if message:
                yield slide.line, slide.say(message)


def _build(slide: Slide, data: DeckData) -> list[ShownSlide]:
    builder = _BUILDERS[slide.kind]
    return builder(slide, data)


def _text(slide: Slide, data: DeckData) -> list[ShownSlide]:
    return [ShownSlide("text", slide.title, slide.line, body=slide.text, notes=slide.notes)]


def _section(slide: Slide, data: DeckData) -> list[ShownSlide]:
    article = data.articles[slide.page]
    body = article_markdown(section_text(article.body, slide.heading), data.hotlines, data.site, data.lang)
    source = data.t("present.from_page", title=article.meta.title)
    return [
        ShownSlide(
            "section", slide.title or slide.heading, slide.line, body=body, sources=(md_escape(source),), notes=slide.notes
        )
    ]


def shown_figure(figure: Any, data: DeckData) -> ShownFigure:
    """A figure as its card on the statistics page shows it, less the source (which goes to the slide's foot)."""
    lines = card_lines(figure, data.lang, data.t)[:-1]
    return ShownFigure(figure.id, show_value(figure, data.t), tuple(lines), md_escape(verification_text(figure, data.t)))


def _figures(slide: Slide, data: DeckData) -> list[ShownSlide]:
    figures = [data.statistics.figure(f) for f in slide.figures]
    sources = tuple(dict.fromkeys(source_link(f, data.t) for f in figures))
    title = slide.title or figures[0].label.get(data.lang)
    return [
        ShownSlide(
            "figures",
            title,
            slide.line,
            figures=tuple(shown_figure(f, data) for f in figures),
            sources=sources,
            notes=slide.notes,
        )
    ]


def _chart(slide: Slide, data: DeckData) -> list[ShownSlide]:
    # Here, not at the top: core.views.charts loads Altair and pandas (about 2 s), which the content check and
    # every deck without a chart slide never need.
    from core.views.charts import chart_caption

    series = data.statistics.series_by_id(slide.series)
    points = data.statistics.points(series.id)
    caption = chart_caption(series, points, data.lang, data.t)
    links = tuple(dict.fromkeys(source_link(p, data.t) for p in points))
    return [
        ShownSlide(
            "chart",
            slide.title or series.title.get(data.lang),
            slide.line,
            series=series.id,
            sources=(md_escape(caption), *links, *checked_lines(points, data)),
            notes=slide.notes,
        )
    ]


def checked_lines(figures: Iterable[Any], data: DeckData) -> tuple[str, ...]:
    """How each figure was checked, as the statistics page says it (where a figure was read second-hand, where it
    was read), once for each different wording."""
    return tuple(dict.fromkeys(md_escape(verification_text(figure, data.t)) for figure in figures))


def _signs(slide: Slide, data: DeckData) -> list[ShownSlide]:
    category = next(c for c in data.signs.categories if c.id == slide.category)
    items = "\n".join(f"- {md_escape(s.indicator)}" for s in data.signs.in_category(category.id))
    body = f"{md_escape(category.about)}\n\n{items}"
    source = md_escape(data.t("present.from_signs"))
    return [ShownSlide("signs", slide.title or category.title, slide.line, body=body, sources=(source,), notes=slide.notes)]


def _myth(slide: Slide, data: DeckData) -> list[ShownSlide]:
    t, lang = data.t, data.lang
    myth = next(m for m in data.statistics.myths if m.id == slide.myth)
    body = "\n\n".join(
        [
            f"**{md_escape(t('present.myth_claim'))}** {md_escape(myth.claim.get(lang))}",
            f"**{md_escape(t('stats.myth_status', status=myth.status.get(lang)))}**",
            f"**{md_escape(t('stats.myth_instead'))}** {md_escape(myth.say_instead.get(lang))}",
        ]
    )
    sources: list[str] = []
    if myth.figure:
        figure = data.statistics.figure(myth.figure)
        sources += [source_link(figure, t), *checked_lines((figure,), data)]
    sources += [md_link(link.title.get(lang), link.url) for link in myth.links]
    notes = "\n\n".join(x for x in (f"{t('stats.myth_wrong')}: {myth.what_is_wrong.get(lang)}", slide.notes) if x)
    title = slide.title or t("present.myth_title")
    return [ShownSlide("myth", title, slide.line, body=body, sources=tuple(dict.fromkeys(sources)), notes=notes)]


def phone_markdown(line: PhoneLine, data: DeckData) -> str:
    """One number as on a hotline card: call and text links, then what the line is, its hours and languages."""
    details = phone_details(line, data.t, data.lang)
    if not line.confirmed:
        details.append(md_escape(unconfirmed_text(line, data.t)))
    return " · ".join(phone_links(line, data.t)) + " (" + ", ".join(details) + ")"


def phone_source(owner: str, line: PhoneLine, data: DeckData) -> str:
    """Where a number is published and when it was compared with that page, as one line for a slide's foot."""
    said = data.t("present.number_published", owner=owner)
    return f"{md_escape(said)} {md_link(site_name(line.source), line.source)}{md_escape(compared_text(line, data.t))}"


def crisis_markdown(data: DeckData) -> tuple[str, tuple[str, ...]]:
    """The crisis strip's lines as a list, with the source line of every number."""
    items, sources = [], []
    for hotline in data.hotlines.crisis_strip:
        name = hotline.short_name.get(data.lang)
        numbers = " · ".join(_short_links(hotline, data))
        items.append(f"- **{md_escape(name)}**: {numbers}")
        sources += [phone_source(name, line, data) for line in hotline.phones]
    return "\n".join(items), tuple(dict.fromkeys(sources))


def _short_links(hotline: Hotline, data: DeckData) -> Iterator[str]:
    for line in hotline.phones:
        if line.number:
            yield call_link(line, data.t)
        if line.text_to and line.text_to != line.number:
            yield text_link(line, data.t)


def _crisis(slide: Slide, data: DeckData) -> list[ShownSlide]:
    body, sources = crisis_markdown(data)
    title = slide.title or data.t("present.crisis_title")
    return [ShownSlide("crisis-lines", title, slide.line, body=body, sources=sources, notes=slide.notes)]


def _hotline(slide: Slide, data: DeckData) -> list[ShownSlide]:
    hotline = data.hotlines.by_id(slide.hotline)
    lang = data.lang
    parts = [md_escape(hotline.about.get(lang)), "\n".join(f"- {phone_markdown(p, data)}" for p in hotline.phones)]
    if hotline.notes.get(lang):
        parts.append(md_escape(hotline.notes.get(lang)))
    sources = tuple(dict.fromkeys(phone_source(hotline.short_name.get(lang), p, data) for p in hotline.phones))
    title = slide.title or hotline.name.get(lang)
    return [ShownSlide("hotline", title, slide.line, body="\n\n".join(parts), sources=sources, notes=slide.notes)]


def _closing(slide: Slide, data: DeckData) -> list[ShownSlide]:
    body, sources = crisis_markdown(data)
    url = data.site.public_url
    if url:
        body += "\n\n" + md_escape(data.t("present.qr_caption", url=url))
    title = slide.title or data.t("present.closing_title")
    return [ShownSlide("closing", title, slide.line, body=body, qr_url=url or None, sources=sources, notes=slide.notes)]


def _status(slide: Slide, data: DeckData) -> list[ShownSlide]:
    return {"directory": _status_directory, "questions": _status_questions, "newest-figures": _status_newest}[slide.status](
        slide, data
    )


def _status_directory(slide: Slide, data: DeckData) -> list[ShownSlide]:
    t = data.t
    summary = verification_summary(data.agencies, data.hotlines, data.site, DEFAULT_MONTHS, data.today)
    items = [
        t("present.status_confirmed", confirmed=summary.confirmed, total=summary.total),
        t("present.status_entries", count=len(summary.entries), total=summary.total),
        t("present.status_numbers", count=len(summary.numbers), months=DEFAULT_MONTHS),
        t("present.status_questions", count=len(summary.questions)),
    ]
    title = slide.title or t("present.status_directory_title")
    return _paged(slide, title, [md_escape(item) for item in items], _status_source(data), t)


def _status_questions(slide: Slide, data: DeckData) -> list[ShownSlide]:
    t = data.t
    title = slide.title or t("present.status_questions_title")
    items = [md_escape(question.get(data.lang)) for question in data.agencies.open_questions]
    return _paged(slide, title, items or [md_escape(t("present.status_no_questions"))], _status_source(data), t)


def _status_source(data: DeckData) -> str:
    return md_escape(data.t("present.status_source", date=long_date(data.today, data.t)))


def _paged(slide: Slide, title: str, items: list[str], source: str, t: Translate) -> list[ShownSlide]:
    """A generated list as one slide, or several ("(1 of 2)") where it would not fit on one."""
    pages: list[list[str]] = [[]]
    for item in items:
        candidate = [*pages[-1], f"- {item}"]
        text = plain("\n".join(candidate))
        if pages[-1] and fit_problem(words(text), estimated_lines(text)):
            pages.append([f"- {item}"])
        else:
            pages[-1] = candidate
    shown = []
    for index, page in enumerate(pages, start=1):
        heading = title if len(pages) == 1 else t("present.part", title=title, part=index, parts=len(pages))
        notes = slide.notes if index == 1 else ""
        shown.append(ShownSlide("status", heading, slide.line, body="\n".join(page), sources=(source,), notes=notes))
    return shown


def newest_year(period_label: str) -> int:
    """The latest year a period label names: 2019 for "2019", 2022 for "FY2022", 2020 for "2000-2020"."""
    years = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", period_label)]
    return max(years) if years else 0


def _status_newest(slide: Slide, data: DeckData) -> list[ShownSlide]:
    t = data.t
    items = []
    for topic in TOPICS:
        figures = [f for f in data.statistics.figures if f.topic == topic]
        if not figures:
            continue
        newest = max(newest_year(f.period_label.en) for f in figures)
        latest = [f for f in figures if newest_year(f.period_label.en) == newest]
        items.append(
            md_escape(
                t(
                    "present.status_newest_item",
                    topic=t(f"stats.topic.{topic}"),
                    year=newest or "?",
                    count=len(latest),
                    publishers=", ".join(dict.fromkeys(f.publisher.split(" (")[0] for f in latest)),
                )
            )
        )
    title = slide.title or t("present.status_newest_title")
    total = len(data.statistics.figures)
    source = md_escape(t("present.status_newest_source", count=total, date=long_date(data.today, t)))
    return _paged(slide, title, items, source, t)


_BUILDERS: dict[str, Callable[[Slide, DeckData], list[ShownSlide]]] = {
    "text": _text,
    "section": _section,
    "figures": _figures,
    "chart": _chart,
    "signs": _signs,
    "myth": _myth,
    "crisis-lines": _crisis,
    "hotline": _hotline,
    "closing": _closing,
    "status": _status,
}


@dataclass(frozen=True)
class SlideHtml:
    """A slide as escaped HTML: what goes above its chart (if any) and what goes below it."""

    top: str
    bottom: str


def slide_html(slide: ShownSlide, number: int, total: int, t: Translate, note: str = "") -> SlideHtml:
    """The projector layout: progress line, title, body, figures, QR code; sources and slide number at the foot.

    `note` is the one discreet line of an unreviewed translation: on a slide it goes under the sources, where it
    takes no room from the slide (the frame's line above the page would push the slide off a projector)."""
    progress = round(100 * number / total, 2) if total else 100
    parts = [
        f'<div class="slide-progress" role="progressbar" aria-label="{escape(t("present.progress_label"))}" '
        f'aria-valuemin="1" aria-valuemax="{total}" aria-valuenow="{number}">'
        f'<div class="slide-progress-done" style="width: {progress}%"></div></div>',
        f'<h1 class="slide-title">{escape(slide.title)}</h1>',
    ]
    body = []
    if slide.body:
        body.append(f'<div class="slide-text">{markdown_html(slide.body)}</div>')
    for figure in slide.figures:
        lines = "".join(f"<p>{_inline_html(line)}</p>" for line in figure.lines)
        body.append(
            f'<div class="slide-figure"><p class="slide-value">{escape(figure.value)}</p>'
            f'<div class="slide-figure-lines">{lines}<p class="slide-checked">{_inline_html(figure.checked)}</p></div></div>'
        )
    if slide.qr_url:
        alt = escape(t("present.qr_alt", url=slide.qr_url))
        body.append(f'<img class="slide-qr" src="{qr_data_uri(slide.qr_url)}" alt="{alt}">')
    if body:
        kind = escape(slide.kind)
        parts.append(f'<div class="slide-body slide-{kind}">{"".join(body)}</div>')
    # One paragraph: the source links sit inside a line of text, as links in a sentence do.
    sources = " · ".join(f'<span class="slide-source">{_inline_html(source)}</span>' for source in slide.sources)
    said = f'<p class="slide-translation">{escape(note)}</p>' if note else ""
    bottom = (
        f'<footer class="slide-foot"><div class="slide-foot-text"><p class="slide-sources">{sources}</p>{said}</div>'
        f'<p class="slide-number">{escape(t("present.slide_of", number=number, total=total))}</p></footer>'
    )
    return SlideHtml("".join(parts), bottom)


def _inline_html(markdown: str) -> str:
    """One line of escaped Markdown as HTML without the paragraph around it."""
    rendered = markdown_html(markdown).strip()
    return rendered.removeprefix("<p>").removesuffix("</p>")


def notes_html(slide: ShownSlide, t: Translate) -> str:
    """The speaker notes: plain text, paragraph by paragraph."""
    if not slide.notes.strip():
        return f'<p class="slide-notes-empty">{escape(t("present.no_notes"))}</p>'
    paragraphs = "".join(f"<p>{escape(p.strip())}</p>" for p in slide.notes.split("\n\n") if p.strip())
    return f'<section class="slide-notes" aria-label="{escape(t("present.notes_heading"))}">{paragraphs}</section>'
