"""The directory: agencies in the county's response to trafficking and CSEC, their rules and loading.

Fields follow the Open Referral Human Services Data Specification (HSDS) where it has one:
name and alternate names, description, services, phones, url, physical address, languages,
eligibility (ages), schedule (hours), and when the entry was last verified.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Literal, get_args

from core.content.load import load_model
from core.content.models import ComparedWith, Confidence, Confirmation, PhoneLine
from core.content.phones import NOT_PUBLIC_NUMBERS, digits
from core.content.problems import ROOT
from core.content.schema import DEFAULT_LANGUAGE, HttpsUrl, Model, PastDate, Slug, Text, entry_name, fact, model
from core.content.translation import translate_data

Kind = Literal[
    "law-enforcement",
    "prosecution",
    "child-welfare",
    "victim-services",
    "health",
    "education",
    "youth-services",
    "federal",
    "community",
]
"""What kind of agency it is; the page's kind filter offers these, in this order."""

KINDS: tuple[str, ...] = get_args(Kind)

Area = Literal["city", "county", "region", "national"]
"""city: the cities listed; county: the whole county; region: several counties; national: the United States."""

Language = Literal["English", "Spanish", "Tagalog"]
"""Languages an agency is documented to serve in; the page's language filter offers these."""

LANGUAGE_NAMES: tuple[str, ...] = get_args(Language)

# Words that show an address belongs to a shelter or safe house, whose location must stay private.
_SHELTER_WORDS = re.compile(r"\b(shelter|safe\s*house|safe\s*place|refugio|casa\s+segura)\b", re.IGNORECASE)
_ALWAYS_OPEN = re.compile(r"\b24\s*(?:/\s*7|/\s*365|\s*hours?\b|\s*h\b|\s*horas\b)|\bround the clock\b", re.IGNORECASE)
ENFORCEMENT_KINDS = ("law-enforcement", "federal")
HELP_PURPOSES = ("crisis", "support")


def sources_problem(urls: tuple[str, ...]) -> str | None:
    """Why a list of sources is not usable: it is empty."""
    return None if urls else "needs at least one https:// page"


def is_24_hours(hours: str) -> bool:
    """True if an opening-hours text says the line is answered around the clock ("24/7", "24 hours")."""
    return bool(_ALWAYS_OPEN.search(hours))


@model
class Agency(Model):
    """An agency or organisation involved in the county's response to trafficking and CSEC."""

    id: Slug = fact("A short unique id, e.g. mc-sheriff.")
    name: Text = fact("The agency's full name, as it writes it.")
    short_names: tuple[str, ...] = fact("Acronyms and other names people search for, e.g. MCRCC, CPS, DA.", ())
    kind: Kind = fact("What kind of agency it is; the page's Kind filter offers these, in this order.")
    role: Text = fact("What it does in the response to trafficking and CSEC, in two to four plain sentences.")
    services: tuple[str, ...] = fact("Its services, one short phrase each.", ())
    phones: tuple[PhoneLine, ...] = fact(
        "Its public numbers, each with source and checked date. Never staff or facility lines.", ()
    )
    phones_note: Text = fact("What to do when it has no public number, or why a number is missing.", Text(en=""))
    website: HttpsUrl | None = fact("Its web page for this work; leave empty if only an http:// page is known.", None)
    hours: Text = fact('When its office is open to the public, e.g. "Monday to Friday, 8 am to 5 pm".', Text(en=""))
    cities: tuple[str, ...] = fact("Cities where it has an office or clinic open to the public, e.g. Springfield.", ())
    area: Area = fact("Where it serves: city, county (the whole county), region (several counties) or national.")
    address: str = fact("Its public street address. Never the address of a shelter or safe house.", "")
    shelter: bool = fact("true if it runs a shelter or safe house: its address is then never shown.", False)
    languages: tuple[Language, ...] = fact("Languages its sources say it serves in: English, Spanish or Tagalog.", ())
    interpreters: bool = fact("true if its sources say other languages are served through interpreters.", False)
    languages_note: Text = fact('Detail on languages, e.g. "Spanish legal advocacy in South County".', Text(en=""))
    ages: Text = fact('Ages served, as its source says, e.g. "12-24" or "Children".', Text(en=""))
    notes: Text = fact('What a visitor should know, e.g. "serves victims regardless of immigration status".', Text(en=""))
    sources: tuple[HttpsUrl, ...] = fact("The pages the entry's facts come from.", check=sources_problem)
    confidence: Confidence = fact(
        "How its role is sourced: official, secondary, outdated or unverified; all but official are shown as unconfirmed."
    )
    compared: PastDate = fact("The day the whole entry was last compared with its published sources.")
    compared_with: ComparedWith = fact(
        "page (the sources themselves, as they stood that day) or copy (saved or archived copies of them).", "page"
    )
    task_force_confirmed: Confirmation | None = fact(
        "Only once the task force has confirmed this entry: who, when and how. Leave empty until then.", None
    )
    to_verify: tuple[str, ...] = fact(
        "What a maintainer still has to confirm; listed by the maintainers' report, never shown to visitors.", ()
    )

    def problems(self) -> Iterable[tuple[int, str]]:
        if self.address and (self.shelter or _SHELTER_WORDS.search(self.address)):
            yield self.line, self.say("a shelter or safe house never has a street address; leave address empty")
        for index, phone in enumerate(self.phones):
            where = entry_name("phones", index)
            for number in (phone.number, phone.text_to):
                reason = NOT_PUBLIC_NUMBERS.get(digits(number)) if number else None
                if reason:
                    yield phone.line, self.say(f"{where}: {reason}; leave it out")
            if self.kind in ENFORCEMENT_KINDS and phone.purpose in HELP_PURPOSES:
                yield (
                    phone.line,
                    self.say(
                        f'{where} is a law enforcement line, so its purpose is tips, report or office, not "{phone.purpose}"'
                        " (help lines for victims are listed apart from enforcement)"
                    ),
                )

    @property
    def open_24_hours(self) -> bool:
        """Someone answers one of its lines around the clock."""
        return any(is_24_hours(phone.hours.en) for phone in self.phones)

    @property
    def confirmed(self) -> bool:
        """Its role is read on an official page."""
        return self.confidence == "official"

    def help_lines(self) -> tuple[PhoneLine, ...]:
        """Lines for the public: crisis, report, support and office numbers."""
        return tuple(p for p in self.phones if p.purpose != "tips")

    def tip_lines(self) -> tuple[PhoneLine, ...]:
        """Tip lines for professionals and the public, shown apart from help lines."""
        return tuple(p for p in self.phones if p.purpose == "tips")


@model
class AgencyFile(Model):
    """The whole file: the agencies, then the open questions for the task force."""

    agencies: tuple[Agency, ...] = fact("The agencies, in the order the page lists them before a search.")
    open_questions: tuple[Text, ...] = fact(
        "Questions for the task force from the research; listed by the maintainers' report and the briefing deck.", ()
    )


def load_agencies(root: Path = ROOT, lang: str = DEFAULT_LANGUAGE) -> AgencyFile:
    """data/agencies.yaml, checked, with its words in `lang` where translated; raises ContentError listing every problem."""
    english = load_model(root / "data" / "agencies.yaml", AgencyFile, root)
    return translate_data(english, root, lang, "agencies.yaml")[0]
