"""Spanish as a first-class language: every page in Spanish with no English left (but an explicit
allow-list), fallback key by key, dates and numbers, the translation records, the check and the report.

Expected words are read from the content files, so a translator's valid change never turns a test red.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from pathlib import Path

import pytest
import yaml
from conftest import ENTRY, copy_project, page_script
from shipped import SLIDES
from streamlit.testing.v1 import AppTest

from core.commands.check import check, warnings
from core.content.navigation import ROUTES
from core.content.text import load_strings, number_text
from core.content.translation import preferred_language, report_lines, source_hash, stamp
from core.domain.directory import load_agencies
from core.domain.search import build_index
from core.views.charts import chart_rows, number_locale
from core.views.directory import card_markdown as agency_card
from core.views.figures import card_lines, quote_label, show_value, table_rows
from core.views.render import long_date
from core.views.site import load_site
from core.views.statistics import build_statistics_view
from core.views.statistics import card_markdown as figure_card

ROOT = Path(__file__).resolve().parent.parent
SEARCH_FIXTURE = ROOT / "tests" / "fixtures" / "search"
EN, ES = load_site(ROOT, "en"), load_site(ROOT, "es")
T_ES = ES.strings

# Proper names, titles and quoted words that stay as written (the data adds its own, see allowed()).
ALLOWED = (
    "Monterey County Human Trafficking Task Force",
    "Human Trafficking Institute",
    "2020 Federal Human Trafficking Report",
    "How to Talk to Youth About Human Trafficking: A Guide for Youth Caretakers and Individuals Working with Youth",
    "How to Talk to Youth About Human Trafficking",
    "65% CSEC youth are contacted through Facebook",
    "CSEC meaning Commercial Sexual Exploitation of Children occurs every day in the Monterey community.",
    "CSEC youth",
    "nearly 70 percent",
    "the life",
    "endangered runaways",
    "National Center for Missing & Exploited Children",
    "Federal Bureau of Investigation",
    "National Human Trafficking Hotline",
    "Child Abuse Prevention Council of Monterey County",
    "Family and Children's Services",
    "Family and Children's Services (Child Protective Services)",
    "Child Protective Services",
    "988 Suicide & Crisis Lifeline",
    "Childhelp National Child Abuse Hotline",
    "Global Report on Trafficking in Persons",
    "Pledge to Stay Vigilant on Social Media",
    "Youth Involvement in the Sex Trade: A National Study",
    "Youth Involvement in the Sex Trade",
    "The Imprint: Ending commercial sexual exploitation of children",
    "NCMEC: Child Sex Trafficking",
    "Enough Is Enough",
    "Child sex trafficking focus of Monterey forum",
    "The Washington Post Fact Checker",
    "Fact Checker",
    "del Post",
    "Penal Code section 11166",
    "Childhelp",
    "The Washington Post",
    "The Atlantic",
    "The Crime Report",
    "The Daily Mail",
    "The Imprint",
    "Crimes against Children Research Center",
    "University of New Hampshire",
    "Center for Court Innovation",
    "National Runaway Switchboard",
    "California Child Welfare Council",
    "National Academies",
    "Daily Caller",
    "India Today",
    "Business Insider",
    "Polaris Project",
    "Word on the Street",
    "Let's Talk",
    "Marsy's Law",
    "National Children's Alliance",
    "Sally P. Archer Child Advocacy Center at Natividad Medical Center",
    "Child Advocacy Center",
    "Monterey County Family Justice Center",
    "Family Justice Center",
    "Tri-County CSEC Program",
    "Juvenile Hall",
    "Youth Center",
    "U.S. attorneys",
    "Door to Hope",
    "Technology Is On The Rise In Human Trafficking",
    "House Education and the Workforce",
    "Monterey County Department of Social Services",
    "Washington State Standard",
    "The Columbian",
    "The Monterey Herald",
    "Fox News",
    "Marketplace Tech",
    "American Public Media",
    "Pedal the Pacific",
    "La Strada International",
    "King City",
    "California",
    "Human Trafficking Symposium",
    "Coalition of Homeless Services Providers",
    "BeFree Textline",
    "Text HELP",
    "HELP",
    "HOME",
    "National Center for Missing & Exploited Children",
    "National Children's Advocacy Center",
    "National Network to End Domestic Violence",
    "Safety Net",
    "love is respect",
    # English words the Spanish keeps on purpose beside their rendering: the keys' own names, and the
    # term a reader meets in US paperwork ("hogar de crianza temporal (foster care)").
    "Page Down",
    "Page Up",
    "foster care",
)


def without_note(name: str) -> str:
    """A name or a title without the note in parentheses that ends it: "2021 Report (as reported by X)" -> "2021 Report"."""
    return re.sub(r"\s*\([^()]*\)$", "", name)


def allowed() -> list[str]:
    """The allow-list: the phrases above, and what the data keeps as written (names, titles, quotes)."""
    data = ES["statistics"].value.data
    agencies = ES["directory"].value.agencies
    hotlines = ES["hotlines"].value.hotlines
    site = ES["site"].value
    found = [*ALLOWED]
    for figure in data.figures:  # a title or a publisher is a name; a note added to it in parentheses is words
        found += [figure.quote, " ".join(figure.quote.split()), without_note(figure.publisher), without_note(figure.source_title)]
    if data.spotlight:
        found += [data.spotlight.task_force_wording, data.spotlight.task_force_source]
    found += [words for myth in data.myths for words, _ in quoted_in_myth(myth)]
    found += [a.name.en for a in agencies] + [n for a in agencies for n in a.short_names] + [a.address for a in agencies]
    found += (
        [h.name.en for h in hotlines]
        + [link.publisher for link in site.links]
        + [without_note(link.title.en) for link in site.links]
    )
    return sorted({f for f in found if f}, key=len, reverse=True)


QUOTED = re.compile(r"“([^”]+)”")
QUOTED_ENGLISH = re.compile(r"“[^”]*”(?= \(traducción: “)")  # words quoted as the source wrote them
RENDERED = " (traducción: “"
# A myth's own suggestion in quotation marks (what a presenter could say), not a source's words: translated.
OWN_WORDS = {("fbi-high-intensity-areas", "say_instead")}


def quoted_in_myth(myth) -> list[tuple[str, str]]:
    """The words a myth quotes from a source in its English texts, with the field each is in."""
    return [
        (words, name)
        for name in ("what_is_wrong", "say_instead")
        if (myth.id, name) not in OWN_WORDS
        for words in QUOTED.findall(getattr(myth, name).en)
    ]


def run(route, **query: str) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=60)
    for key, value in {"lang": "es", **query}.items():
        app.query_params[key] = value
    app.run()
    if route.script != ROUTES[0].script:
        app.switch_page(page_script(route.script))
        app.run()
    return app


def visible_text(app: AppTest) -> list[str]:
    """Every text the page shows: Markdown, headings, captions, labels, options, tables and HTML."""
    found: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            for name in ("body", "label", "placeholder", "help", "alt"):
                value = getattr(proto, name, None)
                if isinstance(value, str) and value:
                    found.append(value)
            options = getattr(proto, "options", None)
            if options is not None and not isinstance(options, str):
                found.extend(getattr(o, "content", o) for o in options if isinstance(getattr(o, "content", o), str))
        value = getattr(node, "value", None)
        if isinstance(value, str) and not getattr(getattr(node, "proto", None), "options", None):  # not a choice's raw id
            found.append(value)
        elif hasattr(value, "to_csv"):  # a table
            found.extend([str(c) for c in value.columns] + [str(v) for v in value.to_numpy().ravel()])
        children = getattr(node, "children", None)
        for child in children.values() if isinstance(children, dict) else children or ():
            walk(child)

    walk(app._tree)
    return found


WORDS = yaml.safe_load((ROOT / "tests" / "fixtures" / "spanish" / "words.yaml").read_text(encoding="utf-8"))


def english_vocabulary() -> frozenset[str]:
    """English words: every word the English content writes in lower case, and the fixture's own, less the words
    Spanish spells the same way (tests/fixtures/spanish/words.yaml)."""
    files = [*(ROOT / "content" / "en").rglob("*.*"), *(ROOT / "data").glob("*.yaml")]
    words: set[str] = set()
    for path in files:
        text = re.sub(
            r"(?m)^\s*(- )?[\w-]+:|https?://\S+|[\w.-]+\.(com|org|gov|net|edu|us)\b", " ", path.read_text(encoding="utf-8")
        )
        words |= set(re.findall(r"(?<![\w'./@-])[a-z]{2,}(?![\w/-])", text))  # not keys, ids or addresses
    return frozenset((words | set(WORDS["english"].split())) - set(WORDS["shared"].split()))


ENGLISH = english_vocabulary()


def english_left(texts: list[str], allow: list[str]) -> list[str]:
    """English words left once the allowed names and the quoted English words (with their rendering) are taken
    out, each with the text around it."""
    left = []
    for raw in texts:
        text = html.unescape(re.sub(r"<style>.*?</style>|<script>.*?</script>|<[^>]+>", " ", raw, flags=re.S))
        text = QUOTED_ENGLISH.sub(" ", text)
        for phrase in allow:
            text = text.replace(phrase, " ")
        text = re.sub(r"\]\([^)]*\)|https?://\S*|[\w.-]+\.(com|org|gov|net|edu|us|nl|br|au|it)\b", " ", text)  # addresses
        text = re.sub(r"\b1-8\d\d-[A-Z0-9-]*[A-Z][A-Z0-9-]*", " ", text)  # numbers written with letters: 1-800-THE-LOST
        text = re.sub(r":material/\w+:|:small\[|:\w+\[", " ", text)  # Streamlit's directives
        for match in re.finditer(r"[^\W\d_]+(?:'[^\W\d_]+)?", text):
            if match.group(0).isascii() and match.group(0).lower() in ENGLISH:
                left.append(f"{match.group(0)}: …{text[max(match.start() - 40, 0) : match.end() + 40].strip()}…")
    return left


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_every_page_renders_in_spanish_with_no_english_left(route) -> None:
    app = run(route)
    assert not app.exception, [e.message for e in app.exception]
    texts = visible_text(app)
    assert any('data-page-lang="es"' in text for text in texts), "the page does not say it is in Spanish"
    assert english_left(texts, allowed()) == []
    shown = html.unescape("\n".join(texts))
    assert spain_style_numbers(re.sub(r"<style>.*?</style>|<script>.*?</script>", " ", shown, flags=re.S)) == []  # words, not CSS
    assert T_ES("frame.crisis_label") in shown
    assert T_ES("frame.translation_unreviewed") in shown  # drafts: each page says so, in Spanish


@pytest.mark.parametrize("deck_id", sorted(ES.decks))
def test_every_slide_of_a_spanish_deck_and_its_notes_have_no_english_left(deck_id: str) -> None:
    present = next(r for r in ROUTES if r.path == "present")
    slides = SLIDES["es"][deck_id]
    for number, slide in enumerate(slides, start=1):
        app = run(present, deck=deck_id, slide=str(number), notes="1")
        assert not app.exception, [e.message for e in app.exception]
        texts = visible_text(app)
        assert any(html.escape(slide.title) in text for text in texts), (deck_id, number)
        assert english_left(texts, allowed()) == [], (deck_id, number, slide.title)


def test_the_no_english_check_can_fail() -> None:
    english = [f"{EN.strings('directory.intro')}", EN.article("what-to-do").value.body]
    assert all(english_left([text], allowed()) for text in english)
    assert english_left(["Edades: Children"], allowed()) == ["Children: …Edades: Children…"]
    assert english_left(["Antes de 2004, “the life” (traducción: “la vida”)"], allowed()) == []


def shown_about(figure, lang: str, t) -> list[str]:
    """What the statistics page shows about a figure besides its quoted words: its card, how it was checked, its
    source, who wrote a paraphrase, and its row in a chart's table and data."""
    data = ES["statistics"].value.data
    texts = [figure_card(figure, lang, t), *card_lines(figure, lang, t), quote_label(figure, t)]
    texts += [cell for row in table_rows([figure], "stages", lang, t) for cell in row.values()]
    if figure.series:
        rows = chart_rows(data.series_by_id(figure.series), [figure], lang, t)
        texts += [str(row[key]) for row in rows for key in ("period_label", "group", "shown_as", "spoken") if key in row]
    return texts


