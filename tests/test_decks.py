"""Decks: the check's messages for a broken deck, the shipped decks, and slides that say what the site says."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from core.commands.check import check, warnings
from core.commands.report import build_report
from core.content.schema import DEFAULT_LANGUAGE, LANGUAGES
from core.content.translation import source_hash
from core.domain.decks import BODY_LINES, BODY_WORDS, LINE_CHARS, TITLE_WORDS, section_headings, slide_number
from core.domain.site import deck_data
from core.views.charts import chart_caption
from core.views.figures import card_lines, show_value, source_link, verification_text
from core.views.site import load_site
from core.views.slides import build_slides, plain, qr_matrix

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "fixtures" / "decks" / "broken.yaml"
SITE = load_site(ROOT)
DATA = deck_data("en", SITE.parts, SITE.articles)
STATS = SITE["statistics"].value.data
SITES = {
    lang: SITE if lang == DEFAULT_LANGUAGE else load_site(ROOT, lang) for lang in LANGUAGES if (ROOT / "content" / lang).is_dir()
}
"""The site in every language that has a folder under content/."""
TRANSLATIONS = sorted(set(SITES) - {DEFAULT_LANGUAGE})


def shown(deck_id: str, lang: str = DEFAULT_LANGUAGE):
    site = SITES[lang]
    return build_slides(site.decks[deck_id].value.deck, deck_data(lang, site.parts, site.articles))


def references(slide) -> tuple:
    """What a slide shows, by id (the heading is the page's own, in each language)."""
    return (slide.kind, slide.page, slide.figures, slide.series, slide.category, slide.myth, slide.hotline, slide.status)


def test_a_broken_deck_gives_every_problem_with_its_line_and_the_rest_of_the_site_still_loads(project_copy: Path) -> None:
    shutil.copy(BROKEN, project_copy / "content" / "en" / "decks" / "broken.yaml")
    site = load_site(project_copy)
    series = ", ".join(s.id for s in STATS.series)
    pages = ", ".join(sorted(SITE.articles))
    headings = "; ".join(f'"{h}"' for h in section_headings(SITE.article("how-it-happens").value.body))
    categories = ", ".join(c.id for c in SITE["warning_signs"].value.categories)
    fit = f"(at most {BODY_WORDS} words in {BODY_LINES} lines of about {LINE_CHARS} characters)"
    at = "content/en/decks/broken.yaml:{}: "
    assert [str(p) for p in site.decks["broken"].problems] == [
        at.format(5) + "minutes 500 is not a length for a talk (1 to 240 minutes)",
        at.format(7) + 'slide 1 "An unknown kind": kind "video" is not one of the allowed values '
        "(text, section, figures, chart, signs, myth, crisis-lines, hotline, closing, status)",
        at.format(9) + 'slide 2: figure "no-such-figure" is not the id of a figure in data/statistics.yaml',
        at.format(11) + f'slide 3: series "no-such-series" is not the id of a series (series: {series})',
        at.format(13) + f'slide 4: page "no-such-page" is not a page of this site (pages: {pages})',
        at.format(16) + f'slide 5: page "how-it-happens" has no section headed "No such heading" (its headings: {headings})',
        at.format(19) + f'slide 6: category "no-such-category" is not a warning-signs category (categories: {categories})',
        at.format(21) + 'slide 7: myth "no-such-myth" is not the id of a myth-check entry',
        at.format(23) + 'slide 8: hotline "no-such-hotline" is not the id of a hotline in data/hotlines.yaml',
        at.format(25) + 'slide 9 "Too long": text has 80 words in 10 lines; a text slide holds at most 60 words in 6 lines '
        "(a line is about 90 characters)",
        at.format(35) + "a number that must never be shown is written here: "
        "1-800-344-6000 is San Diego County's child-abuse line, not Monterey County's",
        at.format(38) + 'slide 11 "Markup": HTML is not allowed in content ("</b>"); write Markdown instead',
        at.format(38) + 'slide 11 "Markup": HTML is not allowed in content ("<b>"); write Markdown instead',
        at.format(38) + 'slide 11 "Markup": link "http://example.org" is not an https:// web page '
        "(only https:// addresses are allowed here)",
        at.format(39) + 'slide 12 "A chart without its series": a chart slide needs "series"',
        at.format(41) + 'slide 13: "hotline" does not belong on a crisis-lines slide (a crisis-lines slide takes no reference)',
        at.format(43) + "slide 14: has 3 figures; a slide shows at most 2",
        at.format(45) + 'slide 15 "One two three four five six seven eight nine ten eleven t...": '
        "title has 13 words; a title holds at most 12 (one line)",
        at.format(47) + f"slide 16: would not fit on a slide: 155 words in about 18 lines {fit}",
    ]
    assert all(deck.ok for deck_id, deck in site.decks.items() if deck_id != "broken")
    assert all(part.ok for part in site.parts.values())
    assert all(a.ok for a in site.articles.values())


def test_the_check_command_names_the_broken_deck_and_fails(project_copy: Path) -> None:
    shutil.copy(BROKEN, project_copy / "content" / "en" / "decks" / "broken.yaml")
    run = subprocess.run(
        [sys.executable, "-m", "core.commands.check", str(project_copy)], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 1
    failures = [line for line in run.stdout.splitlines() if ": warning: " not in line]
    assert sum(line.startswith("content/en/decks/broken.yaml:") for line in failures) == 19


def test_a_deck_whose_data_is_broken_is_not_shown_and_names_the_data_file(project_copy: Path) -> None:
    path = project_copy / "data" / "statistics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 65\n", "value: sixty-five\n", 1), encoding="utf-8")
    site = load_site(project_copy)
    assert not site.decks["community-talk"].ok
    assert {p.path for p in site.decks["community-talk"].problems} == {"data/statistics.yaml"}
    assert site.article("what-to-do").ok


