"""Words: the strings file of each language, and Markdown pages with front matter."""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from babel.numbers import format_decimal
from markdown_it import MarkdownIt

from core.content.load import denied_number_lines, parse_model, read_text
from core.content.models import PageMeta
from core.content.problems import ROOT, ContentError, Problem, display_path
from core.content.schema import DEFAULT_LANGUAGE, LANGUAGES, Builder, https_problem
from core.content.translation import RECORD_KEY, Provenance, parse_provenance
from core.content.yamlnodes import Node, YamlSyntaxError, parse_yaml

PLACEHOLDER = re.compile(r"\{\{\s*([a-z]+):([a-z0-9-]+)\s*\}\}")
PLACEHOLDER_KINDS = ("call", "text", "link")
_markdown = MarkdownIt("commonmark").enable("table")
_markdown.validateLink = lambda url: True  # see every link, javascript: included, so the check can name it


BABEL_LOCALES = {"en": "en_US", "es": "es_US"}
"""How Babel names each language's conventions: US English; Spanish as US public agencies and Mexico write it
(es_US: grouping with a comma, 26,300; a point before decimals, 24.5; not Spain's 26.300 and 24,5)."""


def number_text(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """A number as a person writes it in `lang`: 8,759 and 24.5 in English and in the site's Spanish."""
    return format_decimal(value, format="#,##0.##", locale=BABEL_LOCALES.get(lang, "en_US"))


@dataclass(frozen=True)
class Strings:
    """The interface words of one language, by dotted key (e.g. "frame.exit").

    A key that a translation lacks, or whose text cannot be filled in, falls back to English
    (`fallback`) for that key only; a raw key is shown only if English lacks it too.
    """

    lang: str
    texts: Mapping[str, str]
    fallback: Strings | None = None
    provenance: Provenance | None = None
    problems: tuple[Problem, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict)

    def __call__(self, key: str, **values: object) -> str:
        text = self.texts.get(key)
        if text is not None:
            try:
                return text.format(**values) if values else text
            except (KeyError, IndexError, ValueError):
                pass  # a translation that names a value the site does not give: use English for this key
        if self.fallback is not None:
            return self.fallback(key, **values)
        return key

    def has(self, key: str) -> bool:
        """The key has a text in this language itself, not by fallback."""
        return key in self.texts


Translate = Callable[..., str]
"""What code that draws words takes as `t`: a Strings, or any function from a key and values to text."""


def content_dir(root: Path, lang: str) -> Path:
    return root / "content" / lang


def site_languages(root: Path = ROOT) -> tuple[str, ...]:
    """The languages this site is written in: English, and each of LANGUAGES that has a folder under content/."""
    return tuple(lang for lang in LANGUAGES if lang == DEFAULT_LANGUAGE or content_dir(root, lang).is_dir())


def load_strings(root: Path = ROOT, lang: str = DEFAULT_LANGUAGE) -> Strings:
    """content/<lang>/strings.yaml, flattened to dotted keys.

    English must load whole (a problem raises ContentError). A translation is used key by key: a key
    English does not have, or whose {placeholders} differ from English, is listed in `problems` and
    left out, so that English is shown for it; a key it does not have falls back to English too.
    """
    path = content_dir(root, lang) / "strings.yaml"
    shown = display_path(path, root)
    if lang != DEFAULT_LANGUAGE and not path.exists():
        return Strings(lang, {}, load_strings(root, DEFAULT_LANGUAGE))  # not translated yet: English, key by key
    text = read_text(path, root)
    try:
        node = parse_yaml(text)
    except YamlSyntaxError as err:
        raise ContentError([Problem(shown, line, message) for line, message in err.problems]) from None
    problems: list[Problem] = [Problem(shown, n, m) for n, m in denied_number_lines(text)]
    problems += [Problem(shown, n, m) for n, m in node.writing]
    texts: dict[str, str] = {}
    lines: dict[str, int] = {}
    provenance = None
    if lang != DEFAULT_LANGUAGE and node.kind == "map" and node.get(RECORD_KEY) is not None:
        builder = Builder()
        provenance = parse_provenance(node.get(RECORD_KEY), builder)
        problems += [Problem(shown, line, msg) for line, msg in builder.problems]
        node = replace(node, entries=tuple(e for e in node.entries if e[0] != RECORD_KEY))
    _flatten(node, "", texts, lines, lambda line, msg: problems.append(Problem(shown, line, msg)))
    if lang == DEFAULT_LANGUAGE:
        if problems:
            raise ContentError(problems)
        return Strings(lang, texts, lines=lines)
    english = load_strings(root, DEFAULT_LANGUAGE)
    for key, value in list(texts.items()):
        if key not in english.texts:
            problems.append(Problem(shown, lines[key], f'"{key}" is not a key in content/en/strings.yaml'))
            del texts[key]
        elif _fields(value) != _fields(english.texts[key]):
            problems.append(
                Problem(
                    shown,
                    lines[key],
                    f'"{key}" must use the same {{placeholders}} as English: {sorted(_fields(english.texts[key]))}'
                    f" (here: {sorted(_fields(value))})",
                )
            )
            del texts[key]
    return Strings(lang, texts, english, provenance, tuple(sorted(set(problems))), lines)


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"<unbalanced braces>"}


