"""What a "compared" date says was compared: the page itself, an archived copy of a year read from a web
archive's address, or a saved copy of unknown date. One rule (core.views.render.compared_text), in both languages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from core.content.text import load_strings
from core.views.render import archived_year, compared_text, long_date, md_escape, phone_trust
from core.views.site import load_site

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("url", "year"),
    [
        ("https://web.archive.org/web/20130512093000/http://www.example.org/page", 2013),
        ("https://web.archive.org/web/20130512093000id_/https://www.example.org/", 2013),
        ("https://webarchive.library.unt.edu/eot2008/20090507191437/http://www.ncmec.org/missingkids/servlet/PageServlet", 2009),
        ("https://cybercemetery.unt.edu/archive/oilspill/20130215151907/http://www.ice.gov/tipline/", 2013),
        ("https://www.acf.hhs.gov/archive/blog/2013/04/human-trafficking-victims-can-text-befree-get-help", None),
        ("https://capcmonterey.org/", None),
        ("https://example.org/reports/20130215151907.pdf", None),
    ],
)
def test_the_year_of_an_archived_copy_is_read_from_a_web_archives_address(url: str, year: int | None) -> None:
    assert archived_year(url) == year


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_compared_date_says_which_copy_was_compared(lang: str) -> None:
    t = load_strings(ROOT, lang)
    line = load_site(ROOT)["hotlines"].value.hotlines[0].phones[0]
    day = dt.date(2026, 11, 29)
    date = long_date(day, t)
    archive = "https://web.archive.org/web/20130512093000/http://www.example.org/"
    cases = {
        ("page", "https://www.example.org/"): t("trust.compared_on", date=date),
        ("copy", "https://www.example.org/"): t("trust.compared_copy", date=date),
        ("copy", archive): t("trust.compared_archived", date=date, year=2013),
        ("page", archive): t("trust.compared_archived", date=date, year=2013),
    }
    for (kind, url), expected in cases.items():
        shown = dataclasses.replace(line, compared=day, compared_with=kind, source=url)
        assert compared_text(shown, t) == expected
    assert len(set(cases.values())) == 3


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_shipped_number_says_what_it_was_compared_with(lang: str) -> None:
    """The research read archived copies of pages, not the live pages: every number in the data says so."""
    site = load_site(ROOT, lang)
    t = site["strings"].value
    lines = [p for h in site["hotlines"].value.hotlines for p in h.phones]
    lines += [p for a in site["directory"].value.agencies for p in a.phones]
    lines.append(site["site"].value.contact)
    for line in lines:
        assert line.compared_with == "copy", line.source
        shown = " ".join(phone_trust(line, t))
        assert md_escape(compared_text(line, t)) in shown, line.source
        year = archived_year(line.source)
        if year is not None:
            assert str(year) in shown, line.source


# A fact kept as a literal on purpose: Crisis Text Line's Spanish keyword (AYUDA, with WhatsApp 442-AYUDAME) was
# added from the organisation's page, outside the research every other number comes from.
def test_a_line_outside_the_research_is_marked_unconfirmed_like_the_others() -> None:
    site = load_site(ROOT)
    t = site["strings"].value
    line = next(p for h in site["hotlines"].value.hotlines for p in h.phones if p.text_word == "AYUDA")
    assert line.confidence == "not-in-research"
    assert not line.confirmed
    mark = md_escape(t("trust.unconfirmed", confidence=t("hotline.confidence_not-in-research")))
    assert any(mark in shown for shown in phone_trust(line, t))