def test_the_shipped_decks_pass_and_have_the_length_the_talks_need() -> None:
    assert set(SITE.decks) >= {"community-talk", "task-force-briefing"}
    assert all(part.ok for part in SITE.decks.values()), [str(p) for d in SITE.decks.values() for p in d.problems]
    assert 10 <= len(SITE.decks["community-talk"].value.deck.slides) <= 15
    assert 6 <= len(SITE.decks["task-force-briefing"].value.deck.slides) <= 10


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_deck_has_a_translation_that_shows_the_same_slides(lang: str) -> None:
    site = SITES[lang]
    assert set(site.decks) == set(SITE.decks)
    assert all(part.ok for part in site.decks.values()), [str(p) for d in site.decks.values() for p in d.problems]
    for deck_id, part in site.decks.items():
        translated, english = part.value.deck, SITE.decks[deck_id].value.deck
        assert [references(s) for s in translated.slides] == [references(s) for s in english.slides], deck_id
        assert translated.translation is not None, f"content/{lang}/decks/{deck_id}.yaml needs a translation record"
        units = [u for u in site.units if u.path == f"content/{lang}/decks/{deck_id}.yaml"]
        assert len(units) == 1
        assert "present" in units[0].pages
        if not units[0].reviewed:
            assert site.unreviewed("present")  # the presenter view says so, in the deck's language


@pytest.mark.parametrize("lang", SITES)
def test_a_figure_on_a_slide_is_shown_as_its_card_on_the_statistics_page(lang: str) -> None:
    site = SITES[lang]
    t, stats = site["strings"].value, site["statistics"].value.data
    slides = [s for deck_id in site.decks for s in shown(deck_id, lang) if s.figures]
    assert slides
    for slide in slides:
        for figure in slide.figures:
            data = stats.figure(figure.id)
            assert figure.value == show_value(data, t)
            assert list(figure.lines) == card_lines(data, lang, t)[:-1]
            assert source_link(data, t) in slide.sources


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_a_translated_slide_draws_the_translated_data(lang: str) -> None:
    site = SITES[lang]
    data = deck_data(lang, site.parts, site.articles)
    for deck_id, part in site.decks.items():
        built_slides = shown(deck_id, lang)
        for slide in part.value.deck.slides:
            built = next(b for b in built_slides if b.line == slide.line)
            if slide.kind == "signs":
                category = next(c for c in data.signs.categories if c.id == slide.category)
                assert plain(category.about) in plain(built.body)
            if slide.kind == "myth":
                myth = next(m for m in data.statistics.myths if m.id == slide.myth)
                assert " ".join(myth.claim.get(lang).split()) in plain(built.body)
            if slide.status == "questions":
                listed = " ".join(plain(b.body) for b in built_slides if b.line == slide.line)
                for question in data.agencies.open_questions:
                    assert " ".join(question.get(lang).split()) in " ".join(listed.split())
            if slide.kind == "chart":
                series = data.statistics.series_by_id(slide.series)
                points = data.statistics.points(series.id)
                assert plain(built.sources[0]) == chart_caption(series, points, lang, data.t)