def _flatten(node: Node, prefix: str, out: dict, lines: dict, report: Callable[[int, str], None]) -> None:
    if node.kind != "map":
        report(node.line, f'"{prefix or "strings"}" expected named entries (key: text)')
        return
    for key, line in node.duplicate_keys:
        report(line, f'"{prefix}{key}" is written twice')
    for key, key_line, child in node.entries:
        full = f"{prefix}{key}"
        if child.kind == "map":
            _flatten(child, full + ".", out, lines, report)
        elif child.kind == "scalar" and isinstance(child.value, str) and child.text.strip():
            if _fields(child.text) == {"<unbalanced braces>"}:
                report(child.line, f'"{full}" has an unmatched {{ or }}; write {{{{ or }}}} for a literal brace')
            out[full] = child.text.strip()
            lines[full] = key_line
        else:
            report(child.line, f'"{full}" expected text in quotes')


@dataclass(frozen=True)
class Article:
    """A Markdown page: its front matter and its body, with where the body starts."""

    id: str
    meta: PageMeta
    body: str
    body_line: int
    path: str
    """The file it was read from, as the content check names it (content/es/pages/safety.md)."""


def split_front_matter(text: str, shown: str) -> tuple[str, str, int]:
    """(front matter YAML, body, first line of the body); front matter sits between two '---' lines."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ContentError([Problem(shown, 1, 'expected front matter: the file must start with a line "---"')])
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise ContentError([Problem(shown, 1, 'front matter is not closed: add a line "---" after it')])


def load_article(path: Path, known: Mapping[str, set[str]] | None, root: Path = ROOT) -> Article:
    """One page: front matter checked against PageMeta, body checked as safe Markdown.

    `known` lists the ids placeholders may name; None skips that check (their files are broken).
    """
    shown = display_path(path, root)
    text = read_text(path, root)
    front, body, body_line = split_front_matter(text, shown)
    problems: list[Problem] = []
    meta = None
    try:
        meta = parse_model(front, PageMeta, shown, first_line=2)
    except ContentError as err:
        problems += err.problems
    problems += [Problem(shown, line, msg) for line, msg in markdown_problems(body, body_line, known)]
    problems += [Problem(shown, line, msg) for line, msg in denied_number_lines(body, body_line)]
    if not body.strip():
        problems.append(Problem(shown, body_line, "the page has no text after its front matter"))
    if meta is not None and meta.not_on_handout:
        line = _front_matter_line(front, "not_on_handout")
        if path.stem != HANDOUT_PAGE:
            problems.append(
                Problem(shown, line, f"not_on_handout belongs on the {HANDOUT_PAGE} page only (the handout prints that page)")
            )
        for sentence in meta.not_on_handout:
            if _sentence(sentence).search(body) is None:
                problems.append(
                    Problem(
                        shown,
                        line,
                        f'not_on_handout: "{sentence}" is not in the page word for word; '
                        "copy the sentence as the page writes it now, or remove it from the list",
                    )
                )
    if problems or meta is None:
        raise ContentError(problems)
    return Article(path.stem, meta, body, body_line, shown)


HANDOUT_PAGE = "what-to-do"
"""The page the one-page handout prints, less the sentences its front matter lists under not_on_handout."""


def _front_matter_line(front: str, key: str) -> int:
    """The file's line of a front matter key (the front matter starts on line 2)."""
    for number, line in enumerate(front.splitlines(), start=2):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _sentence(sentence: str) -> re.Pattern[str]:
    """A sentence as the page may write it: any run of spaces or a line break between its words."""
    return re.compile(r"[ \t]*" + r"\s+".join(re.escape(word) for word in sentence.split()))


def without_sentences(markdown: str, sentences: tuple[str, ...]) -> str:
    """The Markdown less each of the sentences (where it has them), and the space before each."""
    for sentence in sentences:
        markdown = _sentence(sentence).sub("", markdown, count=1)
    return markdown


def markdown_problems(body: str, first_line: int, known: Mapping[str, set[str]] | None) -> Iterator[tuple[int, str]]:
    """HTML, images, disallowed links and unknown placeholders in a Markdown body."""
    for number, line in enumerate(body.splitlines(), start=first_line):
        for kind, ident in PLACEHOLDER.findall(line):
            if kind not in PLACEHOLDER_KINDS:
                yield number, f'unknown placeholder "{{{{{kind}:{ident}}}}}" (expected call:, text: or link:)'
            elif known is not None and ident not in known.get(kind, set()):
                choices = ", ".join(sorted(known.get(kind, set()))) or "none"
                yield number, f'placeholder "{{{{{kind}:{ident}}}}}" names no known id (known: {choices})'
        if re.search(r"\{\{(?![^}]*\}\})", line):
            yield number, 'a placeholder is not closed: write it like "{{call:county-cps}}"'
    for token in _markdown.parse(PLACEHOLDER.sub("x", body)):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "html_block":
            yield line, "HTML is not allowed in content; write Markdown instead"
        for child in token.children or ():
            if child.type == "html_inline":
                yield line, f'HTML is not allowed in content ("{child.content}"); write Markdown instead'
            elif child.type == "image":
                yield line, "images are not allowed in content (they would load from another site)"
            elif child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                if href.startswith(("/", "#", ".")) and not href.startswith("//"):
                    yield line, f'link "{href}" points inside this site; list the page under see_also in the front matter instead'
                    continue
                message = https_problem(href)
                if message:
                    yield line, f"link {message}"


def expand_placeholders(body: str, resolve: Callable[[str, str], str]) -> str:
    """Replace {{kind:id}} with what `resolve(kind, id)` returns (a Markdown link)."""
    return PLACEHOLDER.sub(lambda m: resolve(m.group(1), m.group(2)), body)
