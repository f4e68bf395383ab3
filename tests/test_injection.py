"""Injection: markup, scripts and link tricks written into the data are refused or shown as plain text.

A temporary copy of content/ and data/ gets the payloads below in every free-text field (names,
labels, roles, notes, titles, ...) of every file the site loads, found from the models themselves,
so files added later are covered too. Dangerous addresses in every address field are refused by
the content check. With the addresses left alone, every page shows the payloads as visible text
in real Chromium, and none of them runs (no dialog, no console marker, no element they describe).
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

import pytest
import yaml
from conftest import Recorder, copy_project, foreign_requests, new_page, open_app, page_url
from playwright.sync_api import expect

import core.content.load
from core.commands.check import check
from core.content.models import PageMeta
from core.content.navigation import ROUTES
from core.content.schema import HttpsUrl, Model, Text, public_fields
from core.views.site import load_site

ROOT = Path(__file__).resolve().parent.parent
SHOWN = [route for route in ROUTES if (ROOT / route.script).exists()]
"""The pages dashboard.py puts in its navigation (ui.navigation_pages: every route whose script exists)."""

PAYLOADS = (
    "<script>window.__pwned = 1; console.log('INJECTED-script')</script>",
    "<img src=x onerror=\"console.log('INJECTED-img'); alert('INJECTED-img')\">",
    "<svg onload=alert('INJECTED-svg')>",
    "\"><script>alert('INJECTED-quote')</script>",
    "'><img src=x onerror=alert('INJECTED-apostrophe')>",
    "<a href=\"javascript:alert('INJECTED-href')\">click me</a>",
    "[click me](javascript:alert('INJECTED-mdlink'))",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![tracker](https://evil.example/pixel.png)",
    '<iframe src="https://evil.example/frame"></iframe>',
    "</div></div></section><script>alert('INJECTED-close')</script>",
    "<style>body { display: none }</style>",
    "<details open ontoggle=alert('INJECTED-details')>",
    "<input autofocus onfocus=alert('INJECTED-focus')>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('INJECTED-mxss')>",
    "javascript:alert('INJECTED-plain')",
    ":red[INJECTED-colour] :material/warning: $\\href{javascript:alert(1)}{x}$",
    "**bold** _italic_ `code` <u>underline</u>",
    '[trusted](https://evil.example "title") and <https://evil.example/auto>',
    "&lt;script&gt;alert('INJECTED-entity')&lt;/script&gt;",
    "<!-- comment --><b onmouseover=alert('INJECTED-hover')>hover</b>",
    "{{call:emergency-911}} {{link:evil}} {name} %s",
    "<<script>script>alert('INJECTED-nested')<</script>/script>",
    "<body onload=alert('INJECTED-body')>",
)
"""Script tags, event handlers, javascript: and data: addresses, broken markup and Markdown link tricks."""

DANGEROUS_URLS = (
    "javascript:alert('INJECTED-url')",
    "JaVaScRiPt:alert('INJECTED-url')",
    " javascript:alert('INJECTED-url')",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "http://evil.example/",
    "//evil.example/",
    'https://evil.example/" onmouseover="alert(1)',
    "file:///etc/passwd",
    "mailto:someone@example.org?body=<script>alert(1)</script> x",
)
"""Addresses the check must refuse: only complete https:// addresses are allowed."""

MARKUP_IN_ADDRESS = "https://evil.example/?q=\"><script>alert('INJECTED-address')</script><b>bold</b>"
"""An https address with markup but no space: the check lets it through, so the pages must keep it an address."""

MARKDOWN_TRICKS = {
    "[click me](javascript:alert('INJECTED-md'))": "link \"javascript:alert('INJECTED-md')\" is not an https:// web page",
    "[data](data:text/html,hi)": 'link "data:text/html,hi" is not an https:// web page',
    "![tracker](https://evil.example/pixel.png)": "images are not allowed in content",
    "<script>alert('INJECTED-md')</script>": "HTML is not allowed in content",
    "Text with <img src=x onerror=alert(1)> inside.": "HTML is not allowed in content",
    "[plain http](http://evil.example/)": 'link "http://evil.example/" is not an https:// web page',
}
"""Markdown page bodies: each line and (part of) the message the check gives for it."""