def test_the_spanish_figures_and_agencies_show_no_english_but_names_and_quoted_words() -> None:
    # The data as the pages show it: where a figure was read, who wrote a paraphrase, a note added to a title,
    # period labels, and words such as the ages an agency serves are translated; names and titles stay as written.
    allow = allowed()
    found = {f.id: english_left(shown_about(f, "es", T_ES), allow) for f in ES["statistics"].value.data.figures}
    found |= {a.id: english_left([agency_card(a, "es", T_ES)], allow) for a in ES["directory"].value.agencies}
    assert {k: v for k, v in found.items() if v} == {}


def test_the_statistics_and_directory_state_in_the_address_work_in_spanish() -> None:
    stats = next(r for r in ROUTES if r.path == "statistics")
    app = run(stats, topic="runaways")
    assert next(h.value for h in app.header) == T_ES("stats.topic.runaways")
    directory = next(r for r in ROUTES if r.path == "directory")
    app = run(directory, directory_kind="health", directory_language="Spanish")
    assert app.selectbox(key="directory_kind").value == "health"
    assert app.selectbox(key="directory_kind").format_func("health") == T_ES("directory.kinds.health")
    assert app.selectbox(key="directory_language").value == "Spanish"


def one_line(text: str) -> str:
    return " ".join(text.split())


