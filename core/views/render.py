"""Turning loaded content into safe Markdown and HTML: every data-derived value is escaped here."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable

from babel.dates import format_date

from core.content.models import Confirmation, Hotline, HotlineFile, PhoneLine, SiteFile
from core.content.phones import sms_href, tel_href
from core.content.schema import DEFAULT_LANGUAGE
from core.content.text import BABEL_LOCALES, Translate, expand_placeholders
from core.views.shell import HELP_NOW_ID

# Characters with a meaning in Markdown or in Streamlit's extensions (:colour[...], :material/...:,
# $math$). Written as numeric character references they show as themselves and mean nothing.
_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~:$&=^\"'")


def md_escape(text: str) -> str:
    """Text that Markdown shows literally: no links, emphasis, HTML or Streamlit directives."""
    return "".join(f"&#{ord(ch)};" if ch in _MARKDOWN_SPECIAL else ch for ch in text).replace("\n", " ")


def language_of(t: Translate) -> str:
    """The language of a strings table (English for anything else)."""
    return getattr(t, "lang", DEFAULT_LANGUAGE)


def long_date(day: dt.date, t: Translate) -> str:
    """A date as people write it in the visitor's language: November 29, 2026; 29 de noviembre de 2026."""
    return format_date(day, "long", locale=BABEL_LOCALES.get(language_of(t), "en_US"))


def md_link(label: str, href: str) -> str:
    """A Markdown link with an escaped label; `href` must already be a validated address."""
    return f"[{md_escape(label)}]({href.replace(')', '%29').replace(' ', '%20')})"


def small(markdown: str) -> str:
    """Markdown shown in small type, as a caption is (Streamlit's :small[...] directive)."""
    return f":small[{markdown}]"


def call_link(line: PhoneLine, t: Translate) -> str:
    assert line.number is not None
    return md_link(t("hotline.call", number=line.number), tel_href(line.number))


def text_link(line: PhoneLine, t: Translate) -> str:
    assert line.text_to is not None
    if line.text_word:
        label = t("hotline.text", word=line.text_word, number=line.text_to)
    else:
        label = t("hotline.text_plain", number=line.text_to)
    return md_link(label, sms_href(line.text_to, line.text_word))


def phone_links(line: PhoneLine, t: Translate) -> list[str]:
    """A number's call and text links, as Markdown."""
    links = []
    if line.number:
        links.append(call_link(line, t))
    if line.text_to:
        links.append(text_link(line, t))
    return links


def phone_details(line: PhoneLine, t: Translate, lang: str) -> list[str]:
    """What a number is, its hours and languages, as escaped Markdown."""
    details = [md_escape(line.label.get(lang))]
    if line.hours.get(lang):
        details.append(md_escape(t("hotline.hours", hours=line.hours.get(lang))))
    if line.call_languages:
        details.append(
            md_escape(t("hotline.call_languages", languages=", ".join(name.get(lang) for name in line.call_languages)))
        )
    if line.text_languages:
        details.append(
            md_escape(t("hotline.text_languages", languages=", ".join(name.get(lang) for name in line.text_languages)))
        )
    return details


def site_name(url: str) -> str:
    """A web address as people read it: its host, without https:// and www."""
    return url.removeprefix("https://").split("/", 1)[0].removeprefix("www.")


def confirmation_text(confirmed: Confirmation, t: Translate) -> str:
    """Who in the task force confirmed something, when and how, in plain words."""
    return t(f"trust.confirmed_{confirmed.how.replace('-', '_')}", by=confirmed.by, date=long_date(confirmed.date, t))


_ARCHIVE_STAMP = re.compile(r"/((?:19|20)\d\d)\d{10}(?:[a-z]{2}_)?/https?:/")
"""A web archive's copy of a page: the 14-digit time of the copy, then the page's own address (web.archive.org,
webarchive.library.unt.edu, cybercemetery.unt.edu and the like)."""


def archived_year(url: str) -> int | None:
    """The year of the copy when `url` is a web archive's copy of a page, or None."""
    found = _ARCHIVE_STAMP.search(url)
    return int(found.group(1)) if found else None


def compared_text(line: PhoneLine, t: Translate) -> str:
    """What was compared and when, after "Published on <site>": the page itself, the page as archived in a year
    read from the archive's address, or a saved copy of unknown date. The one rule for every number."""
    date = long_date(line.compared, t)
    year = archived_year(line.source)
    if year is not None:
        return t("trust.compared_archived", date=date, year=year)
    if line.compared_with == "copy":
        return t("trust.compared_copy", date=date)
    return t("trust.compared_on", date=date)


def phone_trust(line: PhoneLine, t: Translate) -> list[str]:
    """What was done to check a number, as escaped Markdown lines: where it is published, and when it was
    compared with that page or which copy of it; a task-force confirmation only if one happened; the unconfirmed mark otherwise.

    Factual, and never a reason not to call: the words say where the number comes from, not to doubt it.
    """
    published = (
        md_escape(t("trust.published_on"))
        + " "
        + md_link(site_name(line.source), line.source)
        + md_escape(compared_text(line, t))
    )
    lines = [published]
    if line.task_force_confirmed is not None:
        lines.append(md_escape(confirmation_text(line.task_force_confirmed, t)))
    elif not line.confirmed:
        lines.append(":material/info: " + md_escape(unconfirmed_text(line, t)))
    return lines


