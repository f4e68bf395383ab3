"""The printable deck and the handout: a page per slide, one page, text extractable with every source and number, fonts embedded."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.charts import series_chart
from core.pdf import FONT, Document, chart_pdf_from_spec, deck_pdf, handout_pdf
from core.phones import denied_numbers_in
from core.render import long_date
from core.schema import LANGUAGES
from core.site import deck_data, load_site
from core.slides import build_slides, plain

ROOT = Path(__file__).resolve().parent.parent
SITES = {lang: load_site(ROOT, lang) for lang in LANGUAGES if (ROOT / "content" / lang).is_dir()}
"""The site in every language that has a folder under content/."""
DATAS = {lang: deck_data(lang, site.parts, site.articles) for lang, site in SITES.items()}
POINTS_PER_INCH = 72


def unreviewed_note(lang: str) -> str:
    """The line an unreviewed translation carries at the foot of every page ("" in English or once reviewed)."""
    return DATAS[lang].t("frame.translation_unreviewed") if SITES[lang].unreviewed("present") else ""


def chart_in(lang: str):
    stats, t = DATAS[lang].statistics, DATAS[lang].t

    def chart(series_id: str) -> bytes:
        series = stats.series_by_id(series_id)
        return chart_pdf_from_spec(series_chart(series, stats.points(series_id), lang, t).to_dict())

    return chart


@pytest.fixture(scope="module")
def decks() -> dict[tuple[str, str, bool], tuple[tuple, PdfReader]]:
    """Every deck in every language, with and without notes: (lang, deck id, notes) -> (slides, the PDF)."""
    made = {}
    for lang, site in SITES.items():
        data = DATAS[lang]
        for deck_id, part in site.decks.items():
            slides = build_slides(part.value.deck, data)
            for notes in (False, True):
                made[lang, deck_id, notes] = (
                    slides,
                    PdfReader(
                        io.BytesIO(deck_pdf(part.value.deck.title, slides, data, chart_in(lang), notes, unreviewed_note(lang)))
                    ),
                )
    return made


@pytest.fixture(scope="module")
def handouts() -> dict[str, PdfReader]:
    return {lang: PdfReader(io.BytesIO(handout_pdf(data))) for lang, data in DATAS.items()}


def flat(text: str) -> str:
    return " ".join(text.split())


def fonts_of(reader: PdfReader) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font on every page."""
    found = []
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font.get("/BaseFont")), embedded))
    return found


def test_every_deck_of_every_language_is_printable(decks) -> None:
    assert {(lang, deck_id) for lang, deck_id, _ in decks} == {(lang, d) for lang, site in SITES.items() for d in site.decks}
    assert len(SITES) > 1
    assert all(SITES[lang].decks for lang in SITES)


def test_the_deck_has_one_landscape_page_per_slide_with_and_without_notes(decks) -> None:
    for (lang, deck_id, notes), (slides, reader) in decks.items():
        assert len(reader.pages) == len(slides), (lang, deck_id, notes)
        for page in reader.pages:
            assert float(page.mediabox.width) > float(page.mediabox.height)


def test_every_slide_page_carries_its_title_sources_and_numbers_as_text(decks) -> None:
    for (lang, deck_id, notes), (slides, reader) in decks.items():
        note = unreviewed_note(lang)
        for slide, page in zip(slides, reader.pages, strict=True):
            text = flat(page.extract_text())
            if note:  # an unreviewed translation says so on every page
                assert flat(note) in text, (lang, deck_id, slide.title)
            assert flat(slide.title) in text, (deck_id, slide.title)
            for source in slide.sources:
                assert flat(plain(source)) in text, (deck_id, slide.title, source)
            for figure in slide.figures:
                assert figure.value in text
            for number in re.findall(r"\b1-\d{3}-\d{3}-\d{4}\b|\b\d{3}-\d{3}-\d{4}\b|\b911\b", plain(slide.body)):
                assert number in text
            if notes and slide.notes:
                assert flat(slide.notes)[:80] in text
            if not notes:
                assert DATAS[lang].t("present.pdf_notes") not in text
            assert denied_numbers_in(page.extract_text()) == []


@pytest.mark.parametrize("lang", sorted(SITES))
def test_charts_are_vector_graphics_with_their_labels_as_text(decks, lang: str) -> None:
    slides, reader = decks[lang, "community-talk", False]
    assert any(slide.series for slide in slides)
    for slide, page in zip(slides, reader.pages, strict=True):
        if not slide.series:
            continue
        text = page.extract_text()
        for point in DATAS[lang].statistics.points(slide.series):
            assert point.group.get(lang) in text or point.period_label.get(lang) in text
        xobjects = page["/Resources"].get("/XObject") or {}
        images = [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
        assert images == []


def test_every_font_is_embedded(decks, handouts) -> None:
    for _, reader in (*decks.values(), *((None, handout) for handout in handouts.values())):
        fonts = fonts_of(reader)
        assert fonts
        assert all(embedded for _, embedded in fonts), fonts


@pytest.mark.parametrize("lang", sorted(SITES))
def test_the_handout_is_one_letter_page_with_every_line_and_where_the_facts_come_from(handouts, lang: str) -> None:
    handout, data = handouts[lang], DATAS[lang]
    assert len(handout.pages) == 1
    page = handout.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((8.5 * 72, 11 * 72), abs=0.5)
    text = flat(page.extract_text())
    for hotline in data.hotlines.hotlines:
        if hotline.in_crisis_strip or any(line.purpose == "report" for line in hotline.phones):
            for line in hotline.phones:
                assert (line.number or line.text_to) in text, hotline.id
    for category in data.signs.categories:
        assert flat(category.title) in text
    dates = sorted(line.compared for h in data.hotlines.hotlines for line in h.phones)
    assert long_date(dates[0], data.t) in text
    assert denied_numbers_in(page.extract_text()) == []
    if not data.site.public_url:
        assert flat(data.t("present.qr_missing")) in text


def test_the_embedded_font_covers_spanish() -> None:
    sample = "¿Qué pasó? ¡Niñas, niños y adolescentes! Información: pingüino, acción, «comillas»."
    doc = Document(200, 100, "prueba", "es")
    doc.add_page()
    doc.write_block(sample, 180, 12)
    text = flat(PdfReader(io.BytesIO(bytes(doc.output()))).pages[0].extract_text())
    assert text == sample
    assert FONT == "DejaVu"


def test_make_handouts_writes_a_handout_per_language(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "core.pdf", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    written = sorted(p.name for p in tmp_path.iterdir())
    languages = sorted(p.name for p in (ROOT / "content").iterdir() if p.is_dir())
    assert written == [f"handout-{lang}.pdf" for lang in languages]
    assert len(PdfReader(tmp_path / "handout-en.pdf").pages) == 1