# --- finding the fields ----------------------------------------------------------------------------


def loaded_model_files(root: Path) -> list[tuple[Path, type[Model]]]:
    """Every YAML file the site loads, with the model it is built into (recorded while the site loads)."""
    found: list[tuple[Path, type[Model]]] = []
    original = core.content.load.parse_model

    def record(text: str, cls: type[Model], shown: str, first_line: int = 1) -> Model:
        found.append((root / shown, cls))
        return original(text, cls, shown, first_line)

    core.content.load.parse_model = record
    try:
        load_site(root)
    finally:
        core.content.load.parse_model = original
    return list(dict.fromkeys(found))


def unwrap(hint: Any) -> Any:
    if get_origin(hint) in (typing.Union, types.UnionType):
        return next(arg for arg in get_args(hint) if arg is not type(None))
    return hint


def fields_of(cls: type[Model]) -> Iterator[tuple[str, Any, bool]]:
    """(name, type, has a check of its own) for each field an editor writes."""
    hints = get_type_hints(cls)
    for field in public_fields(cls):
        yield field.name, unwrap(hints[field.name]), field.metadata.get("check") is not None


def is_free_text(hint: Any) -> bool:
    return hint is str or hint is Text


def rewrite(data: Any, cls: type[Model], text: Any, url: Any, path: str = "", skip: frozenset[str] = frozenset()) -> None:
    """Replace, in place, the free-text values (with `text(path)`) and addresses (with `url(path)`) of YAML data."""
    if not isinstance(data, dict):
        return
    for name, hint, checked in fields_of(cls):
        if name not in data or data[name] is None or name in skip:
            continue
        where = f"{path}.{name}" if path else name
        if get_origin(hint) is tuple:
            item = unwrap(get_args(hint)[0])
            if isinstance(item, type) and issubclass(item, Model):
                for index, child in enumerate(data[name] or ()):
                    rewrite(child, item, text, url, f"{where}[{index}]", skip)
            elif item is HttpsUrl and url is not None:
                data[name] = [url(f"{where}[{index}]", old) for index, old in enumerate(data[name] or ())]
        elif isinstance(hint, type) and issubclass(hint, Model):
            rewrite(data[name], hint, text, url, where, skip)
        elif hint is HttpsUrl and url is not None:
            data[name] = url(where, data[name])
        elif is_free_text(hint) and not checked and text is not None and get_origin(hint) is not Literal:
            if isinstance(data[name], dict):  # en:/es: translations
                data[name]["en"] = text(where)
            elif isinstance(data[name], str) and data[name].strip():
                data[name] = text(where)


def rewrite_project(root: Path, text: Any = None, url: Any = None, skip: frozenset[str] = frozenset()) -> None:
    for path, cls in loaded_model_files(root):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rewrite(data, cls, text, url, skip=skip)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def rewrite_front_matter(root: Path, text: Any) -> None:
    """Page titles and summaries (PageMeta's free-text fields) in every Markdown page."""
    for page in sorted((root / "content" / "en" / "pages").glob("*.md")):
        _, front, body = page.read_text(encoding="utf-8").split("---\n", 2)
        data = yaml.safe_load(front)
        rewrite(data, PageMeta, text, None, page.stem)
        page.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" + body)


class Injector:
    """Hands out the payloads in turn, each with a number so that no two values are equal."""

    def __init__(self) -> None:
        self.used: list[tuple[str, str]] = []

    def __call__(self, where: str) -> str:
        payload = PAYLOADS[len(self.used) % len(PAYLOADS)]
        value = f"{payload} #{len(self.used)}"
        self.used.append((where, value))
        return value

    def field_names(self) -> set[str]:
        return {re.sub(r"\[\d+\]", "", where).rsplit(".", 1)[-1] for where, _ in self.used}


# --- the check refuses dangerous addresses ------------------------------------------------------------