def unconfirmed_text(line: PhoneLine, t: Translate) -> str:
    """The unconfirmed mark: what kind of page the number was read on."""
    return t("trust.unconfirmed", confidence=t(f"hotline.confidence_{line.confidence}"))


def review_text(site: SiteFile, t: Translate) -> str:
    """Whether the task force has reviewed the site's content: by whom and when, or that it has not yet."""
    review = site.content_reviewed
    if review is None:
        return t("trust.not_reviewed")
    return t("trust.reviewed", by=review.by, date=long_date(review.date, t))


def footer_markdown(site: SiteFile, t: Translate, lang: str) -> str:
    """The footer of every page: the task force's own line (a dial link, marked unconfirmed where it is, and
    "not a crisis line"), then whether the task force has reviewed the content."""
    contact = site.contact
    reach = [md_escape(t("frame.footer_contact", name=site.name.get(lang), label=contact.label.get(lang)))]
    reach += phone_links(contact, t)
    reach.append(md_escape(t("frame.footer_not_crisis")))
    if not contact.confirmed:
        reach.append(md_escape(unconfirmed_text(contact, t)))
    return " ".join(reach) + "  \n" + md_escape(review_text(site, t))


def phone_line_markdown(line: PhoneLine, t: Translate, lang: str) -> str:
    """One number as Markdown lines: call and text links, what it is, hours and languages, then in small type
    where it is published and when it was compared, and a confirmation or the unconfirmed mark."""
    lines = [" · ".join(phone_links(line, t)), " · ".join(phone_details(line, t, lang))]
    lines += [small(trust) for trust in phone_trust(line, t)]
    return "  \n".join(lines)


def hotline_markdown(hotline: Hotline, t: Translate, lang: str) -> str:
    """A hotline's card as one Markdown text: its name as a heading (screen readers jump between cards),
    what it is for, each number, and its notes."""
    parts = [f"### {md_escape(hotline.name.get(lang))}", md_escape(hotline.about.get(lang))]
    parts += [phone_line_markdown(line, t, lang) for line in hotline.phones]
    if hotline.notes.get(lang):
        parts.append(small(md_escape(hotline.notes.get(lang))))
    return "\n\n".join(parts)


def resolver(hotlines: HotlineFile, site: SiteFile, lang: str) -> Callable[[str, str], str]:
    """What {{call:id}}, {{text:id}} and {{link:id}} become in a page."""

    def resolve(kind: str, ident: str) -> str:
        if kind == "link" and ident in {link.id for link in site.links}:
            link = site.link(ident)
            return md_link(link.title.get(lang), link.url)
        hotline = hotlines.by_id(ident)
        if kind == "link":
            assert hotline.website is not None
            return md_link(hotline.website.removeprefix("https://").rstrip("/"), hotline.website)
        if kind == "call":
            line = next(p for p in hotline.phones if p.number)
            return md_link(line.number, tel_href(line.number))
        line = next(p for p in hotline.phones if p.text_to)
        return md_link(line.text_to, sms_href(line.text_to, line.text_word))

    return resolve


def article_markdown(body: str, hotlines: HotlineFile, site: SiteFile, lang: str) -> str:
    """A page body with its placeholders replaced by links built from data/."""
    return expand_placeholders(body, resolver(hotlines, site, lang))


def crisis_strip_html(lines: tuple[Hotline, ...], t: Translate, lang: str) -> str:
    """The strip of crisis links shown on every page: escaped HTML with tel: and sms: links."""
    items = []
    for hotline in lines:
        links = []
        for line in hotline.phones:
            if line.number:
                links.append(
                    _a(
                        tel_href(line.number),
                        line.number,
                        f"{hotline.short_name.get(lang)}: {t('frame.crisis_call', number=line.number)}",
                    )
                )
            if line.text_to and line.text_to != line.number:
                label = (
                    t("frame.crisis_text", word=line.text_word, number=line.text_to)
                    if line.text_word
                    else t("frame.crisis_text_plain", number=line.text_to)
                )
                links.append(_a(sms_href(line.text_to, line.text_word), label, f"{hotline.short_name.get(lang)}: {label}"))
        items.append(f'<li><span class="crisis-name">{html.escape(hotline.short_name.get(lang))}</span> {" ".join(links)}</li>')
    label = html.escape(t("frame.crisis_label"))
    return (
        f'<nav class="crisis-strip" id="{HELP_NOW_ID}" tabindex="-1" aria-label="{label}"><strong class="crisis-label">{label}</strong>'
        f"<ul>{''.join(items)}</ul></nav>"
    )


def _a(href: str, text: str, aria: str) -> str:
    return f'<a href="{html.escape(href)}" aria-label="{html.escape(aria)}">{html.escape(text)}</a>'
