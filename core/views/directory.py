"""The directory in words: an agency's card as escaped Markdown, and the CSV download's rows.

The model (core.domain.directory) holds the agencies and their rules; this module writes them for a
screen or a file, in the visitor's language.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.content.models import PhoneLine
from core.content.text import Translate
from core.domain.directory import Agency
from core.views.render import confirmation_text, long_date, md_escape, md_link, phone_line_markdown, site_name, small

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