def quoted_then_rendered(blocks: list[str], words: str, rendering: str, t) -> bool:
    """Whether a block shows the quoted words as written and, beneath them, the rendering marked as a translation."""
    marked = t("stats.quote_translation", text=one_line(rendering))
    for block in (html.unescape(b) for b in blocks):
        if f"> {one_line(words)}" in block and marked in block.split(one_line(words), 1)[1]:
            return True
    return False


def test_quoted_words_stay_as_written_with_their_marked_spanish_rendering() -> None:
    stats = next(r for r in ROUTES if r.path == "statistics")
    app = run(stats)
    assert not app.exception
    blocks = [m.value for m in app.markdown]
    data = ES["statistics"].value.data
    cards = [f for f in data.figures if f.series is None]
    assert cards
    assert all(f.quote_translation.es for f in cards)
    for figure in cards:
        assert quoted_then_rendered(blocks, figure.quote, figure.quote_translation.es, T_ES), figure.id
    spotlight, first = data.spotlight, data.points(data.spotlight.series)[0]
    assert quoted_then_rendered(blocks, spotlight.task_force_wording, spotlight.task_force_wording_translation.es, T_ES)
    assert quoted_then_rendered(blocks, first.quote, first.quote_translation.es, T_ES)


def test_the_figures_csv_carries_the_quote_and_its_rendering_in_spanish_only() -> None:
    for site, lang in ((ES, "es"), (EN, "en")):
        view = build_statistics_view(site["statistics"].value, lang, site.strings)
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(view.figures_csv("all").decode("utf-8-sig")))}
        for figure in site["statistics"].value.data.figures:
            assert rows[figure.id]["quote"] == one_line(figure.quote)
            expected = one_line(figure.quote_translation.es) if lang == "es" else ""
            assert rows[figure.id]["quote_translation"] == expected, figure.id


