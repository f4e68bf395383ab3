"""Every page through AppTest: it runs, shows its heading, the crisis numbers and the footer."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import ENTRY, page_script
from dial_forms import badly_formed, expected_call, expected_text, hrefs_in
from streamlit.testing.v1 import AppTest

import core.content.load
import ui
import ui.cache
from core.content.navigation import ROUTES
from core.content.text import PLACEHOLDER
from core.views.site import load_site, site_for

ROOT = Path(__file__).resolve().parent.parent

SITE = load_site(ROOT)
T = SITE.strings
FACTS = SITE["site"].value
STRIP = SITE["hotlines"].value.crisis_strip


def run_page(script: str, **query: str) -> AppTest:
    """The page as a visitor gets it: dashboard.py runs first, then switches to `script`."""
    app = AppTest.from_file(ENTRY, default_timeout=30)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    if script != ROUTES[0].script:
        app.switch_page(page_script(script))
        app.run()
    return app


def page_text(app: AppTest) -> str:
    parts = [e.value for e in app.markdown] + [e.value for e in app.title] + [e.value for e in app.header]
    parts += [e.value for e in app.subheader] + [e.value for e in app.caption] + [e.value for e in app.text]
    parts += [e.proto.body for e in app.get("html")]
    # Character references as Markdown reads them: only those that end with ";" (md_escape writes "&#46;").
    # html.unescape alone would also read "&sect" in "...?lawCode=PEN&sectionNum=11166" as "§".
    return re.sub(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", lambda m: html.unescape(m.group(0)), "\n".join(parts), flags=re.IGNORECASE)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_every_page_runs_with_the_frame(route) -> None:
    app = run_page(route.script)
    assert not app.exception, [e.message for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    text = page_text(app)
    for line in (line for hotline in STRIP for line in hotline.phones if line.number):
        assert line.number in text
        assert f'href="{expected_call(line.number)}"' in text
    assert list(badly_formed(hrefs_in(text))) == []
    assert_footer(text)


def assert_footer(text: str) -> None:
    """The footer, from site.yaml and the strings: the task force's line, a dial link, and whether it was reviewed."""
    contact = FACTS.contact
    assert T("frame.footer_contact", name=FACTS.name.en, label=contact.label.en) in text
    assert f"({expected_call(contact.number)})" in text
    assert T("frame.footer_not_crisis") in text
    if not contact.confirmed:
        assert T("trust.unconfirmed", confidence=T(f"hotline.confidence_{contact.confidence}")) in text
    review = FACTS.content_reviewed
    assert (T("trust.not_reviewed") if review is None else review.by) in text


AWARENESS_HEADINGS = {
    "what-is-csec": ["What CSEC is", "## Recognizing CSEC"],
    "how-it-happens": [
        '## What does "grooming" mean?',
        "## CSEC targeting",
        "## Becoming indebted",
        "## Threats and intimidation",
    ],
    "warning-signs": ["Warning signs", "Signs to notice", "Vulnerabilities traffickers target", "Contact through social media"],
    "talk-to-youth": ["How to talk to youth about CSEC", "How to Talk to Youth About Human Trafficking"],
    "what-to-do": ["## If a child is in immediate danger", "## For mandated reporters", "Reach us"],
}


@pytest.mark.parametrize(("path", "expected"), AWARENESS_HEADINGS.items())
def test_awareness_pages_show_their_sections(path: str, expected: list[str]) -> None:
    route = next(r for r in ROUTES if r.path == path)
    text = page_text(run_page(route.script))
    for heading in expected:
        assert heading in text


def test_placeholders_become_dial_links() -> None:
    text = page_text(run_page("pages/what_to_do.py"))
    body = (ROOT / "content" / "en" / "pages" / "what-to-do.md").read_text(encoding="utf-8")
    placeholders = PLACEHOLDER.findall(body)
    assert {kind for kind, _ in placeholders} >= {"call", "text"}, "the page has call and text placeholders to check"
    hotlines, links = SITE["hotlines"].value, {link.id: link for link in SITE["site"].value.links}
    for kind, ident in placeholders:
        if kind == "link":
            url = links[ident].url if ident in links else hotlines.by_id(ident).website
            assert f"]({url})" in text, ident
        elif kind == "call":
            line = next(p for p in hotlines.by_id(ident).phones if p.number)
            assert f"[{line.number}]({expected_call(line.number)})" in text, ident
        else:
            line = next(p for p in hotlines.by_id(ident).phones if p.text_to)
            assert f"[{line.text_to}]({expected_text(line.text_to, line.text_word)})" in text, ident
    assert "{{" not in text


def test_warning_signs_say_they_are_not_an_assessment_tool() -> None:
    text = page_text(run_page("pages/warning_signs.py"))
    # The words are the rule (SAFETY: the signs are a prompt to ask and report, never a diagnosis).
    assert "not a checklist or an assessment tool" in text
    signs = SITE["warning_signs"].value
    assert len(signs.signs) >= 12
    for sign in signs.signs:
        assert sign.indicator.split()[0] in text


def test_an_unknown_language_falls_back_to_english() -> None:
    app = run_page(ROUTES[0].script, lang="xx")
    assert not app.exception
    assert app.title[0].value == SITE["strings"].value("site.title")


def test_content_is_loaded_once_and_a_rerun_reads_no_content_file(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    original = core.content.load.read_text

    def counting_read(path, root=core.content.load.ROOT):
        reads.append(str(path))
        return original(path, root)

    monkeypatch.setattr(core.content.load, "read_text", counting_read)
    monkeypatch.setattr("core.content.text.read_text", counting_read)
    site_for.cache_clear()  # the one copy per process, which an earlier test may have loaded
    ui.cache.site_in.clear()
    app = run_page("pages/warning_signs.py")
    assert reads, "the first run loads the content"
    first = len(reads)
    app.run()
    app.switch_page(page_script("pages/what_to_do.py"))
    app.run()
    assert not app.exception
    assert len(reads) == first
