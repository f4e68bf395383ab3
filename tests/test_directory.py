"""The directory's data: loading, every rule against broken fixtures, the shipped file, exports and the report."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest

from core.commands import report
from core.content.load import load_model
from core.content.models import PhoneLine
from core.content.phones import DENIED_NUMBERS, digits
from core.content.problems import ContentError
from core.content.schema import Text
from core.domain.directory import KINDS, NOT_PUBLIC_NUMBERS, Agency, AgencyFile, is_24_hours, load_agencies
from core.domain.freshness import months_before
from core.views.directory import card_details, card_heading, card_trust, export_table
from core.views.export import csv_bytes
from core.views.site import load_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "directory"
SITE = load_site(ROOT)
T = SITE["strings"].value


def problems_of(name: str) -> list[str]:
    try:
        load_model(FIXTURES / name, AgencyFile, FIXTURES)
    except ContentError as err:
        return [str(p) for p in err.problems]
    return []


# --- loading -----------------------------------------------------------------------------------


def test_a_small_file_loads_with_every_field(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "good.yaml", tmp_path / "agencies.yaml")
    loaded = load_model(tmp_path / "agencies.yaml", AgencyFile, tmp_path)
    (agency,) = loaded.agencies
    assert agency.id == "county-helpers"
    assert agency.name == Text(en="County Helpers")
    assert agency.short_names == ("CH",)
    assert (agency.kind, agency.area, agency.cities) == ("victim-services", "county", ("Salinas",))
    assert agency.languages == ("English", "Spanish")
    assert agency.website == "https://example.org/helpers"
    assert agency.address == "1 Main St., Salinas, CA"
    assert (agency.compared, agency.task_force_confirmed, agency.confidence) == (dt.date(2026, 1, 15), None, "official")
    (phone,) = agency.phones
    assert (phone.number, phone.purpose, phone.hours.en, phone.compared) == (
        "831-375-4357",
        "crisis",
        "24 hours",
        dt.date(2026, 1, 15),
    )
    assert agency.open_24_hours
    assert agency.line == 3
    assert [question.en for question in loaded.open_questions] == ["Who answers the helpline at night?"]


# --- the broken-fixture catalogue: every rule, against the complete list of messages ------------

DENIED_8003446000 = "1-800-344-6000 is San Diego County's child-abuse line, not Monterey County's"
DENIED_8008565553 = "800-856-5553 appears in a single unconfirmed source; use CPS 1-800-606-6618"
DENIED_8217554475 = "821-755-4475 is a typo in a source (821 is not an area code)"
DENIED_8004222253 = "1-800-422-2253 is a typo for Childhelp's 1-800-422-4453"
NEVER = "a number that must never be shown is written here: "
FUTURE = "date 2999-01-01 is in the future; write the day it was done"
ALLOWED = "is not an https:// web page (only https:// addresses are allowed here)"
ENFORCEMENT = "is a law enforcement line, so its purpose is tips, report or office, not"

CATALOGUE = {
    "good.yaml": [],
    "phone-without-source-or-date.yaml": [
        'phone-without-source-or-date.yaml:7: agency 1 "County Helpers": phone 1: missing required field "compared"',
        'phone-without-source-or-date.yaml:7: agency 1 "County Helpers": phone 1: missing required field "source"',
    ],
    "bad-numbers.yaml": [
        'bad-numbers.yaml:8: agency 1 "County Helpers": phone 1, number "831-757-100" is not a valid US phone number',
        'bad-numbers.yaml:14: agency 1 "County Helpers": phone 2, number "(831) 375-4357" is not written the standard way; write "831-375-4357"',
        'bad-numbers.yaml:19: agency 1 "County Helpers": a phone line needs a number, a text_to, or both',
    ],
    "not-https.yaml": [
        f'not-https.yaml:7: agency 1 "Plain HTTP Website": website "http://example.org/helpers" {ALLOWED}',
        f'not-https.yaml:16: agency 2 "Phone Link Website": website "tel:831-375-4357" {ALLOWED}',
        f'not-https.yaml:26: agency 3 "Odd Sources": source 1 "tel:831-375-4357" {ALLOWED}',
        f'not-https.yaml:26: agency 3 "Odd Sources": source 3 "mailto:info@example.org" {ALLOWED}',
        f'not-https.yaml:34: agency 4 "Script Source": source 1 "javascript:alert(1)" {ALLOWED}',
        'not-https.yaml:42: agency 5 "No Sources": sources needs at least one https:// page',
        f'not-https.yaml:53: agency 6 "Mail Phone Source": phone 1, source "mailto:info@example.org" {ALLOWED}',
        f'not-https.yaml:68: agency 7 "HTTP Phone Source": phone 1, source "http://example.org/helpers" {ALLOWED}',
    ],
    "shelter-address.yaml": [
        'shelter-address.yaml:2: agency 1 "A Safe House": a shelter or safe house never has a street address; leave address empty',
        'shelter-address.yaml:12: agency 2 "Youth Services": a shelter or safe house never has a street address; leave address empty',
    ],
    "duplicate-id.yaml": [
        'duplicate-id.yaml:10: agency 2 "County Helpers, again": id "county-helpers" is already used at line 2',
    ],
    "not-public-lines.yaml": [
        'not-public-lines.yaml:7: agency 1 "County Probation": phone 1: 831-755-3981 is Juvenile Hall\'s facility line, not a public help line; leave it out',
        'not-public-lines.yaml:13: agency 1 "County Probation": phone 2: 831-755-8439 is the Department of Social Services\' media line, not a public help line; leave it out',
    ],
    "enforcement-help-line.yaml": [
        f'enforcement-help-line.yaml:7: agency 1 "Federal Investigators": phone 1 {ENFORCEMENT} "crisis" (help lines for victims are listed apart from enforcement)',
        f'enforcement-help-line.yaml:13: agency 1 "Federal Investigators": phone 2 {ENFORCEMENT} "support" (help lines for victims are listed apart from enforcement)',
    ],
    "wrong-values.yaml": [
        'wrong-values.yaml:2: agency 1 "County Helpers": id "County Helpers" is not a valid id (expected lowercase letters, digits and hyphens, like "county-cps")',
        'wrong-values.yaml:4: agency 1 "County Helpers": kind "shelter" is not one of the allowed values (law-enforcement, prosecution, child-welfare, victim-services, health, education, youth-services, federal, community)',
        'wrong-values.yaml:6: agency 1 "County Helpers": area "state" is not one of the allowed values (city, county, region, national)',
        'wrong-values.yaml:7: agency 1 "County Helpers": language 2 "Klingon" is not one of the allowed values (English, Spanish, Tagalog)',
        'wrong-values.yaml:9: agency 1 "County Helpers": confidence "maybe" is not one of the allowed values (official, secondary, outdated, unverified, not-in-research)',
        'wrong-values.yaml:10: agency 1 "County Helpers": compared expected a date written like 2026-11-29, got "last week"',
        'wrong-values.yaml:11: agency 1 "County Helpers": unknown field "sorce"; did you mean "sources"?',
    ],
    "future-dates.yaml": [
        f'future-dates.yaml:11: agency 1 "Future Phone": phone 1, compared {FUTURE}',
        f'future-dates.yaml:24: agency 2 "Future Entry": compared {FUTURE}',
        f'future-dates.yaml:27: agency 2 "Future Entry": task_force_confirmed, date {FUTURE}',
    ],
    "denied-8003446000.yaml": [
        f"denied-8003446000.yaml:6: {NEVER}{DENIED_8003446000}",
        f"denied-8003446000.yaml:9: {NEVER}{DENIED_8003446000}",
        f'denied-8003446000.yaml:9: agency 1 "County Helpers": phone 1, number "1-800-344-6000" must never be shown: {DENIED_8003446000}',
    ],
    "denied-8008565553.yaml": [
        f"denied-8008565553.yaml:9: {NEVER}{DENIED_8008565553}",
        f'denied-8008565553.yaml:9: agency 1 "County Helpers": phone 1, number "1-800-856-5553" must never be shown: {DENIED_8008565553}',
        f"denied-8008565553.yaml:18: {NEVER}{DENIED_8008565553}",
    ],
    "denied-8217554475.yaml": [
        f"denied-8217554475.yaml:7: {NEVER}{DENIED_8217554475}",
    ],
    "denied-8004222253.yaml": [
        f"denied-8004222253.yaml:10: {NEVER}{DENIED_8004222253}",
        f'denied-8004222253.yaml:10: agency 1 "Child Support Line": phone 1, text_to "1-800-422-2253" must never be shown: {DENIED_8004222253}',
        f"denied-8004222253.yaml:16: {NEVER}{DENIED_8004222253}",
    ],
}


@pytest.mark.parametrize(("name", "expected"), CATALOGUE.items(), ids=list(CATALOGUE))
def test_each_broken_fixture_gives_exactly_these_messages(name: str, expected: list[str]) -> None:
    assert problems_of(name) == expected


def test_the_catalogue_covers_every_fixture_and_every_denied_number() -> None:
    assert sorted(CATALOGUE) == sorted(p.name for p in FIXTURES.glob("*.yaml"))
    for number, reason in DENIED_NUMBERS.items():
        messages = CATALOGUE[f"denied-{number}.yaml"]
        assert messages, number
        assert all(reason in message for message in messages)


def test_every_not_public_line_has_a_fixture() -> None:
    text = (FIXTURES / "not-public-lines.yaml").read_text(encoding="utf-8")
    assert {digits(n) for n in ("831-755-3981", "831-755-8439")} == set(NOT_PUBLIC_NUMBERS)
    for number in NOT_PUBLIC_NUMBERS:
        assert f"{number[:3]}-{number[3:6]}-{number[6:]}" in text


# --- the shipped data --------------------------------------------------------------------------

AGENCIES = load_agencies(ROOT)


def test_the_shipped_data_has_no_problems() -> None:
    assert SITE["directory"].problems == ()
    assert [p for p in SITE.problems if "agencies" in p.path] == []


def test_the_directory_does_not_call_itself_the_task_force_member_list() -> None:
    """The task force's member list is not public: the title and introduction never claim to be it."""
    assert "task force member" not in T("directory.title").lower()
    assert "not the task force's member list" in T("directory.intro")