def test_there_are_enough_payloads() -> None:
    assert len(PAYLOADS) >= 20
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_the_check_refuses_every_dangerous_address_in_every_address_field(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    written: list[str] = []

    def dangerous(where: str, old: str) -> str:
        value = f"{DANGEROUS_URLS[len(written) % len(DANGEROUS_URLS)]}#{len(written)}"
        written.append(value)
        return value

    rewrite_project(root, url=dangerous)
    assert len(written) >= len(DANGEROUS_URLS), "too few address fields found"
    messages = [problem.message for problem in check(root)]
    for value in written:
        assert any(value.strip() in message for message in messages), value
    assert load_site(root)["site"].value is None  # quick_exit_url among them: the frame falls back to the default


def test_the_check_refuses_html_images_and_bad_links_in_markdown(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    page = root / "content" / "en" / "pages" / f"{next(r for r in SHOWN if r.from_article).path}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(MARKDOWN_TRICKS) + "\n", encoding="utf-8")
    messages = [problem.message for problem in check(root) if problem.path.endswith(page.name)]
    for trick, expected in MARKDOWN_TRICKS.items():
        assert any(expected in message for message in messages), trick


# --- with the addresses left alone, the payloads are only text ------------------------------------------

# Alerts and the payloads' console markers are recorded; a dialog would also be seen by Playwright.
TRAP = """
window.__dialogs = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (message) => { window.__dialogs.push(String(message)); console.log("INJECTED-dialog " + message); };
}
"""
SUSPECT_ELEMENTS = """() => Array.from(document.querySelectorAll(
  '[onerror],[onload],[onclick],[onfocus],[ontoggle],[onmouseover],iframe,object,embed,' +
  'a[href^="javascript:" i],a[href^="data:" i],img[src="x"],img[src*="evil.example"],svg[onload],mglyph'))
  .map(e => e.outerHTML.slice(0, 120))"""


def markup_in_https_addresses(where: str, old: str) -> str:
    return f"{MARKUP_IN_ADDRESS}#{where}" if old.startswith("https://") else old


def inject_payloads(tmp_path_factory) -> tuple[Path, Injector, frozenset[str]]:
    """A copy with payloads in every free-text field the content check lets hold any text.

    A field that a rule of its own restricts (a period label must look like a year, say) is named
    in the check's message; such fields are left as they were, and the copy is made again.
    """
    skip: frozenset[str] = frozenset()
    for _ in range(5):
        root = copy_project(tmp_path_factory.mktemp("injected") / "project")
        injector = Injector()
        rewrite_project(root, text=injector, url=markup_in_https_addresses, skip=skip)
        rewrite_front_matter(root, injector)
        # Payloads lengthen every text, so the one-page handout outgrows its page: that rule is about length, not markup.
        problems = [p for p in check(root) if not p.message.startswith("the one-page handout")]
        if not problems:
            return root, injector, skip
        named = {name for p in problems for name in re.findall(r"(?<![\w-])([a-z_]+) \"", p.message)} & injector.field_names()
        assert named - skip, "the check refuses payloads in plain text:\n" + "\n".join(map(str, problems))
        skip |= named
    raise AssertionError(f"payloads still refused after leaving out {sorted(skip)}")


@pytest.fixture(scope="module")
def injected_server(tmp_path_factory, browser) -> Iterator[tuple[object, Injector, frozenset[str]]]:
    from conftest import start_server, stop_server

    root, injector, skip = inject_payloads(tmp_path_factory)
    server = start_server(root, tmp_path_factory.mktemp("injected-log"))
    yield server, injector, skip
    stop_server(server)


def test_the_payloads_reach_names_labels_roles_and_notes(injected_server) -> None:
    _, injector, skip = injected_server
    assert {"name", "label", "role", "notes", "title"} <= injector.field_names()
    assert not {"name", "label", "role", "notes", "title", "about", "summary"} & skip
    assert len(injector.used) >= 3 * len(PAYLOADS)


def open_every_expander(page) -> None:
    closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
    for _ in range(200):
        if not closed.count():
            return
        closed.first.click()


@dataclasses.dataclass
class Visit:
    """What one page of the injected copy showed and did."""

    body: str
    title: str
    headings: list[str]
    suspects: list[str]
    trapped: list[str]
    pwned: object
    has_exit: bool
    recorder: Recorder = dataclasses.field(default_factory=Recorder)


def note_dialog(dialog, recorder: Recorder) -> None:
    recorder.console.append(("dialog", "INJECTED-dialog " + dialog.message))
    dialog.dismiss()


@pytest.fixture(scope="module")
def visits(injected_server, browser) -> dict[str, Visit]:
    """Every page of the injected copy, opened once, expanders open and charts hovered."""
    server, _, _ = injected_server
    seen = {}
    for route in SHOWN:
        recorder = Recorder()
        page = new_page(browser, recorder, viewport={"width": 1280, "height": 900})
        page.add_init_script(TRAP)
        page.on("dialog", lambda dialog, seen_by=recorder: note_dialog(dialog, seen_by))
        open_app(page, page_url(server.url, route.path))
        exit_button = page.locator(".quick-exit-button")
        with contextlib.suppress(AssertionError):  # waits for it; the tests then say what was missing
            expect(exit_button).to_have_count(1)
        open_every_expander(page)
        expect(page.locator('[data-testid="stExpander"] details:not([open])')).to_have_count(0)
        for chart in page.locator('[data-testid="stVegaLiteChart"]').all():
            chart.hover()  # chart tooltips show data too: drawn by the chart's mouse handler, done when hover returns
        # No wait for a payload to fire (an image's onerror comes when its request fails): the verdict is
        # SUSPECT_ELEMENTS, which finds an injected element as soon as it is in the page, fired or not.
        seen[route.path] = Visit(
            body=page.inner_text("body"),
            title=page.locator("h1").first.inner_text().strip(),
            headings=[text.strip() for text in page.locator("h1, h2, h3, h4, h5, h6").all_inner_texts()],
            suspects=page.evaluate(SUSPECT_ELEMENTS),
            trapped=page.evaluate("window.__dialogs"),
            pwned=page.evaluate("window.__pwned"),
            has_exit=exit_button.count() == 1,
            recorder=recorder,
        )
        page.context.close()
    return seen


@pytest.mark.browser
@pytest.mark.parametrize("route", SHOWN, ids=lambda r: r.name)
def test_a_page_shows_the_payloads_as_text_and_runs_none(injected_server, visits, route) -> None:
    server, _, _ = injected_server
    visit = visits[route.path]
    assert visit.has_exit
    if route.from_article:  # a page title is plain text, not Markdown
        front = (server.root / "content" / "en" / "pages" / f"{route.path}.md").read_text(encoding="utf-8")
        assert visit.title == yaml.safe_load(front.split("---\n")[1])["title"]
    assert "Traceback" not in visit.body
    assert "cannot be shown right now" not in visit.body
    assert visit.suspects == []
    assert visit.pwned is None
    assert visit.trapped == []
    assert [text for _, text in visit.recorder.console if "INJECTED" in text] == []
    assert [text for _, text in visit.recorder.console if "Content Security Policy" in text] == []
    assert visit.recorder.page_errors == []
    assert foreign_requests(visit.recorder.requests, server.url) == []


@pytest.mark.browser
def test_the_warning_sign_categories_are_headed_by_their_titles_exactly_as_written(injected_server, visits) -> None:
    # A category title drawn as Markdown (st.subheader(category.title)) showed a payload's image, bold or link
    # instead of the words an editor wrote: each heading must read as its title, character for character.
    server, injector, _ = injected_server
    titles = [category.title for category in load_site(server.root)["warning_signs"].value.categories]
    assert titles
    assert set(titles) <= {value for _, value in injector.used}, "the titles did not get payloads"
    route = next(route for route in SHOWN if route.script == "pages/warning_signs.py")
    headings = visits[route.path].headings
    assert [title for title in titles if title not in headings] == [], f"headings shown: {headings}"


@pytest.mark.browser
def test_every_payload_is_shown_as_text_somewhere(visits) -> None:
    seen_text = "\n".join(visit.body for visit in visits.values())
    missing = [payload for payload in PAYLOADS if payload not in seen_text]
    assert missing == [], "payloads not shown as text anywhere"
