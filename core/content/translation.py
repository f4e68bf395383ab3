"""Translations: where each one comes from, who reviewed it, and what is missing or stale.

Every translated file or item carries a `translation:` record (the Provenance model): the short hash
of the English text it was translated from, and who reviewed it and when (empty until a bilingual
task-force member has). When the English changes, its hash changes and the translation is *stale*.

Words of data/*.yaml (names, roles, labels, captions...) are translated in content/<lang>/data/*.yaml,
item by item, by id; the facts themselves (numbers, dates, addresses, sources) are never copied there.
`translate()` lays such a file over the English model. Streamlit-free.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

from core.content.load import read_text
from core.content.problems import ContentError, Problem, display_path
from core.content.schema import DEFAULT_LANGUAGE, Builder, Model, Text, Where, entry_name, fact, model, model_hints, public_fields
from core.content.yamlnodes import Node, YamlSyntaxError, parse_yaml

M = typing.TypeVar("M", bound=Model)

HASH_LENGTH = 8
RECORD_KEY = "translation"
"""The key of the translation record in a translated file or item."""
RENDERING_SUFFIX = "_translation"
"""A field named <x>_translation holds the rendering of the quoted words in field <x> (kept as written)."""


def source_hash(text: str) -> str:
    """The short hash of an English text that a translation records; blanks at line ends do not count."""
    normalized = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().splitlines())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:HASH_LENGTH]


@model
class Provenance(Model):
    """The `translation:` record of a translated file or item."""

    translated_from: str = fact(
        "The short hash of the English text this was translated from; `make translations` prints the current one."
    )
    reviewed_by: str = fact("The bilingual task-force member who reviewed the translation; empty until someone has.", "")
    reviewed_on: dt.date | None = fact("The date of that review; empty until then.", None)

    def problems(self) -> Iterable[tuple[int, str]]:
        if bool(self.reviewed_by.strip()) != (self.reviewed_on is not None):
            yield self.line, "translation: reviewed_by and reviewed_on go together: fill in both, or neither"
        if self.reviewed_on and self.reviewed_on > dt.date.today():
            yield self.line, f"translation: reviewed_on {self.reviewed_on} is in the future"


def parse_provenance(node: Node | None, builder: Builder) -> Provenance | None:
    """The translation record written under `translation:`, or None (problems go to `builder`)."""
    if node is None or node.is_null:
        return None
    return builder.build(Provenance, node, Where(RECORD_KEY))


@dataclass(frozen=True)
class Unit:
    """One translated file or item: where it is, what it was made from, and what it still lacks."""

    path: str
    line: int
    what: str
    english_path: str
    english_line: int
    current: str
    provenance: Provenance | None = None
    missing: tuple[str, ...] = ()
    pages: frozenset[str] = frozenset()
    english: str = ""  # the English words `current` is the hash of
    previous: str | None = None  # the English it was translated from, where `make stamp` kept a copy

    @property
    def exists(self) -> bool:
        return self.provenance is not None

    @property
    def stale(self) -> bool:
        return self.provenance is not None and self.provenance.translated_from != self.current

    @property
    def reviewed(self) -> bool:
        """Reviewed by a named person on a date, and the English has not changed since."""
        p = self.provenance
        return p is not None and bool(p.reviewed_by.strip()) and p.reviewed_on is not None and not self.stale

    def warnings(self) -> Iterator[Problem]:
        """Missing and stale translations, as `path:line: message` (the check prints them without failing)."""
        if not self.exists:
            yield Problem(self.english_path, self.english_line, f"{self.what}: no translation in {self.path}")
            return
        assert self.provenance is not None
        if self.stale:
            changes = "; ".join(self.changes()) or (
                f"the English it was translated from is not on record: compare {self.english_path} with its history"
            )
            yield Problem(
                self.path,
                self.provenance.line or self.line,
                f"{self.what}: stale translation (the older words stay on the page, marked as not reviewed, until "
                f"updated and stamped with `make stamp FILE={self.path}`): {changes}",
            )
        for name in self.missing:
            yield Problem(self.english_path, self.english_line, f"{self.what}: {name} has no translation in {self.path}")

    def changes(self) -> list[str]:
        """What changed in the English since the translation was made, line by line: 'was "…", now "…"'."""
        if not self.stale or self.previous is None:
            return []
        return english_changes(self.previous, self.english)


def _shown(line: str) -> str:
    text = " ".join(line.split())
    return f'"{text if len(text) <= 120 else text[:117] + "..."}"'


def english_changes(before: str, after: str) -> list[str]:
    """Lines of `before` and `after` that differ, in plain words (a strings file's lines start with their key)."""
    old, new = before.strip().splitlines(), after.strip().splitlines()
    found: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        was = [line for line in old[i1:i2] if line.strip()]
        now = [line for line in new[j1:j2] if line.strip()]
        for index in range(max(len(was), len(now))):
            if index < len(was) and index < len(now):
                found.append(f"was {_shown(was[index])}, now {_shown(now[index])}")
            elif index < len(was):
                found.append(f"removed {_shown(was[index])}")
            else:
                found.append(f"added {_shown(now[index])}")
    return found


SNAPSHOTS = "translated-from"
"""content/<lang>/translated-from/<hash>.txt: the English a translation was made from, kept by `make stamp`."""


def snapshot_path(root: Path, lang: str, digest: str) -> Path:
    return root / "content" / lang / SNAPSHOTS / f"{digest}.txt"


def with_previous(unit: Unit, root: Path, lang: str) -> Unit:
    """The unit with the English it was translated from, where it is stale and a copy was kept."""
    if not unit.stale or unit.provenance is None:
        return unit
    path = snapshot_path(root, lang, unit.provenance.translated_from)
    if not path.is_file():
        return unit
    return dataclasses.replace(unit, previous=path.read_text(encoding="utf-8"))


# ------------------------------------------------------------------ data items (content/<lang>/data/*.yaml)


def _is_model(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, Model)


def _has_id(cls: type[Model]) -> bool:
    return "id" in {f.name for f in public_fields(cls)}


def _inner(hint: Any) -> Any:
    """The type inside Optional[...]."""
    if get_origin(hint) in (typing.Union, types.UnionType):
        return next(a for a in get_args(hint) if a is not type(None))
    return hint


def english_texts(obj: Model) -> list[str]:
    """The English words of an item that a translation is made from (items with ids inside it are units of their own)."""
    texts: list[str] = []
    names = {f.name for f in public_fields(type(obj))}
    hints = model_hints(type(obj))
    for f in public_fields(type(obj)):
        value, hint = getattr(obj, f.name), _inner(hints[f.name])
        if isinstance(value, Text):
            texts.append(value.en)
        elif f.name + RENDERING_SUFFIX in names and isinstance(value, str):
            texts.append(value)
        elif isinstance(value, Model):
            texts.extend(english_texts(value))
        elif get_origin(hint) is tuple and value:
            item = get_args(hint)[0]
            if item is Text:
                texts.extend(v.en for v in value)
            elif _is_model(item) and not _has_id(item):
                for v in value:
                    texts.extend(english_texts(v))
    return texts


def missing_fields(obj: Model, lang: str, prefix: str = "") -> list[str]:
    """Fields of an item whose English has no text in `lang` (items with ids inside it are checked on their own)."""
    missing: list[str] = []
    hints = model_hints(type(obj))
    for f in public_fields(type(obj)):
        value, hint, name = getattr(obj, f.name), _inner(hints[f.name]), prefix + f.name
        if isinstance(value, Text):
            source = getattr(obj, f.name.removesuffix(RENDERING_SUFFIX), "") if f.name.endswith(RENDERING_SUFFIX) else value.en
            if str(source).strip() and not getattr(value, lang, ""):
                missing.append(name)
        elif isinstance(value, Model):
            missing.extend(missing_fields(value, lang, name + ", "))
        elif get_origin(hint) is tuple and value:
            item = get_args(hint)[0]
            for index, v in enumerate(value):
                if item is Text and v.en.strip() and not getattr(v, lang, ""):
                    missing.append(prefix + entry_name(f.name, index))
                elif _is_model(item) and not _has_id(item):
                    missing.extend(missing_fields(v, lang, f"{prefix}{entry_name(f.name, index)}, "))
    return missing


def _entry_of(what: str, index: int) -> str:
    """'figure "x": steps' and 0 -> 'figure "x": step 1'."""
    head, _, field_name = what.rpartition(": ")
    return f"{head}: {entry_name(field_name, index)}" if head else entry_name(field_name, index)


@dataclass
class Overlay:
    """Lays a translation file over an English model; collects its units and problems."""

    lang: str
    path: str
    english_path: str
    pages: frozenset[str] = frozenset()
    units: list[Unit] = dataclasses.field(default_factory=list)
    problems: list[Problem] = dataclasses.field(default_factory=list)

    def apply(self, english: Model, node: Node | None, what: str = "the file's own words") -> Model:
        """The model with the translations of `node` filled in; `node` None means no translation file."""
        return self._item(english, node, what)

    def _report(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def _item(self, english: Model, node: Node | None, what: str) -> Model:
        record = node.get(RECORD_KEY) if node is not None and node.kind == "map" else None
        builder = Builder()
        provenance = parse_provenance(record, builder)
        self.problems += [Problem(self.path, line, f"{what}: {message}") for line, message in builder.problems]
        if node is not None:
            translated = self._fields(english, node, what)
        else:
            translated = english
            self._untranslated(english, set())
        if english_texts(english) and any(t.strip() for t in english_texts(english)):
            if node is not None and provenance is None and not builder.problems:
                self._report(node.line, f'{what}: needs a "translation:" record (translated_from, reviewed_by, reviewed_on)')
            self.units.append(
                Unit(
                    path=self.path,
                    line=node.line if node is not None else 0,
                    what=what,
                    english_path=self.english_path,
                    english_line=english.line,
                    current=source_hash("\n".join(english_texts(english))),
                    english="\n".join(english_texts(english)),
                    provenance=provenance if node is not None else None,
                    missing=tuple(missing_fields(translated, self.lang)) if node is not None else (),
                    pages=self.pages,
                )
            )
        return translated

    def _fields(self, english: Model, node: Node, what: str) -> Model:
        if node.kind != "map":
            self._report(node.line, f"{what}: expected named fields (field: text)")
            return english
        cls = type(english)
        hints = model_hints(cls)
        names = {f.name for f in public_fields(cls)}
        changes: dict[str, Any] = {}
        for key, line, child in node.entries:
            if key == RECORD_KEY:
                continue
            if key not in names:
                self._report(line, f'{what}: "{key}" is not a field of {cls.__name__} (fields: {", ".join(sorted(names))})')
                continue
            value, hint = getattr(english, key), _inner(hints[key])
            if isinstance(value, Text):
                text = self._text(child, f"{what}: {key}")
                if text is not None:
                    changes[key] = dataclasses.replace(value, **{self.lang: text})
            elif isinstance(value, Model):
                changes[key] = self._fields(value, child, f"{what}: {key}")
            elif get_origin(hint) is tuple:
                changes[key] = self._list(value, get_args(hint)[0], child, f"{what}: {key}")
            else:
                self._report(line, f'{what}: "{key}" is the same in every language; translate it only in data/ if at all')
        self._untranslated(english, {key for key, _, _ in node.entries})
        return dataclasses.replace(english, **changes) if changes else english

    def _untranslated(self, english: Model, written: set[str]) -> None:
        """Record the items with ids that the translation does not mention at all (as not translated)."""
        hints = model_hints(type(english))
        for f in public_fields(type(english)):
            if f.name in written:
                continue
            value, hint = getattr(english, f.name), _inner(hints[f.name])
            if isinstance(value, Model):
                self._untranslated(value, set())
            elif get_origin(hint) is tuple and _is_model(get_args(hint)[0]) and _has_id(get_args(hint)[0]):
                for v in value:
                    self._item(v, None, f'{f.name} "{v.id}"')

    def _text(self, node: Node, what: str) -> str | None:
        if node.kind != "scalar" or node.is_null or not node.text.strip():
            self._report(node.line, f"{what}: expected the translated text in quotes")
            return None
        return node.text.strip()

    def _list(self, values: tuple, item: Any, node: Node, what: str) -> tuple:
        if _is_model(item) and _has_id(item):
            if node.kind != "map":
                self._report(node.line, f"{what}: expected the items by id (id: its translated fields)")
                return values
            by_id = {key: (line, child) for key, line, child in node.entries}
            known = {v.id for v in values}
            for key, line in ((k, ln) for k, (ln, _) in by_id.items() if k not in known):
                self._report(line, f'{what}: "{key}" is not the id of an item in {self.english_path}')
            label = what.split(": ")[-1]
            return tuple(self._item(v, by_id.get(v.id, (0, None))[1], f'{label} "{v.id}"') for v in values)
        if node.kind != "list":
            self._report(node.line, f'{what}: expected a list (lines starting with "- "), one entry per English entry')
            return values
        if len(node.items) != len(values):
            self._report(node.line, f"{what}: has {len(node.items)} entries; the English has {len(values)}")
            return values
        if item is Text:
            texts = [self._text(child, what) for child in node.items]
            return tuple(dataclasses.replace(v, **{self.lang: t}) if t else v for v, t in zip(values, texts, strict=True))
        if _is_model(item):
            return tuple(
                self._fields(v, child, _entry_of(what, i)) for i, (v, child) in enumerate(zip(values, node.items, strict=True))
            )
        self._report(node.line, f"{what}: is the same in every language")
        return values


# ------------------------------------------------------------------ whole files


def file_unit(
    path: str,
    english_path: str,
    english_text: str,
    provenance: Provenance | None,
    pages: Iterable[str],
    missing: Iterable[str] = (),
) -> Unit:
    """A translated file as one unit (a page, strings.yaml, warning_signs.yaml)."""
    return Unit(
        path=path,
        line=provenance.line if provenance else 1,
        what=path,
        english_path=english_path,
        english_line=1,
        current=source_hash(english_text),
        provenance=provenance,
        missing=tuple(missing),
        pages=frozenset(pages),
        english=english_text,
    )


def missing_file(path: str, english_path: str, english_text: str, pages: Iterable[str]) -> Unit:
    """An English file with no translation yet."""
    return Unit(path, 0, "the whole file", english_path, 1, source_hash(english_text), None, (), frozenset(pages))


def translation_path(root: Path, lang: str, name: str) -> Path:
    """Where the words of data/<name> are translated: content/<lang>/data/<name>."""
    return root / "content" / lang / "data" / name


def translate_data(english: M, root: Path, lang: str, name: str, pages: Iterable[str] = ()) -> tuple[M, Overlay]:
    """The English model of data/<name> with its translation laid over it, and what the overlay found."""
    path = translation_path(root, lang, name)
    overlay = Overlay(lang, display_path(path, root), f"data/{name}", frozenset(pages))
    if lang == DEFAULT_LANGUAGE:
        return english, overlay
    node = None
    if path.exists():
        try:
            node = parse_yaml(read_text(path, root))
            overlay.problems.extend(Problem(overlay.path, line, message) for line, message in node.writing)
        except YamlSyntaxError as err:
            overlay.problems.extend(Problem(overlay.path, line, message) for line, message in err.problems)
        except ContentError as err:
            overlay.problems.extend(err.problems)
    translated = overlay.apply(english, node) if node is not None else overlay.apply(english, None)
    return translated, overlay


# ------------------------------------------------------------------ the translators' report


def report_lines(units: Iterable[Unit], lang: str) -> list[str]:
    """`make translations`: by file, what is missing, stale and unreviewed, with the hash to write when done."""
    units = tuple(units)
    by_file: dict[str, list[Unit]] = {}
    for unit in units:
        by_file.setdefault(unit.path, []).append(unit)
    missing = sum(1 for u in units if not u.exists or u.missing)
    stale = sum(1 for u in units if u.stale)
    unreviewed = sum(1 for u in units if u.exists and not u.reviewed)
    lines = [
        f"Translation report ({lang}): {len(by_file)} file(s), {len(units)} translated file(s) or item(s).",
        f"Missing: {missing}. Stale (the English changed since): {stale}. Not reviewed: {unreviewed}.",
        "When a translation is done, write the hash shown as its translation: translated_from;",
        "a bilingual task-force member who has reviewed it fills in reviewed_by and reviewed_on.",
    ]
    for path, found in sorted(by_file.items()):
        lines += ["", path]
        for unit in found:
            where = f"{unit.english_path}:{unit.english_line}" if not unit.exists else f"{unit.path}:{unit.line}"
            if not unit.exists:
                lines.append(f"  missing     {unit.what} ({where}); translated_from: {unit.current}")
                continue
            assert unit.provenance is not None
            if unit.stale:
                lines.append(
                    f"  stale       {unit.what} ({where}): translated from {unit.provenance.translated_from},"
                    f" English now {unit.current}"
                )
                lines += [f"                {change}" for change in unit.changes()]
            if unit.missing:
                lines.append(f"  incomplete  {unit.what} ({where}): no translation of {', '.join(unit.missing)}")
            if not unit.reviewed:
                lines.append(f"  unreviewed  {unit.what} ({where})")
            else:
                p = unit.provenance
                lines.append(f"  reviewed    {unit.what}: by {p.reviewed_by} on {p.reviewed_on}")
    return lines


def stamp(root: Path, shown: str, units: Iterable[Unit]) -> int:
    """Write the current English hash as translated_from in every translation record of one file.

    For a translator who has just brought that file up to date with the English; returns how many
    records changed. Reviews are not touched: a reviewer fills those in by hand. A copy of the English
    each record now comes from is kept in content/<lang>/translated-from/, so that when the English
    changes again, the check can say which words changed."""
    path = root / shown
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = 0
    lang = Path(shown).parts[1] if len(Path(shown).parts) > 1 else DEFAULT_LANGUAGE
    for unit in units:
        if unit.path != shown or unit.provenance is None:
            continue
        copy = snapshot_path(root, lang, unit.current)
        if unit.english and not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(unit.english, encoding="utf-8")
        if not unit.stale:
            continue
        start = max(unit.provenance.line - 1, 0)
        for number in range(start, min(start + 4, len(lines))):
            if "translated_from:" in lines[number]:
                head, _, tail = lines[number].partition("translated_from:")
                rest = tail.lstrip().lstrip("\"'")
                rest = rest[len(unit.provenance.translated_from) :].lstrip("\"'")
                lines[number] = f'{head}translated_from: "{unit.current}"{rest}'
                changed += 1
                break
    path.write_text("".join(lines), encoding="utf-8")
    return changed


def preferred_language(locale: str | None, available: Iterable[str]) -> str:
    """The language of a browser's preferred locale (es-MX -> es) where the site has it, else English."""
    code = (locale or "").replace("_", "-").split("-")[0].strip().lower()
    return code if code in set(available) else DEFAULT_LANGUAGE