def test_every_shipped_phone_is_sourced_dated_and_https() -> None:
    for agency in AGENCIES.agencies:
        for phone in agency.phones:
            assert phone.source.startswith("https://"), agency.id
            assert phone.compared <= dt.date.today()
        assert all(url.startswith("https://") for url in agency.sources)
        assert agency.website is None or agency.website.startswith("https://")


def test_shelters_have_no_address_and_enforcement_lines_are_tips_not_help() -> None:
    by_id = {a.id: a for a in AGENCIES.agencies}
    # Research facts on purpose: these run shelters or safe houses, so whatever else an editor changes in
    # their entries, they stay marked and their addresses stay off the site (an entry may be removed).
    for shelter in ("ywca-monterey-county", "community-human-services", "set-free-monterey-bay"):
        assert shelter not in by_id or by_id[shelter].shelter, shelter
    assert all(not a.address for a in AGENCIES.agencies if a.shelter)
    # A research fact on purpose: HSI's line is a law enforcement tip line, never a help line for victims.
    if "hsi" in by_id:
        assert by_id["hsi"].help_lines() == ()
        assert by_id["hsi"].tip_lines()
    for agency in AGENCIES.agencies:
        for line in agency.phones:
            assert (line in agency.tip_lines()) is (line.purpose == "tips"), agency.id


