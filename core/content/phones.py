"""Phone numbers: validation, the one written form, dial links, and numbers never to show."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import phonenumbers
import yaml

from core.content.problems import ROOT, Problem

# Three-digit service codes dialled as they are (N11 codes and the 988 lifeline).
SERVICE_CODES = frozenset({"211", "311", "511", "711", "911", "988"})

NUMBER_LISTS = "data/denied_numbers.yaml"
"""The site's numbers never to show, each with its reason: `denied` (rejected by the research: another county's
line, a typo in a source, uncorroborated) must never appear anywhere in the data; `not_public` (staff and facility
lines) must never appear as an agency's public line. Read once per process; a missing file lists none."""


def read_number_lists(root: Path = ROOT) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """The lists in data/denied_numbers.yaml by section, keyed by ten digits, and what is wrong in the file."""
    path = root / NUMBER_LISTS
    lists: dict[str, dict[str, str]] = {"denied": {}, "not_public": {}}
    if not path.is_file():
        return lists, []
    problems = []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        return lists, [Problem(NUMBER_LISTS, 1, f"not valid YAML: {err}")]
    if not isinstance(data, dict) or set(data) - set(lists):
        return lists, [Problem(NUMBER_LISTS, 1, "expected the sections denied: and not_public: and nothing else")]
    for section, entries in data.items():
        for entry in entries or ():
            number = entry.get("number") if isinstance(entry, dict) else None
            reason = entry.get("reason") if isinstance(entry, dict) else None
            if not isinstance(number, str) or len(digits(number)) != 10 or not isinstance(reason, str) or not reason:
                problems.append(Problem(NUMBER_LISTS, 1, f"{section}: {entry!r} needs a number (ten digits) and a reason"))
                continue
            lists[section][digits(number)] = reason
    return lists, problems


_DIGIT_RUN = re.compile(r"(?<![\w-])(?:\+?1[\s.-]?)?\(?(\d{3})\)?[\s.-]?(\d{3})[\s.-]?(\d{4})(?!\d)")


def digits(number: str) -> str:
    """The number's ten digits (or the service code), without a leading country code."""
    raw = re.sub(r"\D", "", number)
    if len(raw) == 11 and raw.startswith("1"):
        raw = raw[1:]
    return raw


_LISTS, NUMBER_LIST_PROBLEMS = read_number_lists()
DENIED_NUMBERS: dict[str, str] = _LISTS["denied"]
"""Numbers the research rejects: never anywhere in the data (data/denied_numbers.yaml, denied:)."""
NOT_PUBLIC_NUMBERS: dict[str, str] = _LISTS["not_public"]
"""Staff and facility lines: never an agency's public line (data/denied_numbers.yaml, not_public:)."""


def standard_form(number: str) -> str | None:
    """The one way numbers are written here ("707-555-0100", "1-800-606-6618", "911"), or None if invalid."""
    raw = digits(number)
    if raw in SERVICE_CODES and len(re.sub(r"\D", "", number)) == 3:
        return raw
    if len(raw) != 10:
        return None
    try:
        parsed = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number_for_region(parsed, "US"):
        return None
    local = f"{raw[:3]}-{raw[3:6]}-{raw[6:]}"
    kind = phonenumbers.number_type(parsed)
    return f"1-{local}" if kind == phonenumbers.PhoneNumberType.TOLL_FREE else local


def phone_problem(number: str) -> str | None:
    """Why this number cannot be used as written, or None if it is fine."""
    denied = DENIED_NUMBERS.get(digits(number))
    if denied:
        return f'"{number}" must never be shown: {denied}'
    form = standard_form(number)
    if form is None:
        return f'"{number}" is not a valid US phone number'
    if form != number:
        return f'"{number}" is not written the standard way; write "{form}"'
    return None


def short_code_problem(code: str) -> str | None:
    """Why this text-message number cannot be used, or None: a 5-6 digit short code or a phone number."""
    if re.fullmatch(r"\d{5,6}", code):
        return None
    if standard_form(code) == code:
        return phone_problem(code)
    return f'"{code}" is not a text-message short code (5 or 6 digits) or a phone number written the standard way'


def dial_digits(number: str) -> str:
    """What a phone dials: a service code (911, 988) or a short code as it is, any other number as +1 and ten digits.

    Raises ValueError for anything else, so that no page ever renders a link that goes nowhere.
    """
    written = re.sub(r"\D", "", number)
    if written in SERVICE_CODES or re.fullmatch(r"\d{5,6}", written):
        return written
    raw = digits(number)
    if len(raw) == 10:
        return f"+1{raw}"
    raise ValueError(f"{number!r} is not a number a phone can dial")


def tel_href(number: str) -> str:
    """A tel: link that a phone can dial: tel:911, tel:988, tel:+18006066618."""
    dialled = dial_digits(number)
    if re.fullmatch(r"\d{5,6}", dialled):
        raise ValueError(f"{number!r} is a text-message short code, not a number to call")
    return f"tel:{dialled}"


def sms_href(code: str, body: str = "") -> str:
    """An sms: link: sms:988, sms:233733, sms:+18004224453, with a percent-encoded message body if any."""
    return f"sms:{dial_digits(code)}" + (f"?body={quote(body, safe='')}" if body else "")


def denied_numbers_in(text: str) -> list[str]:
    """Every denied number written anywhere in free text."""
    found = []
    for match in _DIGIT_RUN.finditer(text):
        raw = "".join(match.groups())
        if raw in DENIED_NUMBERS:
            found.append(DENIED_NUMBERS[raw])
    return found