def test_a_missing_or_stale_translated_deck_is_warned_and_a_missing_one_is_not_listed(project_copy: Path) -> None:
    lang = TRANSLATIONS[0]
    english = project_copy / "content" / "en" / "decks" / "community-talk.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace("minutes: 40", "minutes: 45"), encoding="utf-8")
    (project_copy / "content" / lang / "decks" / "task-force-briefing.yaml").unlink()
    found = [str(w) for w in warnings(project_copy)]
    translated = project_copy / "content" / lang / "decks" / "community-talk.yaml"
    recorded = load_site(project_copy, lang).decks["community-talk"].value.deck.translation
    assert (
        f"content/{lang}/decks/community-talk.yaml:{recorded.line}: warning: content/{lang}/decks/community-talk.yaml: "
        "stale translation (the older words stay on the page, marked as not reviewed, until updated and stamped with "
        f"`make stamp FILE=content/{lang}/decks/community-talk.yaml`): the English it was translated from is not on "
        f"record: compare content/en/decks/community-talk.yaml with its history"
    ) in found
    assert recorded.translated_from != source_hash(english.read_text(encoding="utf-8"))
    assert (
        f"content/en/decks/task-force-briefing.yaml:1: warning: the whole file: no translation in "
        f"content/{lang}/decks/task-force-briefing.yaml"
    ) in found
    assert check(project_copy) == []
    assert set(load_site(project_copy, lang).decks) == {"community-talk"}
    assert translated.exists()


def test_the_word_limits_apply_to_a_translated_deck(project_copy: Path) -> None:
    lang = TRANSLATIONS[0]
    path = project_copy / "content" / lang / "decks" / "community-talk.yaml"
    text = path.read_text(encoding="utf-8")
    long_title = " ".join(["palabra"] * 13)
    path.write_text(text.replace("kind: closing", f'kind: closing\n    title: "{long_title}"', 1), encoding="utf-8")
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "kind: closing" in row)
    last = len(SITE.decks["community-talk"].value.deck.slides) - 1
    problems = [str(p) for p in check(project_copy)]
    assert problems == [
        f'content/{lang}/decks/community-talk.yaml:{line}: slide {last + 1} "{long_title[:57]}...": '
        f"title has 13 words; a title holds at most {TITLE_WORDS} (one line)"
    ]


def test_the_facebook_chart_slide_carries_the_caption_and_every_source() -> None:
    t = SITE["strings"].value
    chart = next(s for s in shown("community-talk") if s.kind == "chart")
    series = STATS.series_by_id(chart.series)
    points = STATS.points(series.id)
    assert plain(chart.sources[0]) == chart_caption(series, points, "en", t)
    for point in points:
        assert source_link(point, t) in chart.sources


def test_the_briefing_counts_what_the_report_counts() -> None:
    report = "\n".join(build_report(ROOT, today=dt.date.today()))
    slides = shown("task-force-briefing")
    directory = plain(next(s for s in slides if s.title.startswith("Directory")).body)
    confirmed = report.split("Task force confirmation: ")[1].split(" entries")[0]  # "0 of 19"
    assert f"{confirmed} directory entries confirmed" in directory
    entries = report.split("Entries to verify (")[1].split(")")[0]
    numbers = report.split("Numbers to verify (")[1].split(")")[0]
    assert f"{entries} of " in directory
    assert f"{numbers} phone numbers" in directory
    questions = [s for s in slides if s.kind == "status" and "question" in s.title.lower()]
    listed = "\n".join(plain(s.body) for s in questions)
    for question in SITE["directory"].value.file.open_questions:
        assert " ".join(question.en.split()) in listed