def test_lines_not_for_the_public_stay_out() -> None:
    """Juvenile Hall, the DSS media line and staff lines that the research excludes (the numbers ARE the rule)."""
    text = (ROOT / "data" / "agencies.yaml").read_text(encoding="utf-8")
    for number in ("831-755-3981", "755-3981", "831-755-8439", "755-8439"):
        assert number not in text


def test_numbers_from_secondary_sources_are_unconfirmed() -> None:
    lines = [p for a in AGENCIES.agencies for p in a.phones]
    secondary = [p for p in lines if p.confidence != "official" and p.task_force_confirmed is None]
    assert secondary, "the shipped directory has no number from a secondary source to check"
    for line in lines:
        assert line.confirmed is (line.confidence == "official" or line.task_force_confirmed is not None), line.number


def test_the_open_questions_from_the_research_are_kept() -> None:
    assert len(AGENCIES.open_questions) >= 6
    assert any("831-422-8602" in q.en for q in AGENCIES.open_questions)


@pytest.mark.parametrize(
    ("hours", "always"),
    [
        ("24/7", True),
        ("24 / 7", True),
        ("24 hours", True),
        ("24-hour", False),
        ("24/7/365", True),
        ("24 horas", True),
        ("Business hours", False),
        ("Monday to Friday, 8 am to 5 pm", False),
        ("", False),
        ("124/7", False),
    ],
)
def test_open_24_hours_is_read_from_the_hours_text(hours: str, always: bool) -> None:
    assert is_24_hours(hours) is always


# --- what the page and the CSV show: data-derived text stays text ------------------------------


