"""The schema: field types, phone numbers and addresses, and where each message points."""

from __future__ import annotations

import datetime as dt

import pytest

from core.content.load import parse_model
from core.content.models import PhoneLine
from core.content.phones import denied_numbers_in, phone_problem, sms_href, standard_form, tel_href
from core.content.problems import ContentError
from core.content.schema import HttpsUrl, Model, PastDate, Slug, Text, fact, https_problem, model


@pytest.mark.parametrize(
    ("written", "standard"),
    [
        ("831-755-4661", "831-755-4661"),
        ("(831) 755-4661", "831-755-4661"),
        ("1-800-606-6618", "1-800-606-6618"),
        ("800-606-6618", "1-800-606-6618"),
        ("+1 888 373 7888", "1-888-373-7888"),
        ("911", "911"),
        ("988", "988"),
        ("831-755-466", None),
        ("111-555-1234", None),
        ("123", None),
        ("", None),
    ],
)
def test_standard_form(written: str, standard: str | None) -> None:
    assert standard_form(written) == standard


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("831-757-1001", None),
        ("(831) 757-1001", '"(831) 757-1001" is not written the standard way; write "831-757-1001"'),
        ("831-757-100", '"831-757-100" is not a valid US phone number'),
        (
            "1-800-344-6000",
            "\"1-800-344-6000\" must never be shown: 1-800-344-6000 is San Diego County's child-abuse line, not Monterey County's",
        ),
        (
            "800.856.5553",
            '"800.856.5553" must never be shown: 800-856-5553 appears in a single unconfirmed source; use CPS 1-800-606-6618',
        ),
    ],
)
def test_phone_problem(number: str, message: str | None) -> None:
    assert phone_problem(number) == message


def test_denied_numbers_are_found_in_free_text_in_any_form() -> None:
    text = "Call (800) 856-5553, 821 755 4475, 1.800.422.2253 or 1-800-344-6000; not 1-800-422-4453."
    assert len(denied_numbers_in(text)) == 4


def test_dial_links() -> None:
    assert tel_href("1-800-606-6618") == "tel:+18006066618"
    assert tel_href("911") == "tel:911"
    assert sms_href("233733", "HELP") == "sms:233733?body=HELP"
    assert sms_href("1-800-422-4453") == "sms:+18004224453"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.dhs.gov/blue-campaign", True),
        ("https://www.example.org:8443/path?q=1#top", True),
        ("tel:+18006066618", False),
        ("mailto:info@example.org", False),
        ("sms:233733", False),
        ("http://mcdss.co.monterey.ca.us/families/", False),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("https://", False),
        ("https://exa mple.org", False),
        ("//example.org", False),
    ],
)
def test_only_complete_https_addresses_are_allowed(url: str, ok: bool) -> None:
    assert (https_problem(url) is None) is ok


@model
class Sample(Model):
    """A model with one field of each kind."""

    id: Slug = fact("id")
    title: Text = fact("title")
    count: int = fact("count")
    share: float = fact("share", 0.0)
    when: dt.date = fact("when")
    flag: bool = fact("flag", False)
    link: HttpsUrl | None = fact("link", None)
    done: PastDate | None = fact("done", None)
    tags: tuple[str, ...] = fact("tags", ())
    phone: PhoneLine | None = fact("phone", None)


@model
class SampleFile(Model):
    """A file of samples."""

    samples: tuple[Sample, ...] = fact("samples")


def test_a_valid_file_builds_frozen_typed_objects() -> None:
    text = """
samples:
  - id: first
    title:
      en: "First"
      es: "Primero"
    count: 3
    share: 1
    when: 2026-11-29
    flag: true
    tags: [a, "b"]
    phone:
      label: "Call"
      number: "911"
      purpose: crisis
      source: "https://countyofmonterey.gov/"
      compared: 2026-11-01
      confidence: official
"""
    loaded = parse_model(text, SampleFile, "samples.yaml")
    sample = loaded.samples[0]
    assert sample.title.get("es") == "Primero"
    assert sample.title.get("en") == "First"
    assert (sample.count, sample.share, sample.when, sample.flag, sample.tags) == (
        3,
        1.0,
        dt.date(2026, 11, 29),
        True,
        ("a", "b"),
    )
    assert sample.line == 3
    assert sample.ref == 'sample 1 "first"'
    assert sample.phone.number == "911"
    with pytest.raises(AttributeError):
        sample.count = 4  # type: ignore[misc]


def test_a_missing_translation_falls_back_to_english() -> None:
    assert Text(en="Call").get("es") == "Call"


def test_text_fields_keep_what_was_written() -> None:
    """YAML would read `no` as false and 0123 as a number; a text field keeps the characters."""
    loaded = parse_model(
        "samples:\n  - id: a\n    title: no\n    count: 1\n    when: 2026-01-01\n    tags: [0123, yes]\n", SampleFile, "s.yaml"
    )
    assert loaded.samples[0].title.en == "no"
    assert loaded.samples[0].tags == ("0123", "yes")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("when: someday", 's.yaml:4: sample 1 "T": when expected a date written like 2026-11-29, got "someday"'),
        ("share: lots", 's.yaml:4: sample 1 "T": share expected a number, got "lots"'),
        ("flag: maybe", 's.yaml:4: sample 1 "T": flag expected true or false, got "maybe"'),
        (
            "link: http://example.org",
            's.yaml:4: sample 1 "T": link "http://example.org" is not an https:// web page '
            "(only https:// addresses are allowed here)",
        ),
        (
            "link: mailto:someone@example.org",
            's.yaml:4: sample 1 "T": link "mailto:someone@example.org" is not an https:// web page '
            "(only https:// addresses are allowed here)",
        ),
        ("done: 2999-01-01", 's.yaml:4: sample 1 "T": done date 2999-01-01 is in the future; write the day it was done'),
        ("tags: alone", 's.yaml:4: sample 1 "T": tags expected a list (lines starting with "- ")'),
        ("titel: x", 's.yaml:4: sample 1 "T": unknown field "titel"; did you mean "title"?'),
        (
            "zzz: x",
            's.yaml:4: sample 1 "T": unknown field "zzz" (expected one of: id, title, count, share, when, flag, link, done, tags, phone)',
        ),
        ("count: 2", 's.yaml:5: sample 1 "T": field "count" is written twice'),
    ],
)
def test_each_mistake_gets_one_clear_message(entry: str, message: str) -> None:
    base = "    count: 1\n" + ("" if entry.startswith("when") else "    when: 2026-01-01\n")
    text = f"samples:\n  - id: a\n    title: T\n    {entry}\n{base}"
    with pytest.raises(ContentError) as raised:
        parse_model(text, SampleFile, "s.yaml")
    assert [str(p) for p in raised.value.problems] == [message]


def test_missing_fields_are_all_reported_at_once() -> None:
    with pytest.raises(ContentError) as raised:
        parse_model("samples:\n  - title: T\n", SampleFile, "s.yaml")
    assert [str(p) for p in raised.value.problems] == [
        's.yaml:2: sample 1 "T": missing required field "count"',
        's.yaml:2: sample 1 "T": missing required field "id"',
        's.yaml:2: sample 1 "T": missing required field "when"',
    ]


def test_an_empty_file_reports_the_missing_list() -> None:
    with pytest.raises(ContentError) as raised:
        parse_model("", SampleFile, "s.yaml")
    assert [str(p) for p in raised.value.problems] == ['s.yaml:1: missing required field "samples"']