def test_every_phone_number_on_the_crisis_slides_is_a_crisis_strip_number() -> None:
    for deck_id in SITE.decks:
        for slide in shown(deck_id):
            if slide.kind in ("crisis-lines", "closing"):
                text = plain(slide.body)
                for hotline in SITE["hotlines"].value.crisis_strip:
                    for line in hotline.phones:
                        assert (line.number or line.text_to) in text


def test_without_a_public_address_the_closing_slide_shows_no_code_and_no_note_for_editors() -> None:
    # The site as shipped without public_url, whether or not data/site.yaml sets one.
    data = deck_data("en", SITE.parts, SITE.articles)
    data = dataclasses.replace(data, site=dataclasses.replace(data.site, public_url=None))
    closing = next(s for s in build_slides(SITE.decks["community-talk"].value.deck, data) if s.kind == "closing")
    assert closing.qr_url is None
    assert "QR" not in plain(closing.body)  # the editor is warned by `make check` instead


def test_the_qr_code_decodes_to_the_address_with_a_real_decoder(tmp_path: Path) -> None:
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.fail("zbarimg is missing: install zbar-tools (the Makefile's browser-deps does)")
    url = "https://csec.example.org/what-to-do?lang=es"
    matrix = qr_matrix(url)
    size = len(matrix)
    image = Image.new("L", (size, size), 255)
    image.putdata([0 if dark else 255 for row in matrix for dark in row])
    path = tmp_path / "qr.png"
    image.resize((size * 8, size * 8), Image.NEAREST).save(path)
    decoded = subprocess.run([zbarimg, "--raw", "-q", str(path)], capture_output=True, text=True, check=True).stdout
    assert decoded.strip() == url


@pytest.mark.parametrize("lang", sorted(SITES))
def test_chart_and_myth_slides_say_how_each_figure_was_checked_and_where_a_second_hand_one_was_read(lang: str) -> None:
    site = SITES[lang]
    data = deck_data(lang, site.parts, site.articles)
    secondary = 0
    for part in site.decks.values():
        deck = part.value.deck
        built = build_slides(deck, data)
        for slide in deck.slides:
            if slide.kind == "chart":
                figures = data.statistics.points(slide.series)
            elif slide.kind == "myth":
                myth = next(m for m in data.statistics.myths if m.id == slide.myth)
                figures = [data.statistics.figure(myth.figure)] if myth.figure else []
            else:
                continue
            [shown_slide] = [s for s in built if s.line == slide.line]
            foot = " ".join(plain(source) for source in shown_slide.sources)
            for figure in figures:
                assert " ".join(verification_text(figure, data.t).split()) in " ".join(foot.split()), (slide.line, figure.id)
                if figure.verification == "secondary":
                    assert " ".join(figure.read_in.get(lang).split()) in " ".join(foot.split())
                    secondary += 1
    assert secondary  # the shipped talk shows second-hand figures (the 65% chart and its myth)


@pytest.mark.parametrize("lang", sorted(SITES))
def test_the_community_talk_gives_mandated_reporters_the_written_report_and_its_deadline(lang: str) -> None:
    """Penal Code 11166 (the link's note in data/site.yaml): a report by telephone, then a written one within N hours."""

    law = SITE["site"].value.link("penal-code-11166")
    hours = re.search(r"within (\d+) hours", law.note.en).group(1)
    section = re.search(r"section (\d+)", law.title.en).group(1)
    bodies = [" ".join(plain(s.body).split()) for s in shown("community-talk", lang)]
    assert any(re.search(rf"\b{hours}\b", body) and section in body for body in bodies)


@pytest.mark.parametrize(
    ("wanted", "total", "number"),
    [("3", 5, 3), ("5", 5, 5), ("1", 1, 1), ("6", 5, 1), ("0", 5, 1), ("-2", 5, 1), ("x", 5, 1), ("", 5, 1), (None, 5, 1)],
)
def test_the_address_names_a_slide_inside_the_deck_or_the_first(wanted: str | None, total: int, number: int) -> None:
    assert slide_number(wanted, total) == number