def hostile_agency() -> Agency:
    phone = PhoneLine(
        label=Text(en="<b>bold</b> line"),
        number="831-375-4357",
        purpose="crisis",
        hours=Text(en="24/7"),
        source="https://example.org",
        compared=dt.date(2026, 1, 1),
        confidence="secondary",
    )
    return Agency(
        id="hostile",
        name=Text(en='<img src=x onerror="alert(1)"> [click](javascript:alert(1)) **loud**'),
        short_names=("<script>alert(1)</script>",),
        kind="community",
        role=Text(en='=HYPERLINK("https://evil.example")'),
        phones=(phone,),
        website="https://example.org/page",
        area="city",
        cities=("Salinas",),
        address="1 Main St.",
        notes=Text(en=":red[styled] $x^2$"),
        sources=("https://example.org",),
        confidence="secondary",
        compared=dt.date(2026, 1, 1),
    )


def test_card_text_is_escaped_so_markdown_and_html_cannot_run() -> None:
    agency = hostile_agency()
    rendered = "\n".join([card_heading(agency, "en", T), *card_details(agency, "en", T), *card_trust(agency, T)])
    for raw in ("<img", "<script", "](javascript", ":red[", "$x", "**loud**"):
        assert raw not in rendered
    assert "&#60;img src&#61;x" in rendered
    assert "[example&#46;org](https://example.org/page)" in rendered
    assert "Unconfirmed&#58; this entry&#39;s role was seen only in news or third&#45;party sources&#46;" in rendered


def test_the_csv_download_is_utf8_with_bom_and_parses_back() -> None:
    rows, columns = export_table([*AGENCIES.agencies[:3], hostile_agency()], "en", T)
    data = csv_bytes(rows, columns)
    assert data.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(parsed[0]) == columns
    names = [T(f"directory.csv.{name}") for name in ("name", "short_names", "kind", "role", "phones")]
    assert columns[:5] == names
    for row, agency in zip(parsed, AGENCIES.agencies[:3], strict=False):
        assert row[names[0]] == agency.name.en
        assert row[names[2]] == T(f"directory.kinds.{agency.kind}")
    assert parsed[3][names[3]].startswith("'=HYPERLINK")  # a formula stays text in a spreadsheet
    assert parsed[3][names[4]] == "<b>bold</b> line: 831-375-4357 (24/7) [unconfirmed]"


def test_the_csv_keeps_tip_lines_apart_and_never_gives_a_shelter_address() -> None:
    # Both made from the fixture's entry, so the test runs whatever the shipped directory holds.
    (base,) = load_model(FIXTURES / "good.yaml", AgencyFile, FIXTURES).agencies
    enforcement = dataclasses.replace(
        base,
        phones=tuple(dataclasses.replace(line, purpose="tips") for line in base.phones),
        phones_note=Text(en="Call 911 in an emergency."),
    )
    # Even if an address slipped into a shelter's entry, the CSV leaves it out.
    addressed = dataclasses.replace(base, id="a-shelter", shelter=True, address="1 Main St., Salinas, CA")
    rows, _ = export_table([enforcement, addressed], "en", T)
    phones, tips = T("directory.csv.phones"), T("directory.csv.tip_lines")
    assert rows[0][phones] == enforcement.phones_note.en
    for line in enforcement.tip_lines():
        assert (line.number or line.text_to) in rows[0][tips]
    assert rows[1][T("directory.csv.address")] == ""


# --- the site part -----------------------------------------------------------------------------


def test_a_broken_agencies_file_breaks_only_the_directory(tmp_path: Path) -> None:
    for folder in ("content", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    path = tmp_path / "data" / "agencies.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if re.match(r"\s+(- )?kind: ", line))  # the first entry's kind
    lines[number] = re.sub(r"kind: .*", "kind: prosecutors", lines[number])
    path.write_text("".join(lines), encoding="utf-8")
    site = load_site(tmp_path)
    assert [str(p) for p in site["directory"].problems] == [
        f'data/agencies.yaml:{number + 1}: agency 1 "{AGENCIES.agencies[0].name.en}": kind "prosecutors" is not one '
        f"of the allowed values ({', '.join(KINDS)})"
    ]
    assert all(site[name].ok for name in site.parts if name != "directory")


# --- the maintainers' report -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 11, 29), 12, dt.date(2025, 11, 29)),
        (dt.date(2026, 11, 29), 0, dt.date(2026, 11, 29)),
        (dt.date(2026, 3, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2024, 3, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2026, 1, 15), 13, dt.date(2024, 12, 15)),
    ],
)
def test_months_before_counts_calendar_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert months_before(day, months) == expected


def project_with_agencies(tmp_path: Path, agencies_yaml: str) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "agencies.yaml").write_text(agencies_yaml, encoding="utf-8")
    return tmp_path


