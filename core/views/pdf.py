"""Printable decks and handouts: one landscape page per slide, and a one-page US Letter handout per language.

Text is set in DejaVu Sans (assets/fonts, embedded, full Spanish coverage); charts are drawn by
vl-convert (the engine Altair uses to save charts) as vector PDF and laid onto their slide's page.
Everything comes from the same shown slides and data as the presenter view. Streamlit-free.
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import vl_convert
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from core.content.problems import CODE_ROOT
from core.content.text import HANDOUT_PAGE, without_sentences
from core.domain.decks import DeckData, section_headings, section_text
from core.domain.site import deck_data
from core.views.render import article_markdown, long_date, review_text
from core.views.slides import ShownSlide, plain, plain_blocks, qr_matrix

if TYPE_CHECKING:
    from core.domain.site import Site

FONTS = CODE_ROOT / "assets" / "fonts"
FONT = "DejaVu"
MM_PER_PT = 25.4 / 72
SLIDE_W, SLIDE_H = 338.67, 190.5
"""A 16:9 page (13.33 by 7.5 inches), the shape of the projector view."""
NOTES_H = 110.0
"""With notes, each page is taller by this much, and the notes sit under the slide."""
MARGIN = 14.0
LETTER_W, LETTER_H = 215.9, 279.4
# Type sizes in points, in the same proportion to the page's width as the projector view's to the screen's.
TITLE_PT, BODY_PT, VALUE_PT, FIGURE_PT, SOURCE_PT = 28.0, 17.5, 40.0, 13.5, 8.5
INK = (0, 0, 0)
GREY = (70, 70, 70)

ChartPdf = Callable[[str], bytes]
"""Vector PDF bytes of a chart, by series id."""


class Document(FPDF):
    """An FPDF with the embedded fonts and no automatic page breaks (every page is laid out on purpose); its creator
    is the site's title, from the strings file."""

    def __init__(self, width: float, height: float, title: str, lang: str, creator: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format=(width, height))
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_title(title)
        self.set_lang(lang)
        self.set_creator(creator)
        self.set_text_color(*INK)

    def close_fonts(self) -> None:
        """Close the font files of a document that will not be written (output() closes them otherwise)."""
        for font in self.fonts.values():
            if hasattr(font, "close"):
                font.close()

    def text_height(self, text: str, width: float, size: float, style: str = "") -> float:
        self.set_font(FONT, style, size)
        return self.multi_cell(width, size * MM_PER_PT * 1.3, text, dry_run=True, output="HEIGHT")

    def write_block(self, text: str, width: float, size: float, style: str = "", x: float | None = None) -> None:
        self.set_font(FONT, style, size)
        if x is not None:
            self.set_x(x)
        self.multi_cell(width, size * MM_PER_PT * 1.3, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")


def _blocks_text(markdown: str) -> list[tuple[str, str]]:
    return [(kind, ("•  " + text) if kind == "li" else text) for kind, text in plain_blocks(markdown)]


def _fit_size(doc: Document, blocks: Sequence[tuple[str, str]], width: float, room: float, size: float) -> float:
    """The largest type size, at most `size`, at which the blocks fit in `room` millimetres."""
    while size > 9:
        gap = size * MM_PER_PT * 0.45
        if sum(doc.text_height(text, width, size) + gap for _, text in blocks) <= room:
            return size
        size -= 0.5
    return size


def _slide_page(
    doc: Document, slide: ShownSlide, number: int, total: int, deck_title: str, data: DeckData, note: str = ""
) -> tuple | None:
    """Lay out one slide on a new page; returns where its chart goes (x, y, w, h in mm), if it has one."""
    t = data.t
    doc.add_page()
    width = SLIDE_W - 2 * MARGIN
    doc.set_fill_color(18, 53, 91)
    doc.rect(MARGIN, 8, width * number / total, 1.2, style="F")
    doc.set_y(MARGIN)
    doc.write_block(slide.title, width, TITLE_PT, "B")
    top = doc.get_y() + 3
    sources = [plain(source) for source in slide.sources]
    foot = "\n".join([*sources, note] if note else sources)
    foot_h = doc.text_height(foot, width - 60, SOURCE_PT) if foot else 0
    bottom = SLIDE_H - MARGIN + 4 - foot_h
    doc.set_y(top)
    body_w = width - (62 if slide.qr_url else 0)
    chart_box = None
    if slide.series:
        chart_box = (MARGIN, top, width, bottom - top - 3)
    blocks = _blocks_text(slide.body) if slide.body else []
    if blocks:
        size = _fit_size(doc, blocks, body_w, bottom - top - 3 - 30 * len(slide.figures), BODY_PT)
        for kind, text in blocks:
            doc.write_block(text, body_w, size, x=MARGIN + (4 if kind == "li" else 0))
            doc.set_y(doc.get_y() + size * MM_PER_PT * 0.45)
    for figure in slide.figures:
        y = doc.get_y()
        doc.set_xy(MARGIN, y)
        doc.set_font(FONT, "B", VALUE_PT)
        doc.set_text_color(18, 53, 91)
        doc.cell(55, VALUE_PT * MM_PER_PT * 1.1, figure.value)
        doc.set_text_color(*INK)
        lines = [plain(line) for line in figure.lines] + [plain(figure.checked)]
        size = _fit_size(doc, [("p", text) for text in lines], width - 60, (bottom - y) / len(slide.figures) - 4, FIGURE_PT)
        doc.set_xy(MARGIN + 60, y)
        for index, text in enumerate(lines):
            doc.write_block(text, width - 60, size, "B" if index == 0 else "", x=MARGIN + 60)
        doc.set_y(doc.get_y() + 4)
    if slide.qr_url:
        _draw_qr(doc, slide.qr_url, SLIDE_W - MARGIN - 55, top, 55)
    doc.set_text_color(*GREY)
    doc.set_y(SLIDE_H - MARGIN + 4 - foot_h)
    if foot:
        doc.write_block(foot, width - 60, SOURCE_PT)
    doc.set_font(FONT, "", SOURCE_PT)
    doc.set_xy(SLIDE_W - MARGIN - 58, SLIDE_H - MARGIN + 4 - SOURCE_PT * MM_PER_PT * 1.3)
    doc.cell(58, SOURCE_PT * MM_PER_PT * 1.3, t("present.pdf_page", deck=deck_title, number=number, total=total), align="R")
    doc.set_text_color(*INK)
    return chart_box


def _notes(doc: Document, slide: ShownSlide, t: Callable[..., str]) -> None:
    width = SLIDE_W - 2 * MARGIN
    doc.set_draw_color(120, 120, 120)
    doc.line(MARGIN, SLIDE_H + 2, SLIDE_W - MARGIN, SLIDE_H + 2)
    doc.set_y(SLIDE_H + 6)
    doc.write_block(t("present.pdf_notes"), width, 12, "B")
    text = slide.notes.strip() or t("present.no_notes")
    size = _fit_size(doc, [("p", text)], width, NOTES_H - 22, 13)
    doc.write_block(text, width, size)


def _draw_qr(doc: Document, url: str, x: float, y: float, size: float, address: bool = True) -> None:
    """The QR code as black squares (vector), with its address under it (unless `address` is False)."""
    matrix = qr_matrix(url)
    cell = size / len(matrix)
    doc.set_fill_color(255, 255, 255)
    doc.rect(x, y, size, size, style="F")
    doc.set_fill_color(0, 0, 0)
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            if dark:
                doc.rect(x + column * cell, y + row * cell, cell, cell, style="F")
    doc.set_xy(x, y + size)
    if address:
        doc.set_font(FONT, "", 8)
        doc.set_xy(x - 5, y + size + 1)
        doc.multi_cell(size + 10, 3.6, url, align="C")


def deck_pdf(
    title: str, slides: Sequence[ShownSlide], data: DeckData, chart_pdf: ChartPdf, notes: bool = False, note: str = ""
) -> bytes:
    """The deck as a PDF: one page per slide, charts as vector graphics, sources on every page, notes if asked.

    `note`: the line of an unreviewed translation, at the foot of every page under the sources."""
    height = SLIDE_H + (NOTES_H if notes else 0)
    doc = Document(SLIDE_W, height, title, data.lang, data.t("site.title"))
    charts: dict[int, tuple[str, tuple]] = {}
    for number, slide in enumerate(slides, start=1):
        box = _slide_page(doc, slide, number, len(slides), title, data, note)
        if box and slide.series:
            charts[number - 1] = (slide.series, box)
        if notes:
            _notes(doc, slide, data.t)
    out = bytes(doc.output())
    return _lay_charts(out, charts, chart_pdf, height) if charts else out


def _lay_charts(document: bytes, charts: dict[int, tuple[str, tuple]], chart_pdf: ChartPdf, page_height: float) -> bytes:
    """Lay each chart's vector PDF onto its page, scaled into its box and centred."""
    # Here, not at the top: pypdf takes about 0.4 s to import, and only a handout with charts needs it.
    from pypdf import PdfReader, PdfWriter, Transformation

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(document)))
    for index, (series_id, (x, y, w, h)) in charts.items():
        chart = PdfReader(io.BytesIO(chart_pdf(series_id))).pages[0]
        cw, ch = float(chart.mediabox.width), float(chart.mediabox.height)
        box_w, box_h = w / MM_PER_PT, h / MM_PER_PT
        scale = min(box_w / cw, box_h / ch)
        left = x / MM_PER_PT + (box_w - cw * scale) / 2
        bottom = (page_height - y - h) / MM_PER_PT + (box_h - ch * scale)
        writer.pages[index].merge_transformed_page(chart, Transformation().scale(scale).translate(left, bottom))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@functools.lru_cache(maxsize=64)