def test_an_english_page_shows_no_rendering_of_quoted_words() -> None:
    stats = next(r for r in ROUTES if r.path == "statistics")
    app = run(stats, lang="en")
    marker = EN.strings("stats.quote_translation", text="").strip()
    assert app.markdown
    assert not any(marker in html.unescape(m.value) for m in app.markdown)


def test_a_myth_keeps_the_words_it_quotes_as_written_with_a_marked_rendering() -> None:
    stale = {u.what for u in ES.units if u.stale}
    myths = [m for m in ES["statistics"].value.data.myths if f'myths "{m.id}"' not in stale]
    checked = 0
    for myth in myths:
        for words, name in quoted_in_myth(myth):
            spanish = getattr(myth, name).es
            assert f"“{words}”{RENDERED}" in spanish, (myth.id, name, words)
            rendering = spanish.split(f"“{words}”{RENDERED}", 1)[1].split("”", 1)[0]
            assert rendering.strip(), (myth.id, words)
            assert rendering != words, (myth.id, words)
            checked += 1
    assert checked


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("policía", "salinas-pd"),
        ("fiscalía", "mc-district-attorney"),
        ("violación", "mcrcc"),
        ("jóvenes", "community-human-services"),
        ("abuso infantil", "mc-family-childrens-services"),
        ("español", "mc-family-justice-center"),
    ],
)
def test_directory_search_answers_spanish_queries_in_the_spanish_interface(query: str, expected: str) -> None:
    # Against the search tests' frozen copy of the directory and its Spanish words, so that an editor's
    # change to the shipped entries never changes what these queries must find.
    index = build_index(load_agencies(SEARCH_FIXTURE, "es").agencies, "es")
    assert expected in [a.id for a in index.search(query)]


def test_the_directory_page_searches_in_spanish() -> None:
    directory = next(r for r in ROUTES if r.path == "directory")
    query = "policía"  # a visitor's word; which entries it finds is the search's business, tested above
    found = ES["directory"].value.index.search(query)
    if not found:
        pytest.skip("no entry of the shipped Spanish directory is found by the Spanish word for police")
    app = run(directory, q=query)
    assert not app.exception
    cards = html.unescape("\n".join(m.value for m in app.markdown))
    assert f"### {found[0].name.get('es')}" in cards  # the card, under its Spanish name
    assert found[0].role.get("es")[:40] in cards