OLD_AND_NEW = """
agencies:
  - id: old-entry
    name: "Old Entry"
    kind: community
    role: "Checked long ago."
    phones:
      - label: "Office"
        number: "831-373-3955"
        purpose: office
        source: "https://example.org"
        compared: 2024-01-10
        confidence: official
    area: county
    sources: ["https://example.org"]
    confidence: official
    compared: 2024-01-10
    task_force_confirmed:
      by: "A. Member, task force coordinator"
      date: 2024-02-01
      how: meeting
  - id: fresh-entry
    name: "Fresh Entry"
    kind: community
    role: "Checked this year and confirmed."
    phones:
      - label: "Office"
        number: "831-375-4357"
        purpose: office
        source: "https://example.org"
        compared: 2026-10-01
        confidence: official
    area: county
    sources: ["https://example.org"]
    confidence: official
    compared: 2026-10-01
    task_force_confirmed:
      by: "A. Member, task force coordinator"
      date: 2026-10-02
      how: meeting
  - id: news-entry
    name: "News Entry"
    kind: community
    role: "Read in the news."
    phones:
      - label: "Helpline"
        number: "831-241-0914"
        purpose: crisis
        source: "https://example.org/news"
        compared: 2026-10-01
        confidence: secondary
    area: county
    sources: ["https://example.org/news"]
    confidence: secondary
    compared: 2026-10-01
    to_verify: ["The helpline number."]
open_questions:
  - "Who answers the line?"
"""


def test_the_report_lists_old_and_unconfirmed_entries_and_numbers(tmp_path: Path) -> None:
    root = project_with_agencies(tmp_path, OLD_AND_NEW)
    lines = report.build_report(root, months=12, today=dt.date(2026, 11, 29))
    text = "\n".join(lines)
    assert lines[:3] == [
        "Directory verification report, 2026-11-29",
        "Lists what is unconfirmed, or was last compared with its sources more than 12 months ago (before 2025-11-29).",
        "Task force confirmation: 2 of 3 entries confirmed.",
    ]
    entries = text[text.index("Entries to verify") : text.index("Numbers to verify")]
    assert entries.splitlines() == [
        "Entries to verify (2)",
        '  data/agencies.yaml:3: old-entry "Old Entry"',
        "      - last compared with its sources 2024-01-10, before 2025-11-29",
        '  data/agencies.yaml:41: news-entry "News Entry"',
        "      - not yet confirmed by the task force (task_force_confirmed is empty)",
        "      - role unconfirmed: confidence is secondary",
        "      - to verify: The helpline number.",
        "",
    ]
    assert (
        '  data/agencies.yaml:8: old-entry: 831-373-3955 "Office"\n      - last compared with its source 2024-01-10, before 2025-11-29'
        in text
    )
    assert '  data/agencies.yaml:46: news-entry: 831-241-0914 "Helpline"\n      - unconfirmed: confidence is secondary' in text
    assert "fresh-entry" not in text
    contact = SITE["site"].value.contact
    assert f'data/site.yaml:{contact.line}: task force contact: {contact.number} "{contact.label.en}"' in text
    assert "data/hotlines.yaml" in text  # the hotlines' secondary numbers are on the list too
    assert text.endswith("Open questions from the research (1)\n  - Who answers the line?")


def test_the_report_window_is_set_in_months(tmp_path: Path) -> None:
    root = project_with_agencies(tmp_path, OLD_AND_NEW)
    recent = "\n".join(report.build_report(root, months=1, today=dt.date(2026, 11, 29)))
    assert 'fresh-entry "Fresh Entry"\n      - last compared with its sources 2026-10-01, before 2026-10-29' in recent
    assert "fresh-entry: 831-375-4357" in recent


def test_the_report_command_prints_the_list_and_the_open_questions(capsys: pytest.CaptureFixture[str]) -> None:
    assert report.main(["--months", "6"]) == 0
    out = capsys.readouterr().out
    assert "more than 6 months ago" in out
    confirmed = sum(1 for agency in AGENCIES.agencies if agency.task_force_confirmed)
    assert f"Task force confirmation: {confirmed} of {len(AGENCIES.agencies)} entries confirmed." in out
    assert "Open questions from the research" in out
    unconfirmed = [p.number for a in AGENCIES.agencies for p in a.phones if p.number and not p.confirmed]
    assert all(number in out for number in unconfirmed)


def test_the_report_command_names_a_broken_file_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project_with_agencies(tmp_path, "agencies:\n  - id: [\n")
    assert report.main([str(root)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("data/agencies.yaml:")
    assert "data/agencies.yaml:2: line 2 opens a [ list that is not closed on the same line" in out
