"""What is left to verify: directory entries and numbers that are unconfirmed or were last compared with their
sources too long ago, task-force confirmations and the research's open questions.

The maintainers' report (core.commands.report) prints it; the briefing's status slides count it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from core.content.models import HotlineFile, PhoneLine, SiteFile
from core.domain.directory import Agency, AgencyFile

DEFAULT_MONTHS = 12


@dataclass(frozen=True)
class Item:
    """One thing to verify: where it is written, what it is, and why it is listed."""

    path: str
    line: int
    what: str
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        head = f"{self.path}:{self.line}: {self.what}"
        return "\n".join([head, *(f"    - {reason}" for reason in self.reasons)])


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the month's last day where it is shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def phone_reasons(phone: PhoneLine, cutoff: dt.date) -> list[str]:
    reasons = []
    if not phone.confirmed:
        reasons.append(f"unconfirmed: confidence is {phone.confidence}")
    if phone.compared < cutoff:
        reasons.append(f"last compared with its source {phone.compared}, before {cutoff}")
    return reasons


def phone_name(owner: str, phone: PhoneLine) -> str:
    number = phone.number or f"text {phone.text_to}"
    return f'{owner}: {number} "{phone.label.en}"'


def entry_items(agencies: AgencyFile, cutoff: dt.date, path: str = "data/agencies.yaml") -> Iterator[Item]:
    """Entries that are unconfirmed, old, or have something left to verify."""
    for agency in agencies.agencies:
        reasons = entry_reasons(agency, cutoff)
        if reasons:
            yield Item(path, agency.line, f'{agency.id} "{agency.name.en}"', tuple(reasons))


def entry_reasons(agency: Agency, cutoff: dt.date) -> list[str]:
    reasons = []
    if agency.task_force_confirmed is None:
        reasons.append("not yet confirmed by the task force (task_force_confirmed is empty)")
    if not agency.confirmed:
        reasons.append(f"role unconfirmed: confidence is {agency.confidence}")
    if agency.compared < cutoff:
        reasons.append(f"last compared with its sources {agency.compared}, before {cutoff}")
    reasons.extend(f"to verify: {text}" for text in agency.to_verify)
    return reasons


def number_items(agencies: AgencyFile, hotlines: HotlineFile, site: SiteFile, cutoff: dt.date) -> Iterator[Item]:
    """Every number the site shows that is unconfirmed or older than the cutoff."""
    found: list[tuple[str, str, PhoneLine]] = [("data/site.yaml", "task force contact", site.contact)]
    found += [("data/hotlines.yaml", h.id, p) for h in hotlines.hotlines for p in h.phones]
    found += [("data/agencies.yaml", a.id, p) for a in agencies.agencies for p in a.phones]
    for path, owner, phone in found:
        reasons = phone_reasons(phone, cutoff)
        if reasons:
            yield Item(path, phone.line, phone_name(owner, phone), tuple(reasons))


@dataclass(frozen=True)
class Summary:
    """What is left to verify, counted: the report's lists and the briefing's status slides share it."""

    cutoff: dt.date
    confirmed: int
    total: int
    entries: tuple[Item, ...]
    numbers: tuple[Item, ...]
    questions: tuple[str, ...]


def verification_summary(
    agencies: AgencyFile, hotlines: HotlineFile, site: SiteFile, months: int = DEFAULT_MONTHS, today: dt.date | None = None
) -> Summary:
    """Entries and numbers to verify, task-force confirmations and open questions, as of `today`."""
    cutoff = months_before(today or dt.date.today(), months)
    return Summary(
        cutoff=cutoff,
        confirmed=sum(1 for a in agencies.agencies if a.task_force_confirmed),
        total=len(agencies.agencies),
        entries=tuple(entry_items(agencies, cutoff)),
        numbers=tuple(number_items(agencies, hotlines, site, cutoff)),
        questions=tuple(question.en for question in agencies.open_questions),
    )
