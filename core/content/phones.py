"""Phone numbers: validation, the one written form, dial links, and numbers never to show."""

from __future__ import annotations

import re
from urllib.parse import quote

import phonenumbers

# Three-digit service codes dialled as they are (N11 codes and the 988 lifeline).
SERVICE_CODES = frozenset({"211", "311", "511", "711", "911", "988"})

# Numbers that the research rejects: they belong to another county, are typos in a
# source, or are uncorroborated. They must never appear anywhere in the data.
DENIED_NUMBERS: dict[str, str] = {
    "8003446000": "1-800-344-6000 is San Diego County's child-abuse line, not Monterey County's",
    "8008565553": "800-856-5553 appears in a single unconfirmed source; use CPS 1-800-606-6618",
    "8217554475": "821-755-4475 is a typo in a source (821 is not an area code)",
    "8004222253": "1-800-422-2253 is a typo for Childhelp's 1-800-422-4453",
}

_DIGIT_RUN = re.compile(r"(?<![\w-])(?:\+?1[\s.-]?)?\(?(\d{3})\)?[\s.-]?(\d{3})[\s.-]?(\d{4})(?!\d)")


def digits(number: str) -> str:
    """The number's ten digits (or the service code), without a leading country code."""
    raw = re.sub(r"\D", "", number)
    if len(raw) == 11 and raw.startswith("1"):
        raw = raw[1:]
    return raw


def standard_form(number: str) -> str | None:
    """The one way numbers are written here ("831-755-4661", "1-800-606-6618", "911"), or None if invalid."""
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
