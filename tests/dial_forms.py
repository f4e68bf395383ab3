"""The forms of tel: and sms: links that phones dial, as the tests check them (independently of core/content/phones.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import quote

TEL = re.compile(r"tel:(?:[2-9]11|988|\+1[2-9]\d{9})")
"""tel:911, tel:988 (N11 codes and 988 as they are), or +1 and ten digits."""
SMS = re.compile(r"sms:(?:[2-9]11|988|\d{5,6}|\+1[2-9]\d{9})(?:\?body=[A-Za-z0-9%._~-]+)?")
"""sms: to a service code, a 5-6 digit short code, or +1 and ten digits; a body percent-encoded."""
DIAL_HREF = re.compile(r"""(?:href=["']|\]\()((?:tel|sms):[^\s"')<>]*)""", re.IGNORECASE)
"""A tel: or sms: address as an HTML href or a Markdown link target."""


def dialled(number: str) -> str:
    """What a phone dials for a number as the data writes it."""
    raw = re.sub(r"\D", "", number)
    if len(raw) in (3, 5, 6):
        return raw
    if len(raw) == 11 and raw.startswith("1"):
        return f"+{raw}"
    return f"+1{raw}"


def expected_call(number: str) -> str:
    return f"tel:{dialled(number)}"


def expected_text(number: str, word: str = "") -> str:
    return f"sms:{dialled(number)}" + (f"?body={quote(word, safe='')}" if word else "")


def hrefs_in(text: str) -> list[str]:
    """Every tel: and sms: address linked in rendered HTML or Markdown."""
    return DIAL_HREF.findall(text)


def badly_formed(hrefs: Iterable[str]) -> Iterator[str]:
    """The hrefs that a phone would not dial."""
    for href in hrefs:
        if not (TEL.fullmatch(href) or SMS.fullmatch(href)):
            yield href
