"""Search: a table of queries and the entry expected first, ranking, filters, and any input at all."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.content.models import PhoneLine
from core.content.schema import Text
from core.domain.directory import Agency
from core.domain.search import (
    EXACT,
    FUZZY,
    NO_FILTERS,
    PREFIX,
    WORD_PREFIX,
    Filters,
    SearchIndex,
    build_index,
    fold,
    load_directory,
    parse_filters,
)

# The search is tested against a frozen copy of the directory, not the shipped data/agencies.yaml: the
# table below names entries and the words that must find them, and an editor renaming or removing an
# agency must not turn it red. That the shipped directory loads and is searchable is tested in
# test_directory.py and the directory page's tests.
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "search"
DIRECTORY = load_directory(FIXTURE)
INDEX = DIRECTORY.index


def ids(query: str, filters: Filters = NO_FILTERS) -> list[str]:
    return [agency.id for agency in INDEX.search(query, filters)]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("sheriff", "mc-sheriff"),
        ("sherif", "mc-sheriff"),
        ("Sheriff's Office", "mc-sheriff"),
        ("alguacil", "mc-sheriff"),
        ("rape crisis", "mcrcc"),
        ("Rape Crisis Center", "mcrcc"),
        ("MCRCC", "mcrcc"),
        ("mcrcc", "mcrcc"),
        ("rape crsis", "mcrcc"),
        ("violación", "mcrcc"),
        ("CPS", "mc-family-childrens-services"),
        ("cps", "mc-family-childrens-services"),
        ("FCS", "mc-family-childrens-services"),
        ("DSS", "mc-family-childrens-services"),
        ("Family and Children's Services", "mc-family-childrens-services"),
        ("child protective", "mc-family-childrens-services"),
        ("DA", "mc-district-attorney"),
        ("district attorney", "mc-district-attorney"),
        ("fiscal", "mc-district-attorney"),
        ("YWCA", "ywca-monterey-county"),
        ("ywca salinas", "ywca-monterey-county"),
        ("HSI", "hsi"),
        ("ICE", "hsi"),
        ("NCMEC", "ncmec"),
        ("cybertipline", "ncmec"),
        ("FBI", "fbi"),
        ("CHP", "chp-monterey"),
        ("MCOE", "mcoe"),
        ("symposium", "mcoe"),
        ("Salinas PD", "salinas-pd"),
        ("police salinas", "salinas-pd"),
        ("policía", "salinas-pd"),
        ("family justice", "mc-family-justice-center"),
        ("immigration status", "mc-family-justice-center"),
        ("runaway youth", "community-human-services"),
        ("homeless youth shelter", "community-human-services"),
        ("jóvenes", "community-human-services"),
        ("forensic interview", "natividad-child-advocacy-center"),
        ("Natividad", "natividad-child-advocacy-center"),
        ("Soledad", "mc-behavioral-health"),
        ("mental health", "mc-behavioral-health"),
        ("set free", "set-free-monterey-bay"),
        ("CAPC", "capc"),
        ("375-4357", "mcrcc"),
        ("8313754357", "mcrcc"),
    ],
)
def test_the_expected_entry_comes_first(query: str, first: str) -> None:
    assert ids(query)[:1] == [first]


SPANISH_SPEAKING = {
    a.id
    for a in DIRECTORY.agencies
    if "Spanish" in a.languages or any("spanish" in text.en.lower() for p in a.phones for text in p.languages)
}
"""The agencies the fixture says serve in Spanish."""


@pytest.mark.parametrize("query", ["spanish", "Spanish", "español", "espanol", "ESPAÑOL", "spansih", "castellano"])
def test_spanish_finds_the_agencies_that_serve_in_spanish_first(query: str) -> None:
    found = ids(query)
    assert set(found[: len(SPANISH_SPEAKING)]) == SPANISH_SPEAKING


def test_there_are_agencies_serving_in_spanish_to_find() -> None:
    assert SPANISH_SPEAKING


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "the", "de la", "🙂", "!!!"])
def test_a_query_with_nothing_to_search_for_lists_everything_in_order(query: str) -> None:
    assert ids(query) == [a.id for a in DIRECTORY.agencies]


@pytest.mark.parametrize("query", ["zzqvx", "<script>alert(1)</script>", "x" * 10_000, "مرحبا بالعالم", "%%%%%% qqq"])
def test_a_query_that_matches_nothing_gives_an_empty_list(query: str) -> None:
    assert ids(query) == []


def test_every_word_must_match() -> None:
    assert ids("sheriff youth") == []
    assert "mc-sheriff" in ids("sheriff salinas")


# --- ranking: exact name or acronym, then prefix, then fuzzy ------------------------------------


def entry(ident: str, name: str, *short_names: str, role: str = "Helps.") -> Agency:
    return Agency(
        id=ident,
        name=Text(en=name),
        short_names=short_names,
        kind="community",
        role=Text(en=role),
        area="county",
        sources=("https://example.org",),
        confidence="official",
        compared=dt.date(2026, 1, 1),
    )


RANKED = build_index(
    [
        entry("spelled-close", "Yuoth Centre of the Valley"),
        entry("fuzzy-words", "Center for Youth and Families"),
        entry("prefix-inner", "Salinas Youth Center Annex"),
        entry("prefix-name", "Youth Center Programs"),
        entry("exact-acronym", "Teen Help Network", "Youth Center"),
        entry("exact-name", "Youth Center"),
        entry("role-only", "Harbor House", role="Works with every youth center in the county."),
    ]
)


def test_ranking_is_exact_then_prefix_then_fuzzy() -> None:
    order = [a.id for a in RANKED.search("youth center")]
    assert order[:2] in (["exact-acronym", "exact-name"], ["exact-name", "exact-acronym"])
    assert order[2:4] == ["prefix-name", "prefix-inner"]
    assert order[4] == "fuzzy-words"
    assert set(order[5:]) == {"spelled-close", "role-only"}


def test_an_exact_name_beats_the_same_words_inside_another_name() -> None:
    index = build_index([entry("long", "Sheriff Support Foundation"), entry("short", "Sheriff")])
    assert [a.id for a in index.search("sheriff")] == ["short", "long"]


def test_a_name_match_outranks_the_same_word_in_a_description() -> None:
    index = build_index(
        [entry("mentions", "Harbor House", role="Works with the sheriff."), entry("named", "Valley Sheriff Unit")]
    )
    assert [a.id for a in index.search("sheriff")] == ["named", "mentions"]


def test_tiers_are_ordered() -> None:
    assert EXACT > PREFIX > WORD_PREFIX > FUZZY


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Sheriff's Office", "sheriff office"),
        ("Sheriff’s Office", "sheriff office"),
        ("ESPAÑOL", "espanol"),
        ("Niños  y  jóvenes", "ninos y jovenes"),
        ("831-375-4357", "831 375 4357"),
        ("<b>CPS</b>", "b cps b"),
        ("  ", ""),
    ],
)
def test_fold_lowers_strips_accents_and_keeps_only_words(text: str, folded: str) -> None:
    assert fold(text) == folded


# --- filters -----------------------------------------------------------------------------------


def test_kind_filter_keeps_only_that_kind() -> None:
    found = INDEX.search("", Filters(kind="victim-services"))
    assert {a.id for a in found} == {"mc-family-justice-center", "mcrcc", "ywca-monterey-county"}


def test_city_filter_keeps_offices_there_and_countywide_services() -> None:
    found = {a.id for a in INDEX.search("", Filters(city="King City"))}
    assert {"mc-family-justice-center", "mc-sheriff", "mcrcc"} <= found  # office there; countywide
    assert "salinas-pd" not in found  # serves Salinas only
    assert not {"hsi", "fbi", "ncmec"} & found  # national


def test_language_filter_and_open_24_hours() -> None:
    assert {a.id for a in INDEX.search("", Filters(language="Spanish"))} == SPANISH_SPEAKING
    always = {a.id for a in INDEX.search("", Filters(open_24_hours=True))}
    assert {"mcrcc", "ywca-monterey-county", "community-human-services", "mc-family-childrens-services"} <= always
    assert not {"mc-sheriff", "mc-district-attorney", "mcoe"} & always


def test_filters_combine_with_each_other_and_with_the_query() -> None:
    spanish_victim_services = Filters(kind="victim-services", city="Salinas", language="Spanish")
    assert ids("", spanish_victim_services) == ["mc-family-justice-center", "ywca-monterey-county"]
    assert ids("ywca", spanish_victim_services) == ["ywca-monterey-county"]
    assert ids("sheriff", Filters(kind="health")) == []


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, Filters()),
        ({"kind": "prosecution"}, Filters(kind="prosecution")),
        ({"kind": "pirates"}, Filters()),
        ({"city": "Salinas", "language": "Spanish"}, Filters(city="Salinas", language="Spanish")),
        ({"city": "Atlantis", "language": "Klingon"}, Filters()),
        ({"open_24_hours": "true"}, Filters(open_24_hours=True)),
        ({"open_24_hours": True}, Filters(open_24_hours=True)),
        ({"open_24_hours": "maybe"}, Filters()),
        ({"kind": ["prosecution"]}, Filters()),
    ],
)
def test_filters_from_the_url_ignore_values_the_directory_does_not_have(values: dict, expected: Filters) -> None:
    assert parse_filters(INDEX, **values) == expected


# --- speed-related structure and robustness ----------------------------------------------------


def test_the_index_is_built_once_with_the_directory() -> None:
    assert isinstance(DIRECTORY.index, SearchIndex)
    assert DIRECTORY.index.agencies == DIRECTORY.agencies


HOSTILE = [
    "x" * 10_000,
    "🙂" * 2_000,
    "👩‍👩‍👧‍👦🏳️‍🌈",
    "שלום עולם",
    "مرحبا \u202e\u202dبالعالم",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**bold** [link](javascript:alert(1))",
    ".*+?^${}()|[]\\",
    "(?P<x>a)\\1",
    "' OR '1'='1'; DROP TABLE agencies; --",
    "\x00\x01\x1b[31m",
    " " * 10_000,
    "\u200b\u200c\ufeff",
    "sherif " * 2_000,
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_get_an_answer(query: str) -> None:
    found = INDEX.search(query, Filters(city="Salinas", open_24_hours=True))
    assert len(found) == len({a.id for a in found})
    assert set(found) <= set(DIRECTORY.agencies)


@settings(max_examples=300, deadline=None)
@given(query=st.text(max_size=400) | st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=10_000))
def test_any_query_returns_a_list_without_exception(query: str) -> None:
    found = INDEX.search(query)
    assert isinstance(found, list)
    assert len(found) == len({a.id for a in found})
    assert set(found) <= set(DIRECTORY.agencies)


@settings(max_examples=200, deadline=None)
@given(name=st.text(min_size=1, max_size=60), query=st.text(max_size=60))
def test_any_name_can_be_indexed_and_its_entry_is_found_by_that_name(name: str, query: str) -> None:
    agency = entry("any", name, name[:5])
    index = build_index([entry("other", "Harbor House"), agency])
    assert agency in index.search(name)
    assert len(index.search(query)) <= 2


def test_a_phone_line_with_only_a_text_number_is_indexed() -> None:
    line = PhoneLine(
        label=Text(en="Text HOME"),
        text_to="741741",
        purpose="support",
        source="https://example.org",
        compared=dt.date(2026, 1, 1),
        confidence="secondary",
    )
    agency = dataclasses.replace(entry("texting", "Texting Service"), phones=(line,))
    assert [a.id for a in build_index([agency, entry("other", "Harbor House")]).search("741741")] == ["texting"]
