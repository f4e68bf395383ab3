"""Statistics data: the rules of the content check, the broken-fixture catalogues, and the shipped figures."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import html
import io
import re
import shutil
from pathlib import Path

import pytest

from core.content.load import load_model, parse_model
from core.content.problems import ContentError
from core.content.text import load_strings
from core.domain.statistics import TOPICS, Figure, StatisticsFile, load_prose, load_statistics
from core.views.export import csv_bytes
from core.views.figures import FIGURE_COLUMNS, card_lines, figure_row, show_value, table_rows
from core.views.site import load_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "statistics"
T = load_strings(ROOT, "en")
SHIPPED = load_statistics(ROOT).data


def messages(error: pytest.ExceptionInfo[ContentError]) -> list[str]:
    return [str(p) for p in error.value.problems]


# --- The catalogues: one of each mistake, and the complete list of messages --------------------


def test_the_entry_catalogue_reports_every_mistake_at_once() -> None:
    with pytest.raises(ContentError) as raised:
        load_model(FIXTURES / "broken.yaml", StatisticsFile, ROOT)
    path = "tests/fixtures/statistics/broken.yaml"
    mail = f'{path}:23: figure 2 "Old year, over 100, no outlet": '
    one_in = f'{path}:40: figure 3 "Not a 1 in N, fiscal year unmarked": '
    calendar = f'{path}:57: figure 4 "Negative count, calendar year as FY": '
    duplicate = 'figure 5 "Duplicate id, typo, http, unknown level": '
    missing = f'{path}:92: figure 6 "No population, year or verification": '
    allowed = "is not an https:// web page (only https:// addresses are allowed here)"
    assert messages(raised) == [
        mail + "published_year 1850 is not a year of publication (1990 to " + str(dt.date.today().year) + ")",
        mail + "value 140 is a percent and must lie between 0 and 100 (a change is unit: percent-change)",
        mail + "verification is secondary, so read_in must name the outlet it was read in",
        one_in + 'period_label "2022" is a fiscal year; write it like FY2022 or SFY2015-2022',
        one_in + 'value 1.5 is not an N for "1 in N" (expected a whole number from 2)',
        calendar + 'period_label "FY2019" is a calendar year; write the year alone, like 2019',
        calendar + "value -3 is negative; write a fall as unit: percent-change",
        f'{path}:74: {duplicate}id "first-group" is already used at line 6',
        f'{path}:86: {duplicate}unknown field "sorce"; did you mean "source_note"?',
        f'{path}:87: {duplicate}url "http://example.org/report" {allowed}',
        f'{path}:89: {duplicate}verification "checked" is not one of the allowed values (verified, secondary)',
        missing + 'missing required field "population"',
        missing + 'missing required field "published_year"',
        missing + 'missing required field "verification"',
        f'{path}:107: myth 1 "A claim without links": needs at least one entry under links',
        f'{path}:120: myth 2 "A claim with a plain http link": link 1, url "http://example.org/fact-check" {allowed}',
        f'{path}:128: myth 3 "A claim with a mail address for a link": link 1, url "mailto:someone@example.org" {allowed}',
    ]


def test_the_series_catalogue_reports_every_mistake_between_entries() -> None:
    with pytest.raises(ContentError) as raised:
        load_model(FIXTURES / "broken_series.yaml", StatisticsFile, ROOT)
    path = "tests/fixtures/statistics/broken_series.yaml"
    other = f'{path}:23: figure 2 "Counts other people elsewhere": '
    shared = "in first-group; points of two-groups must share unit, population, geography, year_kind, publisher, topic"
    assert messages(raised) == [
        other + f'geography "California" differs from "United States" {shared}',
        other + f'population "Adults in another study" differs from "Children in the study" {shared}',
        other + "series two-groups is a compare chart, so the figure needs a group",
        other + f'topic "global" differs from "online" {shared}',
        f'{path}:41: figure 3 "A count in the same place": has the same period_label and group as first-group in series two-groups',
        f'{path}:41: figure 3 "A count in the same place": unit "number" differs from "percent" {shared}',
        f'{path}:60: figure 4 "Names a series that does not exist": series "nowhere" is not the id of a series '
        "(series: lonely, two-groups)",
        f'{path}:84: series 2 "No points": has 0 figure(s); a chart needs at least two',
        f'{path}:90: spotlight: series "missing-series" is not the id of a series',
        f'{path}:94: myth 1 "Names a figure that does not exist": figure "no-such-figure" is not the id of a figure',
    ]


def test_the_prose_catalogue_reports_html_images_links_placeholders_and_missing_files() -> None:
    with pytest.raises(ContentError) as raised:
        load_prose(FIXTURES / "prose")
    path = "content/en/statistics"
    assert messages(raised) == [
        f"{path}/facebook.md:3: images are not allowed in content (they would load from another site)",
        f'{path}/facebook.md:5: link "javascript:alert(1)" is not an https:// web page (only https:// addresses are allowed here)',
        f'{path}/facebook.md:5: placeholder "{{{{call:monterey-cps}}}}" is not filled in on this page; write a Markdown link instead',
        f'{path}/intro.md:1: HTML is not allowed in content ("</b>"); write Markdown instead',
        f'{path}/intro.md:1: HTML is not allowed in content ("<b>"); write Markdown instead',
        f"{path}/myths.md:0: file is missing",
    ]


# --- One rule at a time: a valid figure, then one field changed --------------------------------

VALID = {
    "id": "a-figure",
    "label": '"A figure"',
    "value": "40",
    "unit": "percent",
    "population": '"Children in the study"',
    "period": '"Calendar year 2020"',
    "period_label": '"2020"',
    "year_kind": "calendar",
    "geography": '"United States"',
    "publisher": '"A publisher"',
    "source_title": '"A report"',
    "published_year": "2021",
    "url": '"https://example.org/report"',
    "quote": '"40 percent"',
    "verification": "verified",
    "caveat": '"A caveat."',
    "topic": "online",
}


def figure_problems(**changes: str) -> list[str]:
    fields = {**VALID, **changes}
    text = "\n".join(f"{key}: {value}" for key, value in fields.items() if value is not None)
    try:
        parse_model(text, Figure, "figure.yaml")
    except ContentError as err:
        return [p.message for p in err.problems]
    return []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"value": "100"}, []),
        ({"value": "0"}, []),
        ({"value": "100.5"}, ["value 100.5 is a percent and must lie between 0 and 100 (a change is unit: percent-change)"]),
        ({"unit": "percent-change", "value": "120"}, []),
        ({"unit": "one-in", "value": "6"}, []),
        ({"unit": "one-in", "value": "1"}, ['value 1 is not an N for "1 in N" (expected a whole number from 2)']),
        ({"unit": "number", "value": "-1"}, ["value -1 is negative; write a fall as unit: percent-change"]),
        ({"url": '"https://example.org"'}, []),
        ({"url": '"tel:911"'}, ['url "tel:911" is not an https:// web page (only https:// addresses are allowed here)']),
        ({"published_year": "1989"}, [f"published_year 1989 is not a year of publication (1990 to {dt.date.today().year})"]),
        ({"verification": "secondary"}, ["verification is secondary, so read_in must name the outlet it was read in"]),
        ({"verification": "secondary", "read_in": '"The Daily Mail"'}, []),
        ({"year_kind": "fiscal", "period_label": '"FY2022"'}, []),
        ({"year_kind": "fiscal", "period_label": '"SFY2015-2022"'}, []),
        ({"year_kind": "fiscal"}, ['period_label "2020" is a fiscal year; write it like FY2022 or SFY2015-2022']),
        ({"period_label": '"2020s"'}, ['period_label "2020s" is a calendar year; write the year alone, like 2019']),
        ({"year_kind": "span", "period_label": '"2015-Jan 2020"'}, []),
        ({"source_title": None, "source_note": '"as cited"'}, []),
        (
            {"source_title": None},
            ["needs a source_title (the publication's title) or, where it has none, a source_note saying what it is"],
        ),
        ({"population": None}, ['missing required field "population"']),
        ({"population": '""'}, ["population is empty"]),
        (
            {"topic": "weather"},
            [
                'topic "weather" is not one of the allowed values (online, runaways, hotline, federal, survivors, global, california)'
            ],
        ),
    ],
)
def test_each_figure_rule(changes: dict[str, str], expected: list[str]) -> None:
    assert figure_problems(**changes) == expected


# --- Loading ---------------------------------------------------------------------------------


def test_a_small_file_loads_every_field(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    figure = "\n".join(f"    {key}: {value}" for key, value in VALID.items()).replace("    id:", "  - id:", 1)
    second = figure.replace("a-figure", "b-figure").replace('"2020"', '"2021"').replace("value: 40", "value: 36")
    (tmp_path / "data" / "statistics.yaml").write_text(
        f'figures:\n{figure}\n    series: pair\n    qualifier: about\n    base: "68 children"\n'
        f"{second}\n    series: pair\n"
        'series:\n  - id: pair\n    title: "A pair"\n    chart: trend\n    axis_title: "Percent"\n    caveat: "Careful."\n',
        encoding="utf-8",
    )
    shutil.copytree(ROOT / "content" / "en" / "statistics", tmp_path / "content" / "en" / "statistics")
    loaded = load_statistics(tmp_path)
    first = loaded.data.figures[0]
    assert (first.id, first.value, first.unit, first.qualifier, first.base.en) == (
        "a-figure",
        40.0,
        "percent",
        "about",
        "68 children",
    )
    assert (first.population.en, first.period_label.en, first.year_kind, first.published_year) == (
        "Children in the study",
        "2020",
        "calendar",
        2021,
    )
    assert (first.url, first.verification, first.topic, first.series, first.group.en) == (
        "https://example.org/report",
        "verified",
        "online",
        "pair",
        "",
    )
    assert [f.id for f in loaded.data.points("pair")] == ["a-figure", "b-figure"]
    assert loaded.data.charts("online") == loaded.data.series
    assert loaded.data.cards("online") == ()
    assert loaded.data.spotlight is None
    assert loaded.data.myths == ()
    assert sorted(loaded.prose) == ["facebook", "intro", "myths"]


def test_a_broken_statistics_file_breaks_only_its_own_part(tmp_path: Path) -> None:
    for folder in ("content", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    path = tmp_path / "data" / "statistics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 65\n", "value: 650\n", 1), encoding="utf-8")
    site = load_site(tmp_path)
    first = SHIPPED.figures[0]
    assert [str(p) for p in site["statistics"].problems] == [
        f'data/statistics.yaml:{first.line}: figure 1 "Child victims recruited through Facebook, among the child...": '
        "value 650 is a percent and must lie between 0 and 100 (a change is unit: percent-change)"
    ]
    assert all(part.ok for name, part in site.parts.items() if name != "statistics")


# --- The shipped file --------------------------------------------------------------------------


def test_the_shipped_statistics_load_with_zero_problems() -> None:
    assert load_site(ROOT)["statistics"].problems == ()


# The research facts, on purpose: the figures the project was asked to show, each in its source's terms.
# These literals ARE the rule (a sourced number must not drift, and a required figure must not vanish);
# changing one here means the research changed, with its source. Other tests choose figures by property.
REQUIRED = {
    "hti-2020-facebook-children": ("65%", "2020"),
    "hti-2020-facebook-adults": ("36%", "2020"),
    "hti-2020-facebook-all-named": ("59%", "2020"),
    "hti-2020-recruited-online": ("at least 41%", "2020"),
    "hti-2020-children-share": ("53%", "2020"),
    "ncmec-runaways-2013": ("1 in 7", "2013"),
    "ncmec-runaways-2019": ("1 in 6", "2019"),
    "ncmec-runaways-2022": ("1 in 6", "2022"),
    "ncmec-missing-2024": ("1 in 7", "2024"),
    "ncmec-from-care-2019": ("16%", "2019"),
    "nhth-cases-2017": ("8,759", "2017"),
    "nhth-cases-fy2022": ("10,013", "FY2022"),
    "polaris-2021-recruited-online": ("about 67%", "2021"),
    "polaris-2021-facebook-instagram": ("16%", "2021"),
    "polaris-2020-facebook-instagram-change": ("+120%", "2019 to 2020"),
    "thorn-2018-advertised-2004-on": ("75%", "2004 or later"),
    "thorn-2018-advertised-before-2004": ("38%", "Before 2004"),
    "thorn-2018-under-twelve": ("1 in 6", "2016-2017"),
    "unodc-child-share-2016": ("30%", "2016"),
    "unodc-child-share-2022": ("38%", "2022"),
    "bjs-referred-fy2012": ("1,519", "FY2012"),
    "bjs-referred-fy2022": ("1,912", "FY2022"),
    "bjs-prosecuted-fy2012": ("805", "FY2012"),
    "bjs-prosecuted-fy2022": ("1,656", "FY2022"),
    "bjs-convicted-fy2012": ("578", "FY2012"),
    "bjs-convicted-fy2022": ("1,118", "FY2022"),
    "ca-cws-cse-concerns": ("40,389", "SFY2015-2022"),
    "ca-cws-cse-confirmed": ("24.5%", "SFY2015-2022"),
    "monterey-children-identified": ("about 100", "2015-Jan 2020"),
}


@pytest.mark.parametrize(("figure_id", "expected"), REQUIRED.items())
def test_the_figures_the_issue_asks_for_are_there_in_their_sources_terms(figure_id: str, expected: tuple[str, str]) -> None:
    figure = SHIPPED.figure(figure_id)
    assert (show_value(figure, T), figure.period_label.en) == expected


def test_every_relative_change_says_it_is_not_a_share_of_people() -> None:
    # The shipped changes, and one made from the first figure, so the test runs whatever data/ holds.
    made = dataclasses.replace(SHIPPED.figures[0], id="made-change", unit="percent-change", value=120)
    changes = [f for f in SHIPPED.figures if f.unit == "percent-change"] + [made]
    for change in changes:
        assert T("stats.change_note") in html.unescape("\n".join(card_lines(change, "en", T))), change.id


def test_the_120_percent_is_a_change_in_a_proportion_never_a_share() -> None:
    # A research fact on purpose: the research reads Polaris's 120% as a change in a proportion.
    change = SHIPPED.figure("polaris-2020-facebook-instagram-change")
    assert change.unit == "percent-change"
    assert "proportion" in change.label.en
    assert "proportion" in change.population.en
    assert "A relative change in a proportion, not a share of people." in html.unescape("\n".join(card_lines(change, "en", T)))


def test_the_hti_figure_states_its_source_terms_and_its_base() -> None:
    # A research fact on purpose: how the task force's "65% ... Facebook" must be shown (its source's words,
    # its base, the adults beside the children). These literals are the rule the research sets.
    child = SHIPPED.figure("hti-2020-facebook-children")
    assert "65 percent (68) of child victims recruited on social media were recruited through Facebook" in child.quote
    assert "36 percent (10) of adults" in child.quote
    assert "whose platform was named" in child.population.en
    assert "not a prevalence estimate" in child.caveat.en
    assert SHIPPED.spotlight is not None
    assert SHIPPED.spotlight.task_force_wording.startswith("Statistics show that 65% CSEC youth")
    assert [p.id for p in SHIPPED.points(SHIPPED.spotlight.series)] == ["hti-2020-facebook-children", "hti-2020-facebook-adults"]


def test_fiscal_and_calendar_years_are_marked_on_every_figure() -> None:
    for point in SHIPPED.figures:
        if point.year_kind in ("fiscal", "calendar"):
            assert (point.year_kind == "fiscal") is ("fiscal year" in point.period.en.lower()), point.id
        if point.period_label.en.startswith("FY"):
            assert point.year_kind == "fiscal", point.id
        if point.year_kind == "calendar":
            assert re.fullmatch(r"\d{4}", point.period_label.en), point.id


def test_every_shipped_figure_names_its_source_population_and_check() -> None:
    for figure in SHIPPED.figures:
        assert figure.url.startswith("https://"), figure.id
        assert all((figure.population.en.strip(), figure.quote.strip(), figure.caveat.en.strip())), figure.id
        assert figure.verification == "verified" or figure.read_in.en.strip(), figure.id
    assert {f.topic for f in SHIPPED.figures} == set(TOPICS)


# The claims the research names as disputed, on purpose: each must keep its myth check.
MYTHS = ("average-age-of-entry", "three-hundred-thousand-at-risk", "one-hundred-thousand-children", "seven-year-life-expectancy")
MYTHS += ("nine-and-a-half-billion", "social-media-125-percent", "one-in-six-undated", "facebook-65-percent")


def test_the_myth_check_covers_every_claim_the_issue_names() -> None:
    found = {m.id: m for m in SHIPPED.myths}
    assert set(MYTHS) <= set(found)
    for myth in found.values():
        assert myth.what_is_wrong.en
        assert myth.say_instead.en
        assert myth.links
        assert all(link.url.startswith("https://") for link in myth.links)


# Research facts kept as literals on purpose: the only copy found of the Washington Post Fact Checker's 2015
# roundup is a men's-rights blog's quote of it, and the research gives no title, author or date for the Post's
# pieces on these claims. A myth links the pages that show what is wrong, never that blog, and names no such piece.
NOT_CITED_HOST = "mensactivism.org"
NOT_IN_THE_RESEARCH = ("Be wary of precise figures", "Glenn Kessler", "bushels of bogus")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_myths_link_no_blogs_quote_and_name_only_what_the_research_gives(lang: str) -> None:
    for myth in load_statistics(ROOT, lang).data.myths:
        assert all(NOT_CITED_HOST not in link.url for link in myth.links), myth.id
        words = " ".join(x.get(lang) for x in (myth.what_is_wrong, myth.say_instead, *(link.title for link in myth.links)))
        assert not [name for name in NOT_IN_THE_RESEARCH if name in words], (myth.id, lang)


# --- What the page shows ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "value", "qualifier", "shown"),
    [
        ("percent", 65, "exact", "65%"),
        ("percent", 24.5, "exact", "24.5%"),
        ("percent", 41, "at-least", "at least 41%"),
        ("percent", 67, "about", "about 67%"),
        ("percent-change", 120, "exact", "+120%"),
        ("percent-change", -5, "exact", "-5%"),
        ("one-in", 6, "exact", "1 in 6"),
        ("number", 10013, "exact", "10,013"),
        ("number", 100, "about", "about 100"),
    ],
)
def test_values_are_shown_in_the_sources_terms(unit: str, value: float, qualifier: str, shown: str) -> None:
    figure = SHIPPED.figures[0]
    changed = type(figure)(**{**figure.__dict__, "unit": unit, "value": float(value), "qualifier": qualifier})
    assert show_value(changed, T) == shown


def test_data_text_reaches_markdown_escaped() -> None:
    figure = SHIPPED.figures[0]
    hostile = type(figure)(
        **{
            **figure.__dict__,
            "label": type(figure.label)(en="[click](javascript:alert(1)) <b>bold</b> :red[x]"),
            "publisher": "*Pub*",
        }
    )
    lines = card_lines(hostile, "en", T)
    assert "[click](javascript" not in lines[0]
    assert "<b>" not in lines[0]
    assert ":red[" not in lines[0]
    source = lines[-1]
    assert source.startswith("[")
    assert source.endswith(f"]({figure.url})")
    assert "*Pub*" not in source
    row = table_rows([hostile], "trend", "en", T)[0]
    assert set(row) == {T("stats.col_period"), T("stats.col_value"), T("stats.col_source"), T("stats.col_checked")}


def test_the_figures_csv_has_a_bom_every_column_and_every_figure_of_a_topic() -> None:
    figures = SHIPPED.in_topic(SHIPPED.topics()[0])
    data = csv_bytes([figure_row(f, "en", T) for f in figures], FIGURE_COLUMNS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == FIGURE_COLUMNS
    assert [r["id"] for r in rows] == [f.id for f in figures]
    for row, figure in zip(rows, figures, strict=True):
        shown = show_value(figure, T)  # a leading + - = @ gets a ' so that a spreadsheet never reads a formula
        assert row["shown_as"] == ("'" + shown if shown[:1] in "+-=@" else shown)
        assert float(row["value"]) == figure.value  # the number itself, as the source gives it
        assert row["url"] == figure.url
    for figure in SHIPPED.figures:  # in every topic, thousands too: the value a spreadsheet reads as a number
        assert float(figure_row(figure, "en", T)["value"]) == figure.value, figure.id
    assert len(SHIPPED.in_topic("not-a-topic")) == len(SHIPPED.figures)