# --- the machinery --------------------------------------------------------------------------------


def test_the_browser_language_chooses_spanish_or_english() -> None:
    available = {"en", "es"}
    assert preferred_language("es-MX", available) == "es"
    assert preferred_language("es_US", available) == "es"
    assert preferred_language("ES", available) == "es"
    assert preferred_language("en-US", available) == "en"
    assert preferred_language("fr-FR", available) == "en"
    assert preferred_language(None, available) == "en"
    assert preferred_language("es-MX", {"en"}) == "en"


# Numbers as Spain writes them: a point before groups of three digits (26.300), a comma before decimals (24,5).
# Mexican and US Spanish, the site's Spanish, write 26,300 and 24.5 as English does.
SPAIN_STYLE = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.])|(?<![\d.,])\d+,(?:\d{1,2}|\d{4,})(?![\d,])")


def spain_style_numbers(text: str) -> list[str]:
    """Numbers written the way Spain writes them, outside quoted English words and web addresses."""
    text = re.sub(r"https?://\S+", " ", QUOTED_ENGLISH.sub(" ", text))
    return SPAIN_STYLE.findall(text)


def test_dates_and_numbers_in_the_visitors_language() -> None:
    day = dt.date(2026, 11, 29)
    assert long_date(day, T_ES) == "29 de noviembre de 2026"
    assert long_date(day, EN.strings) == "November 29, 2026"
    assert (number_text(26300, "en"), number_text(26300, "es")) == ("26,300", "26,300")
    assert (number_text(24.5, "en"), number_text(24.5, "es")) == ("24.5", "24.5")


