"""One schema for all content: typed, frozen models built from YAML nodes.

A model is a frozen dataclass whose fields are declared with `fact(...)`: the
docstring of each field is its `doc`, which docs/FIELDS.md mirrors. `build()`
turns a node tree into models, collecting every problem instead of stopping at
the first one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import re
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any, Literal, get_args, get_origin, get_type_hints

from core.content.phones import phone_problem, short_code_problem
from core.content.yamlnodes import Node

MISSING = dataclasses.MISSING


LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"


@dataclasses.dataclass(frozen=True)
class Text:
    """Words shown to visitors: English, with optional translations keyed by language."""

    en: str
    es: str = ""

    def __str__(self) -> str:
        return self.en

    def get(self, lang: str) -> str:
        """The text in `lang`, or in English where no translation exists yet."""
        return getattr(self, lang, "") or self.en


class Checked:
    """A value type with its own rule: `kind` is how the field guide names it, `problem` says why a value breaks it.

    The rule, its message and the field guide's wording live in one place, the type.
    """

    kind: str = ""

    @classmethod
    def problem(cls, value: Any) -> str | None:  # pragma: no cover - every subclass defines it
        raise NotImplementedError


_HTTPS_URL = re.compile(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:[/?#]\S*)?")
_BILL_COMPARE = re.compile(r"https://leginfo\.legislature\.ca\.gov/faces/bill\w*compare\w*", re.IGNORECASE)
"""The Legislature's compare views of a bill (billVersionsCompareClient, billCompareClient, ...): they print a bill's
proposed changes to a law, not the law in force, and the bill may never have passed."""
CODE_SECTION_EXAMPLE = "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=11166"


class HttpsUrl(Checked, str):
    """A complete https:// web address: every source, website and link."""

    kind = "https:// address"

    @classmethod
    def problem(cls, value: str) -> str | None:
        if not value.lower().startswith("https://"):
            return f'"{value}" is not an https:// web page (only https:// addresses are allowed here)'
        if any(ch.isspace() for ch in value):
            return f'"{value}" contains spaces'
        if not _HTTPS_URL.fullmatch(value):
            return f'"{value}" is not a complete https:// address'
        if _BILL_COMPARE.match(value):
            return (
                f"\"{value}\" is a bill's compare view on the Legislature's site: it shows a bill's proposed changes, "
                f"not the law in force; link the code section itself, e.g. {CODE_SECTION_EXAMPLE}"
            )
        return None


class PastDate(Checked, dt.date):
    """A date written YYYY-MM-DD that is not in the future: when something was done."""

    kind = "date (YYYY-MM-DD), not in the future"

    @classmethod
    def problem(cls, value: dt.date) -> str | None:
        if value > dt.date.today():
            return f"date {value.isoformat()} is in the future; write the day it was done"
        return None


class Phone(Checked, str):
    """A valid US phone number or service code, written the standard way."""

    kind = "phone number"

    @classmethod
    def problem(cls, value: str) -> str | None:
        return phone_problem(value)


class ShortCode(Checked, str):
    """A number to send a text message to: a 5-6 digit short code or a phone number."""

    kind = "text-message number"

    @classmethod
    def problem(cls, value: str) -> str | None:
        return short_code_problem(value)


class Slug(Checked, str):
    """An identifier of lowercase letters, digits and hyphens."""

    kind = "id"

    @classmethod
    def problem(cls, value: str) -> str | None:
        if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
            return None
        return f'"{value}" is not a valid id (expected lowercase letters, digits and hyphens, like "county-cps")'


def https_problem(url: str) -> str | None:
    """Why this address is not a complete https:// web page, or None (the rule of HttpsUrl)."""
    return HttpsUrl.problem(url)


def fact(doc: str, default: Any = MISSING, *, check: Callable[[Any], str | None] | None = None) -> Any:
    """Declare a model field with its documentation, an optional default and an optional check."""
    if isinstance(default, (list, dict, set)):
        raise TypeError("use a tuple or None as a default")
    return dataclasses.field(default=default, metadata={"doc": doc, "check": check})


