"""What the site says was done is what was done; editorial policies are content-check rules, not test constants."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest
from shipped import AGENCIES, FACTS, HOTLINES, ROOT, SITE, T

from core.content.models import Confirmation, Review
from core.views.figures import quote_label
from core.views.render import footer_markdown, long_date, phone_details, phone_trust
from core.views.site import load_site

CODE = sorted(
    {
        *ROOT.glob("*.py"),
        *(ROOT / "pages").glob("*.py"),
        *(ROOT / "ui").rglob("*.py"),
        *(ROOT / "core").rglob("*.py"),
        *(ROOT / "entry").glob("*.py"),
    }
)
DISCOURAGING = re.compile(r"before relying|confirm (it |them )?before|do not rely|may not work", re.IGNORECASE)


def plain(markdown: str) -> str:
    return html.unescape(markdown)


def every_line():
    yield from ((hotline.notes.en, line) for hotline in HOTLINES.hotlines for line in hotline.phones)
    yield from ((agency.notes.en, line) for agency in AGENCIES for line in agency.phones)
    yield "", FACTS.contact


# --- Item 2: compared with a source, versus confirmed by the task force -----------------------------


def test_every_number_says_where_it_is_published_and_when_it_was_compared_never_checked() -> None:
    for _, line in every_line():
        text = plain(" ".join(phone_trust(line, T)))
        assert text.startswith(T("trust.published_on")), text
        assert line.source in " ".join(phone_trust(line, T))
        assert long_date(line.compared, T) in text
        assert "checked" not in text.lower()
        assert "verified" not in text.lower()


def test_a_task_force_confirmation_is_shown_only_when_it_happened() -> None:
    line = FACTS.contact
    assert line.task_force_confirmed is None
    assert not any("Confirmed" in plain(x) for x in phone_trust(line, T))
    called = dataclasses.replace(
        line, task_force_confirmed=Confirmation(by="A. Member, coordinator", date=dt.date(2026, 12, 1), how="call")
    )
    text = plain(" ".join(phone_trust(called, T)))
    assert "A. Member, coordinator" in text
    assert "test call" in text
    assert long_date(dt.date(2026, 12, 1), T) in text
    assert T("trust.unconfirmed", confidence=T(f"hotline.confidence_{line.confidence}")) not in text


def test_crisis_and_help_lines_never_tell_a_visitor_to_doubt_a_number_before_calling() -> None:
    for notes, line in every_line():
        text = plain(" ".join(phone_trust(line, T))) + " " + notes
        assert not DISCOURAGING.search(text), text
    for key, value in T.texts.items():
        if key.startswith(("trust.", "hotline.")):
            assert not DISCOURAGING.search(value), key


def test_the_footer_says_the_content_is_not_yet_reviewed_while_content_reviewed_is_empty() -> None:
    footer = plain(footer_markdown(dataclasses.replace(FACTS, content_reviewed=None), T, "en"))
    assert T("trust.not_reviewed") in footer
    reviewed = dataclasses.replace(FACTS, content_reviewed=Review(by="A. Member, coordinator", date=dt.date(2026, 12, 1)))
    footer = plain(footer_markdown(reviewed, T, "en"))
    assert T("trust.reviewed", by="A. Member, coordinator", date=long_date(dt.date(2026, 12, 1), T)) in footer
    assert T("trust.not_reviewed") not in footer


# --- Item 3: the task force's own line ---------------------------------------------------------------


def test_the_footer_marks_the_task_force_line_as_the_what_to_do_page_does_and_not_a_crisis_line() -> None:
    footer = plain(footer_markdown(FACTS, T, "en"))
    contact = FACTS.contact
    assert T("frame.footer_not_crisis") in footer
    assert f"(tel:+1{re.sub(r'[^0-9]', '', contact.number)})" in footer
    mark = T("trust.unconfirmed", confidence=T(f"hotline.confidence_{contact.confidence}"))
    assert (mark in footer) is (not contact.confirmed)
    assert any(mark in plain(x) for x in phone_trust(contact, T)) is (not contact.confirmed)


# --- Items 9 and 11: policies are content-check rules with file and line ------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for folder in ("content", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_site(root).problems]


def line_of(root: Path, relative: str, needle: str) -> int:
    lines = (root / relative).read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, start=1) if needle in text)


def hotline_block(hotline_id: str) -> str:
    text = (ROOT / "data" / "hotlines.yaml").read_text(encoding="utf-8")
    start = text.index(f"  - id: {hotline_id}\n")
    end = text.find("\n  - id: ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_filling_in_content_reviewed_as_contributing_says_passes_the_check(project: Path) -> None:
    path = project / "data" / "site.yaml"
    text = re.sub(r"\ncontent_reviewed:.*\n(?:  .*\n)*", "\ncontent_reviewed:\n", path.read_text(encoding="utf-8"), count=1)
    path.write_text(text, encoding="utf-8")
    edit(
        project,
        "data/site.yaml",
        "\ncontent_reviewed:\n",
        '\ncontent_reviewed:\n  by: "A. Member, coordinator"\n  date: 2026-12-01\n',
    )
    assert problems(project) == []
    assert load_site(project)["site"].value.content_reviewed == Review(by="A. Member, coordinator", date=dt.date(2026, 12, 1))


def test_the_crisis_strip_must_hold_911_a_reporting_line_and_the_default_line(project: Path) -> None:
    emergency = next(h for h in HOTLINES.crisis_strip if any(p.number == "911" for p in h.phones))
    block = hotline_block(emergency.id)
    edit(project, "data/hotlines.yaml", block, block.replace("    in_crisis_strip: true\n", ""))
    top = line_of(project, "data/hotlines.yaml", "hotlines:")
    assert problems(project) == [
        f"data/hotlines.yaml:{top}: the crisis strip must hold 911: set in_crisis_strip: true on the 911 line",
    ]


def test_the_crisis_strip_holds_crisis_and_reporting_lines_only(project: Path) -> None:
    support = next(h for h in HOTLINES.hotlines if not h.in_crisis_strip and any(p.purpose == "support" for p in h.phones))
    block = hotline_block(support.id)
    edit(project, "data/hotlines.yaml", block, block.replace("\n    phones:\n", "\n    in_crisis_strip: true\n    phones:\n", 1))
    found = problems(project)
    assert len(found) == sum(1 for p in support.phones if p.purpose not in ("crisis", "report"))
    assert all("is in the crisis strip, which holds crisis and reporting lines only" in p for p in found)
    assert all(p.startswith("data/hotlines.yaml:") for p in found)


def test_exactly_one_line_is_the_default_help(project: Path) -> None:
    edit(project, "data/hotlines.yaml", "    default_help: true\n", "")
    top = line_of(project, "data/hotlines.yaml", "hotlines:")
    assert problems(project) == [
        f"data/hotlines.yaml:{top}: no hotline has default_help: true; mark the one line to offer when nothing else fits"
    ]


def test_a_second_default_help_line_is_refused_at_its_line(project: Path) -> None:
    other = next(h for h in HOTLINES.crisis_strip if not h.default_help)
    block = hotline_block(other.id)
    edit(
        project,
        "data/hotlines.yaml",
        block,
        block.replace("    in_crisis_strip: true\n", "    in_crisis_strip: true\n    default_help: true\n"),
    )
    marked = [line_of(project, "data/hotlines.yaml", f"- id: {h}") for h in (other.id, HOTLINES.default_help.id)]
    line = max(marked)  # the second one in the file is refused
    (message,) = problems(project)
    assert message.startswith(f"data/hotlines.yaml:{line}: ")
    assert "only one line may have it" in message


def test_the_task_force_line_is_refused_among_the_hotlines(project: Path) -> None:
    number = FACTS.contact.number
    last = next(p for h in reversed(HOTLINES.hotlines) for p in h.phones if p.number)
    edit(project, "data/hotlines.yaml", f'number: "{last.number}"', f'number: "{number}"')
    found = problems(project)
    assert len(found) == 1
    assert "the task force's own line" in found[0]
    assert found[0].startswith("data/hotlines.yaml:")


def test_the_spotlight_sentence_is_refused_as_a_fact_in_a_page(project: Path) -> None:
    sentence = SITE["statistics"].value.data.spotlight.task_force_wording
    page = project / "content" / "en" / "pages" / "what-is-csec.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}.\n", encoding="utf-8")
    (message,) = problems(project)
    lines = len(page.read_text(encoding="utf-8").splitlines())
    assert message.startswith(f"content/en/pages/what-is-csec.md:{lines}: ")


def test_the_spotlight_sentence_in_a_spanish_page_is_reported_in_that_page(project: Path) -> None:
    # The check names the file that holds the sentence: the Spanish page, not the English one at that line.
    from core.commands.check import check

    sentence = SITE["statistics"].value.data.spotlight.task_force_wording
    relative = "content/es/pages/safety.md"
    page = project / relative
    page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}.\n", encoding="utf-8")
    lines = len(page.read_text(encoding="utf-8").splitlines())
    found = [str(p) for p in check(project) if "task_force_wording" in p.message]
    assert len(found) == 1, found
    assert found[0].startswith(f"{relative}:{lines}: "), found


def content_ids() -> set[str]:
    """Every id an editor gives in the data: hotlines, agencies, links, figures, series, myths."""
    stats = SITE["statistics"].value.data
    ids = {h.id for h in HOTLINES.hotlines} | {a.id for a in AGENCIES} | {link.id for link in FACTS.links}
    return ids | {f.id for f in stats.figures} | {s.id for s in stats.series} | {m.id for m in stats.myths}


def ids_named(source: str, ids: set[str]) -> list[tuple[int, str]]:
    """The string constants of Python source that are content ids, with their line numbers."""
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ids
    )


def test_no_code_names_a_content_id() -> None:
    """Pages and the domain layer use roles and flags from the data (default_help, in_crisis_strip), never an id an editor may rename."""
    ids = content_ids()
    named = [
        f"{path.relative_to(ROOT)}:{line}: {value}"
        for path in CODE
        for line, value in ids_named(path.read_text(encoding="utf-8"), ids)
    ]
    assert named == []


def test_the_id_scan_finds_an_id_however_code_writes_it() -> None:
    # A static scan is the right tool here (no run of a page shows which constant chose what it drew); this
    # shows the scan can fail. And it reads the code of every kind of module: pages, the frame, core, entry.
    some_id = sorted(content_ids())[0]
    source = f'x = "{some_id}"\nshow(id="{some_id}")\nfigures[{some_id!r}]\ndef f(a="{some_id}"): pass\n'
    assert ids_named(source, {some_id}) == [(1, some_id), (2, some_id), (3, some_id), (4, some_id)]
    assert ids_named(f'x = "{some_id}-other"  # {some_id}\n', {some_id}) == []
    assert {ROOT / "dashboard.py", ROOT / "entry" / "streamlit_app.py"} <= set(CODE)
    assert any(path.parent == ROOT / "pages" for path in CODE)
    assert any(ROOT / "core" in path.parents for path in CODE)


# --- Items 4 to 8: what the content claims ----------------------------------------------------------


def content_texts() -> list[tuple[str, str]]:
    """(path, text) of every Markdown page and statistics prose file, and of the data files."""
    paths = [*sorted((ROOT / "content" / "en").rglob("*.md")), *sorted((ROOT / "data").glob("*.yaml"))]
    return [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in paths]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n\s*\n", text) if s.strip()]


def test_911_claims_no_language_for_calls_and_each_language_claim_says_calls_or_texts() -> None:
    emergency = [p for h in HOTLINES.hotlines for p in h.phones if p.number == "911"]
    assert emergency
    assert all(not p.call_languages for p in emergency)  # no source documents the languages of 911 calls
    unqualified = T("directory.languages_line", languages="\0").split("\0")[0].strip()  # "Languages:", calls or texts unsaid
    for _, line in every_line():
        details = plain(" ".join(phone_details(line, T, "en")))
        assert unqualified not in details
    for path, text in content_texts():
        for sentence in sentences(text):
            if re.search(r"\b(200|250|170)\b.{0,40}languages", sentence):
                assert re.search(r"\bcalls?\b", sentence, re.IGNORECASE), f"{path}: {sentence}"


def test_no_figure_is_read_through_a_statistics_aggregator(project: Path) -> None:
    figures = SITE["statistics"].value.data.figures
    assert not [f.id for f in figures if "worldpopulationreview" in f"{f.read_in.en} {f.source_title} {f.source_note.en}".lower()]
    edit(
        project,
        "data/statistics.yaml",
        '    read_in: "Enough Is Enough',
        '    read_in: "WorldPopulationReview, quoting Enough Is Enough',
    )
    (message,) = problems(project)
    assert "statistics aggregator (worldpopulationreview)" in message
    assert message.startswith("data/statistics.yaml:")


def test_a_paraphrase_is_labelled_as_one_and_names_who_wrote_it(project: Path) -> None:
    figures = SITE["statistics"].value.data.figures
    for figure in figures:
        if "paraphras" in figure.read_in.en.lower():
            assert figure.quote_kind == "paraphrase", figure.id
        if figure.quote_kind == "paraphrase":
            assert figure.quote_by.en in quote_label(figure, T)
            assert quote_label(figure, T) != T("stats.quote_label")
    edit(
        project,
        "data/statistics.yaml",
        "    quote_kind: paraphrase\n    quote_by:",
        "    quote_kind: paraphrase\n    quote_note:",
    )
    edit(project, "data/statistics.yaml", "    quote_note:", "    quote_by: ''\n    # was:")
    (message,) = problems(project)
    assert message.endswith("quote_kind is paraphrase, so quote_by must name who wrote the words")


def test_derived_numbers_and_the_task_force_words_are_marked_as_what_they_are() -> None:
    for path, text in content_texts():
        for sentence in sentences(text):
            if "about 105" in sentence:
                assert "worked out" in sentence, f"{path}: {sentence}"
            if "occurs every day" in sentence.lower():
                assert "task force" in sentence.lower(), f"{path}: {sentence}"


def test_mandated_reporters_are_told_of_the_written_report_with_the_law_linked() -> None:
    body = SITE.article("what-to-do").value.body
    section = body[body.index("## For mandated reporters") :].split("\n## ")[0]
    assert "36 hours" in section
    assert "11166" in section
    ids = re.findall(r"\{\{link:([a-z0-9-]+)\}\}", section)
    urls = [FACTS.link(i).url for i in ids if i in {link.id for link in FACTS.links}]
    # The code section itself on the Legislature's codes display, not a bill that prints it.
    assert any(
        url.startswith("https://leginfo.legislature.ca.gov/faces/codes_displaySection") and "sectionNum=11166" in url
        for url in urls
    )


# A research fact kept as a literal on purpose: the research found three local counts (the county program's
# roughly 100 children since 2015, a tri-county needs assessment's 91 children in 2015-16, and the county office
# of education's 2018 figures), so no page outside the decks may speak of one local count.
ONE_LOCAL_COUNT = re.compile(r"\b(the one|the only|a single) (local count|monterey county figure|local figure)", re.IGNORECASE)


def test_no_page_calls_a_local_count_the_only_one() -> None:
    found = [(path, m.group(0)) for path, text in content_texts() for m in ONE_LOCAL_COUNT.finditer(" ".join(text.split()))]
    assert found == []