def _vector_chart(spec_json: str) -> bytes:
    return vl_convert.vegalite_to_pdf(json.loads(spec_json))


def chart_pdf_from_spec(spec: dict[str, Any]) -> bytes:
    """A Vega-Lite spec as vector PDF, 800 points wide; made once per process for each spec."""
    fixed = dict(spec)
    fixed["width"] = 800
    return _vector_chart(json.dumps(fixed, sort_keys=True))


class HandoutTooLongError(ValueError):
    """The handout's content would run past its one page."""


def handout_steps(data: DeckData) -> list[tuple[str, list[str]]]:
    """The What to do page as the handout prints it: each section's heading and its paragraphs and list items
    (plain text, numbers filled in), less the sentences its front matter lists under not_on_handout."""
    article = data.articles.get(HANDOUT_PAGE)
    if article is None:
        return []

    steps = []
    for heading in section_headings(article.body):
        markdown = without_sentences(section_text(article.body, heading), article.meta.not_on_handout)
        blocks = plain_blocks(article_markdown(markdown, data.hotlines, data.site, data.lang))
        texts = [("•  " + text) if kind == "li" else text for kind, text in blocks if text.strip()]
        if texts:
            steps.append((heading, texts))
    return steps


def handout_compared(data: DeckData) -> str:
    """When the numbers the handout prints were last compared with their sources: one day, or from the first to the last."""
    t = data.t
    days = sorted({line.compared for hotline in data.hotlines.emergency_lines for line in hotline.phones})
    if not days:
        return ""
    if len(days) == 1:
        return t("handout.compared_on", date=long_date(days[0], t))
    return t("handout.compared_between", first=long_date(days[0], t), last=long_date(days[-1], t))