@dataclasses.dataclass(frozen=True, kw_only=True)
class Model:
    """Base of every content model. `line` and `ref` say where it was written."""

    line: int = dataclasses.field(default=0, compare=False, repr=False, metadata={"internal": True})
    ref: str = dataclasses.field(default="", compare=False, repr=False, metadata={"internal": True})

    def problems(self) -> Iterable[tuple[int, str]]:
        """Rules that involve more than one field: (line, message) pairs."""
        return ()

    def say(self, message: str) -> str:
        """A message that names the entry it is about."""
        return f"{self.ref}: {message}" if self.ref else message


model = functools.partial(dataclasses.dataclass, frozen=True, kw_only=True)
"""Decorator for content models: frozen and keyword-only."""


@functools.cache
def model_hints(cls: type[Model]) -> dict[str, Any]:
    """The resolved type of every field of a model: worked out once per class (it evaluates each annotation's text)."""
    return get_type_hints(cls)


def public_fields(cls: type[Model]) -> list[dataclasses.Field]:
    """The fields an editor writes, in order."""
    return [f for f in dataclasses.fields(cls) if not f.metadata.get("internal")]


def is_required(f: dataclasses.Field) -> bool:
    return f.default is MISSING and f.default_factory is MISSING


def type_name(hint: Any) -> str:
    """A plain-language name for a field type, as docs/FIELDS.md shows it."""
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in get_args(hint) if a is not type(None)]
        return type_name(inner[0])
    if origin is Literal:
        return "one of: " + ", ".join(str(a) for a in get_args(hint))
    if origin is tuple:
        return f"list of {type_name(get_args(hint)[0])}"
    names = {
        str: "text",
        Text: "text (translations under en: and es:)",
        int: "whole number",
        float: "number",
        bool: "true or false",
        dt.date: "date (YYYY-MM-DD)",
    }
    if isinstance(hint, type) and issubclass(hint, Checked):
        return hint.kind
    if hint in names:
        return names[hint]
    return f"{hint.__name__} entry"


_NOUNS = {"agencies": "agency", "series": "series", "services": "service", "sources": "source", "aliases": "alias"}


def entry_noun(field_name: str) -> str:
    """What one entry of a list is called, from the list's field: agencies -> agency, phones -> phone."""
    name = field_name.replace("_", " ")
    if name in _NOUNS:
        return _NOUNS[name]
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return f"{name} entry" if name else "entry"


def entry_name(field_name: str, index: int) -> str:
    """The entry at 0-based `index` of a list, counted from 1 as an editor counts: "agency 10", "phone 3"."""
    return f"{entry_noun(field_name)} {index + 1}"


@dataclasses.dataclass
class Where:
    """The item an editor would look for, and the field path inside it, in words: 'phone 3, number'."""

    ref: str = ""
    path: str = ""

    def at(self, step: str) -> Where:
        return Where(self.ref, f"{self.path}, {step}" if self.path else step)

    def entry(self, index: int) -> Where:
        """The entry at 0-based `index` of the list this points at."""
        head, _, field_name = self.path.rpartition(", ")
        named = entry_name(field_name, index)
        return Where(self.ref, f"{head}, {named}" if head else named)

    def say(self, message: str) -> str:
        """'hotline 2 "Name": phone 1, number "…" is not valid'; about a whole entry: 'phone 1: missing …'."""
        head = ": ".join(x for x in (self.ref, self.path) if x)
        about_a_field = self.path and (not self.path[-1].isdigit() or message.startswith('"'))
        return f"{head} {message}" if about_a_field else (f"{head}: {message}" if head else message)


