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
from core.content.text import Translate
from core.content.translation import translate_data
from core.views.render import confirmation_text, long_date, md_escape, md_link, phone_line_markdown, site_name, small

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


CSV_FIELDS = (
    "name",
    "short_names",
    "kind",
    "role",
    "phones",
    "tip_lines",
    "website",
    "cities",
    "address",
    "hours",
    "languages",
    "ages",
    "notes",
    "compared",
    "task_force_confirmed",
    "sources",
)
"""The columns of the CSV download, in order; their headers are strings under directory.csv."""


def phone_text(phone: PhoneLine, lang: str, t: Translate) -> str:
    """One line as plain text: "label: number, text WORD to 233733 (hours) [unconfirmed]"."""
    reach = [phone.number] if phone.number else []
    if phone.text_to:
        reach.append(
            t("hotline.text", word=phone.text_word, number=phone.text_to)
            if phone.text_word
            else t("hotline.text_plain", number=phone.text_to)
        )
    text = f"{phone.label.get(lang)}: {', '.join(reach)}"
    if phone.hours.get(lang):
        text += f" ({phone.hours.get(lang)})"
    if not phone.confirmed:
        text += f" [{t('directory.unconfirmed_mark')}]"
    return text


def language_names(agency: Agency, t: Translate) -> list[str]:
    """Its languages as visitors read them, with interpreters last."""
    names = [t(f"directory.languages.{name}") for name in agency.languages]
    if agency.interpreters:
        names.append(t("directory.interpreters"))
    return names


def export_table(agencies: Iterable[Agency], lang: str, t: Translate) -> tuple[list[dict[str, str]], list[str]]:
    """Rows and headers for the CSV download: plain text, one row per entry, headers in the visitor's language."""
    headers = {name: t(f"directory.csv.{name}") for name in CSV_FIELDS}
    rows = []
    for agency in agencies:
        values = {
            "name": agency.name.get(lang),
            "short_names": ", ".join(agency.short_names),
            "kind": t(f"directory.kinds.{agency.kind}"),
            "role": agency.role.get(lang),
            "phones": "; ".join(phone_text(p, lang, t) for p in agency.help_lines()) or agency.phones_note.get(lang),
            "tip_lines": "; ".join(phone_text(p, lang, t) for p in agency.tip_lines()),
            "website": agency.website or "",
            "cities": ", ".join(agency.cities),
            "address": "" if agency.shelter else agency.address,
            "hours": agency.hours.get(lang),
            "languages": ", ".join(language_names(agency, t)),
            "ages": agency.ages.get(lang),
            "notes": agency.notes.get(lang),
            "compared": agency.compared.isoformat(),
            "task_force_confirmed": confirmation_text(agency.task_force_confirmed, t) if agency.task_force_confirmed else "",
            "sources": " ".join(agency.sources),
        }
        rows.append({headers[name]: values[name] for name in CSV_FIELDS})
    return rows, list(headers.values())


def card_heading(agency: Agency, lang: str, t: Translate) -> str:
    """The card's first lines as escaped Markdown: the name as a heading (screen readers jump between
    cards by heading), then the kind and other names."""
    head = f"### {md_escape(agency.name.get(lang))}"
    extra = [t(f"directory.kinds.{agency.kind}")]
    if agency.short_names:
        extra.append(t("directory.short_names", names=", ".join(agency.short_names)))
    return head + "\n\n" + md_escape(" · ".join(extra))


def card_details(agency: Agency, lang: str, t: Translate) -> list[str]:
    """Notes for visitors, the website, where, when, in which languages and for whom: escaped Markdown lines."""
    lines = [md_escape(agency.notes.get(lang))] if agency.notes.get(lang) else []
    if agency.website:
        lines.append(md_escape(t("directory.website")) + " " + md_link(site_name(agency.website), agency.website))
    if agency.address and not agency.shelter:
        lines.append(md_escape(t("directory.address", address=agency.address)))
    area = t(f"directory.areas.{agency.area}", cities=", ".join(agency.cities) or "-")
    if agency.cities and agency.area != "city":
        area += " " + t("directory.offices", cities=", ".join(agency.cities))
    lines.append(md_escape(area))
    if agency.hours.get(lang):
        lines.append(md_escape(t("directory.office_hours", hours=agency.hours.get(lang))))
    names = language_names(agency, t)
    if names:
        lines.append(md_escape(t("directory.languages_line", languages=", ".join(names))))
    if agency.languages_note.get(lang):
        lines.append(md_escape(agency.languages_note.get(lang)))
    if agency.ages.get(lang):
        lines.append(md_escape(t("directory.ages", ages=agency.ages.get(lang))))
    return lines


def card_trust(agency: Agency, t: Translate) -> list[str]:
    """How sure the entry is: confirmation by the task force (only if it happened), sourcing, when it was compared
    with its sources, and the sources as links."""
    lines = []
    if agency.task_force_confirmed:
        lines.append(confirmation_text(agency.task_force_confirmed, t))
    else:
        lines.append(t("directory.task_force_not_confirmed"))
    if not agency.confirmed:
        lines.append(t("directory.role_unconfirmed", confidence=t(f"hotline.confidence_{agency.confidence}")))
    copies = "directory.compared_copies" if agency.compared_with == "copy" else "directory.compared"
    lines.append(t(copies, date=long_date(agency.compared, t)))
    escaped = [md_escape(line) for line in lines]
    # Each link says where it leads (its site), not "[1]"; a site named twice is told apart by number.
    names = [site_name(url) for url in agency.sources]
    links = ", ".join(
        md_link(name if names.count(name) == 1 else f"{name} ({names[:number].count(name)})", url)
        for number, (name, url) in enumerate(zip(names, agency.sources, strict=True), start=1)
    )
    return [*escaped, md_escape(t("directory.sources")) + " " + links]


def card_markdown(agency: Agency, lang: str, t: Translate) -> str:
    """An agency's card as one Markdown text: heading, role, help lines, tip lines, details, how sure it is."""
    parts = [card_heading(agency, lang, t), md_escape(agency.role.get(lang))]
    parts += [phone_line_markdown(line, t, lang) for line in agency.help_lines()]
    if agency.phones_note.get(lang):
        parts.append(small(md_escape(agency.phones_note.get(lang))))
    if agency.tip_lines():
        parts.append(f"**{md_escape(t('directory.tips_in_card'))}**")
        parts += [phone_line_markdown(line, t, lang) for line in agency.tip_lines()]
    parts.append("  \n".join(card_details(agency, lang, t)))
    parts.append("  \n".join(small(line) for line in card_trust(agency, t)))
    return "\n\n".join(parts)
