"""Spanish wording as a bilingual parent in Salinas reads it: no wording the reviewers rejected, names
written as descriptions where an organisation has no Spanish name of its own, the US hotline marked
as the US one, and one wording for one heading.

The rejected wordings, each with its reason, are in tests/fixtures/spanish_wording.yaml. Expected
texts are read from the content, so a translator's valid change never turns a test red.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from core.views.site import load_site

ROOT = Path(__file__).resolve().parent.parent
SPANISH = ROOT / "content" / "es"
REJECTED = yaml.safe_load((ROOT / "tests" / "fixtures" / "spanish_wording.yaml").read_text(encoding="utf-8"))["rejected"]
EN, ES = load_site(ROOT, "en"), load_site(ROOT, "es")


def spanish_files() -> list[Path]:
    return sorted(p for p in SPANISH.rglob("*") if p.is_file() and p.suffix in (".md", ".yaml"))


def found(pattern: re.Pattern[str], files: list[Path]) -> list[str]:
    """Every place the pattern matches, as path:line: the matched words."""
    hits = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            hits += [f"{path.relative_to(ROOT)}:{number}: {m.group(0)}" for m in pattern.finditer(line)]
    return hits


@pytest.mark.parametrize("entry", REJECTED, ids=lambda e: e["pattern"][:40])
def test_the_spanish_content_has_no_rejected_wording(entry: dict) -> None:
    files = spanish_files()
    if entry.get("only_in"):
        files = [SPANISH / name for name in entry["only_in"]]
        assert all(path.is_file() for path in files), entry["only_in"]
    hits = found(re.compile(entry["pattern"]), files)
    assert hits == [], f"{entry['reason']}; write instead: {entry['instead']}"


def test_the_rejected_wording_check_can_fail() -> None:
    assert found(re.compile(r"(?i)\bcasa de seguridad\b"), [ROOT / "tests" / "fixtures" / "spanish_wording.yaml"])
    assert all({"pattern", "reason", "instead"} <= set(entry) for entry in REJECTED)


def us_name() -> str:
    """The hotline's own Spanish name: its Spanish `name` up to the first parenthesis."""
    hotline = next(h for h in ES["hotlines"].value.hotlines if h.id == "national-human-trafficking-hotline")
    return hotline.name.get("es").split(" (")[0]


def test_the_us_trafficking_hotline_is_marked_as_the_us_line() -> None:
    # Mexico has a "Línea Nacional contra la Trata de Personas" of its own (800 5533 000).
    hotline = next(h for h in ES["hotlines"].value.hotlines if h.id == "national-human-trafficking-hotline")
    assert hotline.name.get("es").startswith(f"{us_name()} (EE. UU.")


# The Spanish pages that name the hotline.
PAGES = sorted(p.stem for p in (SPANISH / "pages").glob("*.md") if us_name() in ES.article(p.stem).value.body)


def test_some_spanish_pages_name_the_us_trafficking_hotline() -> None:
    assert len(PAGES) >= 2, PAGES


@pytest.mark.parametrize("page", PAGES)
def test_a_spanish_page_marks_the_us_trafficking_hotline_on_its_first_mention(page: str) -> None:
    body = ES.article(page).value.body
    name = us_name()
    first = body.index(name) + len(name)
    assert body[first:].startswith(" (EE. UU.)"), body[first - len(name) : first + 40]


def test_the_statistics_prose_marks_the_us_trafficking_hotline_on_its_first_mention() -> None:
    text = (SPANISH / "statistics" / "intro.md").read_text(encoding="utf-8")
    name = us_name()
    assert name in text
    assert text[text.index(name) + len(name) :].startswith(" (EE. UU.)")


@pytest.mark.parametrize("site", [EN, ES], ids=["en", "es"])
def test_the_talk_shows_the_facebook_figure_under_the_statistics_page_heading(site) -> None:
    series = site["statistics"].value.data.spotlight.series
    heading = site.strings("stats.facebook_heading")
    titles = [
        slide.title
        for deck in site.decks.values()
        for slide in deck.value.deck.slides
        if slide.kind == "chart" and slide.series == series and slide.title
    ]
    assert titles, f"no deck shows the {series} chart under a title of its own"
    assert set(titles) == {heading}


def test_the_spanish_911_line_tells_a_spanish_speaker_that_texts_are_answered_in_english() -> None:
    # Monterey County answers texts to 911 in English only (see the line's notes); the handout and the
    # crisis slides show the line's `about`, not its notes.
    line = next(h for h in ES["hotlines"].value.hotlines if h.id == "emergency-911")
    assert "inglés" in line.notes.get("es")
    assert "inglés" in line.about.get("es")