class Builder:
    """Builds models from nodes and collects every (line, message) problem."""

    def __init__(self) -> None:
        self.problems: list[tuple[int, str]] = []

    def report(self, line: int, message: str) -> None:
        self.problems.append((line, message))

    def build(self, cls: type[Model], node: Node, where: Where | None = None) -> Any:
        where = where or Where()
        return self._value(cls, node, where)

    def _value(self, hint: Any, node: Node, where: Where) -> Any:
        origin = get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            inner = [a for a in get_args(hint) if a is not type(None)]
            if node.is_null:
                return None
            return self._value(inner[0], node, where)
        if origin is tuple:
            return self._list(get_args(hint)[0], node, where)
        if origin is Literal:
            return self._choice(get_args(hint), node, where)
        if isinstance(hint, type) and issubclass(hint, Model):
            return self._model(hint, node, where)
        if hint is Text:
            return self._text(node, where)
        return self._scalar(hint, node, where)

    def _text(self, node: Node, where: Where) -> Text | None:
        if node.kind == "scalar":
            english = self._scalar(str, node, where)
            return Text(en=english) if english is not None else None
        if node.kind != "map":
            self.report(node.line, where.say("expected text, or translations written as en: and es:"))
            return None
        texts: dict[str, str] = {}
        for lang, line, child in node.entries:
            if lang not in LANGUAGES:
                self.report(line, where.say(f'has an unknown language "{lang}" (expected one of: {", ".join(LANGUAGES)})'))
                continue
            value = self._scalar(str, child, where.at(lang))
            if value is not None:
                texts[lang] = value
        if "en" not in texts:
            self.report(node.line, where.say("needs an English text (en:)"))
            return None
        return Text(**texts)

    def _list(self, item: Any, node: Node, where: Where) -> tuple | None:
        if node.is_null:
            return ()
        if node.kind != "list":
            self.report(node.line, where.say('expected a list (lines starting with "- ")'))
            return None
        built = []
        if isinstance(item, type) and issubclass(item, Model) and "id" in {f.name for f in public_fields(item)}:
            self._duplicate_ids(node, where)
        for index, child in enumerate(node.items):
            child_where = where.entry(index)
            if where.ref == "" and isinstance(item, type) and issubclass(item, Model) and child.kind == "map":
                title = _title(child)
                child_where = Where(entry_name(where.path, index) + (f' "{title}"' if title else ""), "")
            value = self._value(item, child, child_where)
            if value is not None:
                built.append(value)
        return tuple(built)

    def _duplicate_ids(self, node: Node, where: Where) -> None:
        """Entries of one list must have different ids, whether or not they are otherwise valid."""
        seen: dict[str, int] = {}
        for index, child in enumerate(node.items):
            ident = child.get("id") if child.kind == "map" else None
            if ident is None or ident.kind != "scalar" or not ident.text:
                continue
            if ident.text in seen:
                title = _title(child)
                ref = (
                    entry_name(where.path, index) + (f' "{title}"' if title else "")
                    if where.ref == ""
                    else where.entry(index).say("")
                )
                self.report(ident.line, f'{ref.rstrip(": ")}: id "{ident.text}" is already used at line {seen[ident.text]}')
            else:
                seen[ident.text] = ident.line

    def _choice(self, allowed: tuple, node: Node, where: Where) -> Any:
        text = node.text if node.kind == "scalar" else ""
        if text in allowed:
            return text
        shown = ", ".join(str(a) for a in allowed)
        self.report(node.line, where.say(f'"{text}" is not one of the allowed values ({shown})'))
        return None

    def _model(self, cls: type[Model], node: Node, where: Where) -> Model | None:
        if node.kind != "map":
            self.report(node.line, where.say(f"expected a {cls.__name__} entry with named fields"))
            return None
        for key, line in node.duplicate_keys:
            self.report(line, where.say(f'field "{key}" is written twice'))
        hints = model_hints(cls)
        fields = {f.name: f for f in public_fields(cls)}
        values: dict[str, Any] = {}
        wrong: set[str] = set()  # fields written but with a problem of their own (or inside them)
        ok = True
        for key, key_line, child in node.entries:
            if key not in fields:
                close = difflib.get_close_matches(key, fields, n=1)
                hint = f'; did you mean "{close[0]}"?' if close else f" (expected one of: {', '.join(fields)})"
                self.report(key_line, where.say(f'unknown field "{key}"{hint}'))
                ok = False
                continue
            if not is_required(fields[key]) and (child.is_null or (child.kind == "scalar" and not child.text.strip())):
                continue  # an optional field left empty keeps its default
            before = len(self.problems)
            value = self._value(hints[key], child, where.at(key))
            check = fields[key].metadata.get("check")
            if value is not None and check and len(self.problems) == before:
                message = check(value)
                if message:
                    self.report(child.line, where.at(key).say(message))
            if len(self.problems) > before or value is None:
                ok = False
                wrong.add(key)
            values[key] = value
        for name, f in fields.items():
            if name not in values and is_required(f):
                self.report(node.line, where.say(f'missing required field "{name}"'))
                ok = False
        if not ok:
            self._rules_of_partial(cls, node, where, fields, values, wrong)
            return None
        obj = cls(line=node.line, ref=where.ref, **values)
        for line, message in obj.problems():
            self.report(line, message)
        return obj

    def _rules_of_partial(
        self,
        cls: type[Model],
        node: Node,
        where: Where,
        fields: dict[str, dataclasses.Field],
        values: dict[str, Any],
        wrong: set[str],
    ) -> None:
        """The entry's own rules, run on the fields that were written correctly, so that every problem of a new
        entry is listed in one run. A rule that needs a field still wrong is skipped: that field's problem is
        already listed."""
        partial = object.__new__(cls)
        object.__setattr__(partial, "line", node.line)
        object.__setattr__(partial, "ref", where.ref)
        for name, f in fields.items():
            if name in wrong:
                object.__setattr__(partial, name, _WRONG)
                continue
            if values.get(name) is not None:
                object.__setattr__(partial, name, values[name])
            elif name not in values and not is_required(f):
                object.__setattr__(partial, name, f.default if f.default is not MISSING else f.default_factory())
        found: list[tuple[int, str]] = []
        try:
            for problem in partial.problems():
                found.append(problem)
        except (AttributeError, TypeError, ValueError):
            pass  # the rules from here on need a field that has a problem of its own
        for line, message in found:
            if (line, message) not in self.problems:
                self.report(line, message)

    def _scalar(self, hint: Any, node: Node, where: Where) -> Any:
        if node.kind != "scalar":
            self.report(
                node.line, where.say(f"expected {type_name(hint)}, got a {'list' if node.kind == 'list' else 'group of fields'}")
            )
            return None
        if node.is_null:
            self.report(node.line, where.say(f"is empty (expected {type_name(hint)})"))
            return None
        if hint is bool:
            if isinstance(node.value, bool):
                return node.value
            self.report(node.line, where.say(f'expected true or false, got "{node.text}"'))
            return None
        if hint is int:
            if isinstance(node.value, int) and not isinstance(node.value, bool):
                return node.value
            self.report(node.line, where.say(f'expected a whole number, got "{node.text}"'))
            return None
        if hint is float:
            if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
                return float(node.value)
            self.report(node.line, where.say(f'expected a number, got "{node.text}"'))
            return None
        if isinstance(hint, type) and issubclass(hint, dt.date):
            if not isinstance(node.value, dt.date) or isinstance(node.value, dt.datetime):
                self.report(node.line, where.say(f'expected a date written like 2026-11-29, got "{node.text}"'))
                return None
            if hint is dt.date:
                return node.value
            message = hint.problem(node.value)
            if message:
                self.report(node.line, where.say(message))
                return None
            return hint(node.value.year, node.value.month, node.value.day)
        if isinstance(hint, type) and issubclass(hint, str):
            text = node.text.strip()
            if not text:
                self.report(node.line, where.say("is empty"))
                return None
            message = hint.problem(text) if issubclass(hint, Checked) else None
            if message:
                self.report(node.line, where.say(message))
                return None
            return hint(text) if hint is not str else text
        raise TypeError(f"unsupported field type {hint!r}")


class _Wrong:
    """Stands for a field written with a problem of its own: any rule that uses it stops (its problem is listed)."""

    def _stop(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("a field with a problem of its own")

    __bool__ = __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = __hash__ = _stop
    __len__ = __iter__ = __contains__ = __str__ = __format__ = __getitem__ = _stop

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(name)


_WRONG = _Wrong()


def _title(node: Node) -> str:
    for key in ("name", "label", "title", "claim", "id"):
        value = node.get(key)
        if value is not None and value.kind == "scalar" and value.text:
            text = " ".join(value.text.split())
            return text if len(text) <= 60 else text[:57] + "..."
    return ""