HANDOUT_SHOWS = (HANDOUT_PAGE, "warning-signs")
"""The pages whose words the handout prints (the lines, the site's facts and the interface words are on every page)."""


def handout_note(site: Site) -> str:
    """The line of an unreviewed translation, as the site's pages show it ("" in English, or once reviewed)."""
    if not any(site.unreviewed(path) for path in HANDOUT_SHOWS):
        return ""
    strings = site.parts["strings"].value
    return strings("frame.translation_unreviewed") if strings is not None else ""


def site_handout(site: Site) -> bytes:
    """The handout of a loaded site, in its language, marked as a draft while its translation is unreviewed."""

    data = deck_data(site.lang, site.parts, site.articles)
    if data is None:
        raise ValueError("the handout cannot be made while a file it draws on is broken (see `make check`)")
    return handout_pdf(data, handout_note(site))


def handout_pdf(data: DeckData, note: str = "") -> bytes:
    """One US Letter page: crisis and reporting lines, warning signs in brief, what to do, QR code, where the facts come from.

    `note`: the line of an unreviewed translation, printed under the title. Raises HandoutTooLongError if it would not fit."""
    t, lang = data.t, data.lang
    doc = Document(LETTER_W, LETTER_H, t("handout.title"), lang, t("site.title"))
    doc.add_page()
    width = LETTER_W - 2 * MARGIN
    url = data.site.public_url
    top_w = width - 50 if url else width
    doc.set_y(MARGIN - 2)
    doc.write_block(t("handout.title"), top_w, 17, "B")
    doc.write_block(data.site.name.get(lang), top_w, 10)
    if url:  # the address in words, beside its QR code
        doc.write_block(t("present.qr_caption", url=url), top_w, 9)
    if note:
        doc.set_text_color(*GREY)
        doc.write_block(note, top_w, 8.5)
        doc.set_text_color(*INK)
    below_title = doc.get_y() + 1
    after_qr = 0.0
    if url:  # the QR code at the top right
        _draw_qr(doc, url, LETTER_W - MARGIN - 38, MARGIN - 2, 38, address=False)
        after_qr = doc.get_y() + 2
    doc.set_y(below_title)

    _heading(doc, t("handout.lines_heading"), top_w)
    for hotline in data.hotlines.emergency_lines:
        lines_w = width - 50 if doc.get_y() < after_qr else width
        numbers = []
        for line in hotline.phones:
            if line.number:
                numbers.append(t("hotline.call", number=line.number))
            if line.text_to and line.text_to != line.number:
                numbers.append(
                    t("hotline.text", word=line.text_word, number=line.text_to)
                    if line.text_word
                    else t("hotline.text_plain", number=line.text_to)
                )
        hours = hotline.phones[0].hours.get(lang)
        detail = " · ".join(numbers) + (f" ({hours})" if hours else "")
        doc.set_font(FONT, "B", 10)
        doc.set_x(MARGIN)
        doc.multi_cell(lines_w, 4.6, f"{hotline.short_name.get(lang)}: {detail}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        doc.set_y(doc.get_y() + 0.6)
    doc.set_y(max(doc.get_y(), after_qr))

    _heading(doc, t("handout.signs_heading"), width)
    for category in data.signs.categories:
        doc.set_x(MARGIN)
        doc.set_font(FONT, "B", 9)
        doc.write(4.2, f"{category.title}: ")
        doc.set_font(FONT, "", 9)
        doc.write(4.2, category.about)
        doc.ln(4.6)

    _heading(doc, t("handout.do_heading"), width)
    for heading, texts in handout_steps(data):
        doc.set_x(MARGIN)
        doc.set_font(FONT, "B", 9)
        doc.multi_cell(width, 4.2, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for text in texts:
            doc.write_block(text, width, 9)
        doc.set_y(doc.get_y() + 0.8)

    facts = t(
        "handout.facts",
        compared=handout_compared(data),
        reviewed=review_text(data.site, t),
        count=len(data.statistics.figures),
    )
    facts_h = doc.text_height(facts, width, 7.5)
    overflow = doc.get_y() + 3 + facts_h - (LETTER_H - 6)
    if overflow > 0 or doc.page_no() != 1:
        doc.close_fonts()
        raise HandoutTooLongError(
            f"the one-page handout ({lang}) runs {overflow:.0f} mm past its page; list more background sentences "
            f"of the {HANDOUT_PAGE} page under not_on_handout in its front matter, or shorten the page"
        )
    doc.set_text_color(*GREY)
    doc.set_y(max(doc.get_y() + 3, LETTER_H - MARGIN - facts_h - 2))
    doc.write_block(facts, width, 7.5)
    doc.set_text_color(*INK)
    return bytes(doc.output())


def _heading(doc: Document, text: str, width: float) -> None:
    doc.set_y(doc.get_y() + 2.5)
    doc.write_block(text, width, 12, "B")
    doc.set_draw_color(0, 0, 0)
    doc.line(MARGIN, doc.get_y() + 0.3, MARGIN + width, doc.get_y() + 0.3)
    doc.set_y(doc.get_y() + 1.8)