def test_the_spanish_content_writes_numbers_as_mexican_and_us_spanish_do() -> None:
    assert spain_style_numbers("1.118 personas, 24,5 %, 9,1 millones") == ["1.118", "24,5", "9,1"]
    assert spain_style_numbers("1,118 personas, 24.5 %, 9.1 millones, “4,457 a 20,994” (traducción: “x”)") == []
    found = {
        f"{path.relative_to(ROOT)}:{number}": spain_style_numbers(line)
        for path in sorted((ROOT / "content" / "es").rglob("*.*"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if spain_style_numbers(line)
    }
    assert found == {}


def test_the_spanish_figures_and_chart_axes_write_numbers_as_mexican_and_us_spanish_do() -> None:
    for figure in ES["statistics"].value.data.figures:
        assert number_text(figure.value, "es") == number_text(figure.value, "en"), figure.id
        assert spain_style_numbers(show_value(figure, T_ES)) == [], figure.id
    assert spain_style_numbers(T_ES("stats.value_percent", value=number_text(24.5, "es"))) == []
    assert (number_locale("es")["thousands"], number_locale("es")["decimal"]) == (",", ".")


def test_every_english_key_has_a_text_and_none_shows_raw() -> None:
    for key in EN.strings.texts:
        assert T_ES(key, **dict.fromkeys(_fields(EN.strings.texts[key]), "x")) != key


def _fields(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_a_missing_key_falls_back_to_english_for_that_key_only(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    strings = root / "content" / "es" / "strings.yaml"
    text = strings.read_text(encoding="utf-8")
    strings.write_text(
        re.sub(r'\n  search_label: "[^"]*"', "", text).replace('call: "Llamar al {number}"', 'call: "Llamar al {numero}"'),
        encoding="utf-8",
    )
    t = load_strings(root, "es")
    assert t("directory.search_label") == EN.strings("directory.search_label")  # English, not the raw key
    assert t("hotline.call", number="911") == EN.strings("hotline.call", number="911")  # a bad translation: English
    assert t("directory.search_heading") == T_ES("directory.search_heading")  # the rest stays Spanish


# --- the check and the report, on a copy with a missing key, a placeholder mismatch and a stale page


@pytest.fixture(scope="module")
def broken_translation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("translation") / "project")
    strings = root / "content" / "es" / "strings.yaml"
    text = strings.read_text(encoding="utf-8")
    text = re.sub(r'\n  search_label: "[^"]*"', "", text)
    text = text.replace('  call: "Llamar al {number}"', '  call: "Llamar al {numero}"')
    strings.write_text(text, encoding="utf-8")
    page = root / "content" / "en" / "pages" / "what-to-do.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added in English.\n", encoding="utf-8")
    return root


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_the_check_fails_on_a_placeholder_mismatch_naming_file_and_line(broken_translation: Path) -> None:
    line = line_of(broken_translation / "content" / "es" / "strings.yaml", "{numero}")
    assert [str(p) for p in check(broken_translation)] == [
        f"content/es/strings.yaml:{line}: \"hotline.call\" must use the same {{placeholders}} as English: ['number'] (here: ['numero'])"
    ]


def test_the_check_warns_on_a_missing_key_and_a_stale_page(broken_translation: Path) -> None:
    found = [str(w) for w in warnings(broken_translation)]
    english = (broken_translation / "content" / "en" / "pages" / "what-to-do.md").read_text(encoding="utf-8")
    es_page = broken_translation / "content" / "es" / "pages" / "what-to-do.md"
    recorded = re.search(r'translated_from: "(\w+)"', es_page.read_text(encoding="utf-8"))[1]
    assert (
        "content/en/strings.yaml:1: warning: content/es/strings.yaml: directory.search_label has no translation"
        " in content/es/strings.yaml"
    ) in found
    assert (
        f"content/es/pages/what-to-do.md:{line_of(es_page, 'translated_from:')}: warning: content/es/pages/what-to-do.md:"
        " stale translation (the older words stay on the page, marked as not reviewed, until updated and stamped with"
        " `make stamp FILE=content/es/pages/what-to-do.md`): the English it was translated from is not on record:"
        " compare content/en/pages/what-to-do.md with its history"
    ) in found
    assert recorded != source_hash(english)


def test_once_stamped_a_stale_warning_names_the_english_words_that_changed(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    shown = "content/es/strings.yaml"
    assert stamp(root, shown, load_site(root, "es").units) >= 0  # keeps a copy of the English it is now from
    english = root / "content" / "en" / "strings.yaml"
    key, old = next((key, text) for key, text in load_strings(root, "en").texts.items() if "{" not in text and '"' not in text)
    new = old + " (changed)"
    english.write_text(english.read_text(encoding="utf-8").replace(f'"{old}"', f'"{new}"', 1), encoding="utf-8")
    assert load_strings(root, "en").texts[key] == new

    stale = [str(w) for w in warnings(root) if f"warning: {shown}: stale translation" in str(w)]

    assert len(stale) == 1
    assert stale[0].endswith(f'was "{key}: {old}", now "{key}: {new}"')
    report = "\n".join(report_lines(load_site(root, "es").units, "es"))
    assert f'was "{key}: {old}", now "{key}: {new}"' in report


def test_the_report_lists_missing_stale_and_unreviewed_by_file(broken_translation: Path) -> None:
    lines = report_lines(load_site(broken_translation, "es").units, "es")
    text = "\n".join(lines)
    assert "\ncontent/es/pages/what-to-do.md\n  stale       content/es/pages/what-to-do.md" in text
    assert "incomplete  content/es/strings.yaml" in text
    assert "directory.search_label" in text
    assert "  unreviewed  content/es/pages/safety.md" in text


def test_a_reviewed_translation_is_no_longer_flagged(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    assert load_site(root, "es").unreviewed("safety")
    for path in sorted((root / "content" / "es").rglob("*.*")):  # bring every record up to date first
        stamp(root, path.relative_to(root).as_posix(), load_site(root, "es").units)
    for path in (root / "content" / "es").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            text = text.replace('reviewed_by: ""', 'reviewed_by: "A. Reviewer"').replace(
                "reviewed_on: }", "reviewed_on: 2026-12-01 }"
            )
            text = re.sub(r"reviewed_on:\n", "reviewed_on: 2026-12-01\n", text)
            path.write_text(text, encoding="utf-8")
    site = load_site(root, "es")
    assert site.problems == ()
    assert [unit.what for unit in site.units if unit.exists and not unit.reviewed] == []
    # A page still shows the line while something it shows has no translation yet (English stands in).
    assert site.unreviewed("safety") == any(not unit.exists for unit in site.units if "safety" in unit.pages)


def test_a_review_needs_a_name_and_a_date(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    page = root / "content" / "es" / "pages" / "safety.md"
    page.write_text(page.read_text(encoding="utf-8").replace('reviewed_by: ""', 'reviewed_by: "A. Reviewer"'), encoding="utf-8")
    messages = [p.message for p in load_site(root, "es").problems]
    assert "translation: reviewed_by and reviewed_on go together: fill in both, or neither" in messages
