"""The shared models: phone lines, hotlines, site facts, warning signs and page front matter."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from core.content.navigation import PATHS
from core.content.schema import HttpsUrl, Model, PastDate, Phone, ShortCode, Slug, Text, fact, model
from core.content.translation import Provenance

Confidence = Literal["official", "secondary", "outdated", "unverified", "not-in-research"]
"""official: read on the organisation's own or a government page; secondary: read only in
news or third-party text; outdated: read on an official page that is old; unverified: only
the task force's own page gives it; not-in-research: added from a page outside the research the
other numbers come from, not yet compared like them. Everything but official is shown as unconfirmed."""

ComparedWith = Literal["page", "copy"]
"""page: the page itself, as it stood on the day it was compared; copy: a saved or archived copy of it (the
project's research read archived copies: their year is read from a web archive's address where it has one)."""

Purpose = Literal["crisis", "report", "support", "tips", "office"]
"""crisis: help now; report: where to report abuse or exploitation; support: someone to talk to;
tips: tip lines for professionals and the public (law enforcement); office: business line."""

CONFIDENCE_CONFIRMED = ("official",)
EMERGENCY_NUMBER = "911"
"""The crisis strip on every page must hold it (a content-check rule)."""
STRIP_PURPOSES = ("crisis", "report")
"""The purposes of the lines the crisis strip may hold."""

ConfirmedHow = Literal["call", "in-writing", "meeting"]
"""call: a test call to the number; in-writing: the organisation confirmed it in writing; meeting: at a task force meeting."""


@model
class Confirmation(Model):
    """A confirmation by the task force: who did it, when, and how. Written only once it has happened."""

    by: str = fact('Who confirmed it, with their role, e.g. "Maria Lopez, task force coordinator".')
    date: PastDate = fact("The day it was confirmed.")
    how: ConfirmedHow = fact(
        "call (a test call to the number), in-writing (the organisation confirmed it in writing) or meeting "
        "(at a task force meeting)."
    )


@model
class Review(Model):
    """A review of the site's content by the task force: who did it and when."""

    by: str = fact('Who reviewed it, with their role, e.g. "Maria Lopez, task force coordinator".')
    date: PastDate = fact("The day the review was finished.")


@model
class PhoneLine(Model):
    """A number to call or text: the page that publishes it, when it was compared with that page, and any confirmation."""

    label: Text = fact('What this line is, as a visitor would say it, e.g. "24-hour helpline".')
    number: Phone | None = fact("The number to call, written like 707-555-0100 or 1-800-606-6618.", None)
    text_to: ShortCode | None = fact("The number or short code to text, e.g. 233733.", None)
    text_word: str = fact("The word to text, if the line asks for one, e.g. HELP.", "")
    purpose: Purpose = fact("crisis, report, support, tips or office.")
    hours: Text = fact('When it is answered, e.g. "24/7".', Text(en=""))
    call_languages: tuple[Text, ...] = fact(
        "Languages calls are answered in, only as far as the source says (say nothing where it does not).", ()
    )
    text_languages: tuple[Text, ...] = fact(
        "Languages text messages are answered in, only as far as the source says (say nothing where it does not).", ()
    )
    source: HttpsUrl = fact("The page that publishes this number (the operator's own page where possible).")
    compared: PastDate = fact("The day someone last compared the number with that page (by reading it, not by calling).")
    compared_with: ComparedWith = fact(
        "page (the page itself, as it stood that day) or copy (a saved or archived copy of it); the site gives a "
        "copy's year when the source is a web archive's address.",
        "page",
    )
    confidence: Confidence = fact(
        "What kind of page publishes it: official, secondary, outdated, unverified (only the task force's own page "
        "gives it) or not-in-research (added from a page outside the research, not yet compared like the others); "
        "all but official are shown as unconfirmed until the task force confirms the number."
    )
    task_force_confirmed: Confirmation | None = fact(
        "Only once someone in the task force has confirmed the number (by a test call, or in writing from the "
        "organisation): who, when and how. Leave empty until then.",
        None,
    )

    def problems(self) -> Iterable[tuple[int, str]]:
        if self.number is None and self.text_to is None:
            yield self.line, self.say("a phone line needs a number, a text_to, or both")

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language it is answered in, by call or by text."""
        return tuple(dict.fromkeys((*self.call_languages, *self.text_languages)))

    @property
    def confirmed(self) -> bool:
        """Published on an official page, or confirmed by the task force; every other number is marked unconfirmed."""
        return self.confidence in CONFIDENCE_CONFIRMED or self.task_force_confirmed is not None


@model
class Hotline(Model):
    """A crisis, reporting or support line that the site lists."""

    id: Slug = fact("A short unique id, used by pages and placeholders, e.g. county-cps.")
    name: Text = fact("The line's name as its operator writes it.")
    short_name: Text = fact("A short name for the crisis strip and buttons.")
    about: Text = fact("One or two sentences: when to use it and what happens.")
    phones: tuple[PhoneLine, ...] = fact("The numbers to call or text.")
    website: HttpsUrl | None = fact("The operator's page for this line.", None)
    scope: Text = fact('Where it serves, e.g. "Example County" or "United States".')
    in_crisis_strip: bool = fact("true to show it in the strip at the top of every page.", False)
    default_help: bool = fact(
        "true for the one line the site offers when nothing else fits (e.g. a directory search that finds nothing).",
        False,
    )
    notes: Text = fact('Anything a visitor should know, e.g. "not law enforcement".', Text(en=""))

    def problems(self) -> Iterable[tuple[int, str]]:
        if not self.phones:
            yield self.line, self.say("needs at least one entry under phones")


@model
class HotlineFile(Model):
    """The whole file: the list of lines."""

    hotlines: tuple[Hotline, ...] = fact("The lines, in the order the site shows them.")

    def problems(self) -> Iterable[tuple[int, str]]:
        if not any(h.in_crisis_strip for h in self.hotlines):
            yield self.line, "no hotline has in_crisis_strip: true; the crisis strip would be empty"
        yield from self._crisis_strip_problems()
        marked = [h for h in self.hotlines if h.default_help]
        if not marked:
            yield self.line, "no hotline has default_help: true; mark the one line to offer when nothing else fits"
        for extra in marked[1:]:
            yield (
                extra.line,
                extra.say(
                    f"default_help: true is already set on {marked[0].id} at line {marked[0].line}; only one line may have it"
                ),
            )

    def _crisis_strip_problems(self) -> Iterator[tuple[int, str]]:
        """The strip on every page holds help now: 911, the line marked default_help, and a line to report child abuse."""
        strip = self.crisis_strip
        if not strip:
            return
        if not any(p.number == EMERGENCY_NUMBER for h in strip for p in h.phones):
            yield (
                self.line,
                f"the crisis strip must hold {EMERGENCY_NUMBER}: set in_crisis_strip: true on the {EMERGENCY_NUMBER} line",
            )
        if not any(p.purpose == "report" for h in strip for p in h.phones):
            yield self.line, "the crisis strip must hold a line to report child abuse (purpose: report), such as CPS"
        for hotline in self.hotlines:
            if hotline.default_help and not hotline.in_crisis_strip:
                yield hotline.line, hotline.say("has default_help: true, so it must also have in_crisis_strip: true")
            if hotline.in_crisis_strip:
                for phone in hotline.phones:
                    if phone.purpose not in STRIP_PURPOSES:
                        yield (
                            phone.line,
                            hotline.say(
                                f'is in the crisis strip, which holds crisis and reporting lines only, but this line\'s purpose is "{phone.purpose}"'
                            ),
                        )

    def by_id(self, hotline_id: str) -> Hotline:
        """The hotline with this id; only for ids the content check guarantees (placeholders)."""
        return next(h for h in self.hotlines if h.id == hotline_id)

    @property
    def default_help(self) -> Hotline:
        """The one line offered when nothing else fits; the check guarantees exactly one."""
        return next(h for h in self.hotlines if h.default_help)

    @property
    def crisis_strip(self) -> tuple[Hotline, ...]:
        return tuple(h for h in self.hotlines if h.in_crisis_strip)

    @property
    def emergency_lines(self) -> tuple[Hotline, ...]:
        """The lines for now: the crisis strip's and every line to report to, in the file's order. What the What to
        do page lists, the handout prints, and the offline page and the page shell's noscript show."""
        return tuple(h for h in self.hotlines if h.in_crisis_strip or any(p.purpose == "report" for p in h.phones))

    def by_urgency(self) -> tuple[tuple[Hotline, ...], tuple[Hotline, ...], tuple[Hotline, ...]]:
        """The directory's three groups, by what a line's numbers are for: urgent (any crisis or report number),
        support (any other number but tips), and tips (law enforcement tip lines only), each in the file's order.
        Unlike emergency_lines, the crisis strip does not count here: a strip line that is for support is support."""
        urgent = tuple(h for h in self.hotlines if any(p.purpose in ("crisis", "report") for p in h.phones))
        support = tuple(h for h in self.hotlines if h not in urgent and any(p.purpose != "tips" for p in h.phones))
        tips = tuple(h for h in self.hotlines if h not in urgent and h not in support)
        return urgent, support, tips


@model
class Link(Model):
    """An outside page that content may link to by id."""

    id: Slug = fact("A short unique id used in placeholders, e.g. blue-campaign.")
    title: Text = fact("The page's title as its publisher writes it.")
    url: HttpsUrl = fact("The address of the page.")
    publisher: str = fact("Who publishes it.")
    note: Text = fact("Why we link to it, or what to look for there.", Text(en=""))


@model
class SiteFile(Model):
    """The whole file: facts about the site and the task force."""

    name: Text = fact("The task force's name.")
    contact: PhoneLine = fact("The task force's own line: questions, events, trainings. Not a crisis line.")
    content_reviewed: Review | None = fact(
        "Only once the task force has reviewed the site's content: who and when. Leave empty until then: the footer "
        "of every page then says the content has not yet been reviewed by the task force.",
        None,
    )
    quick_exit_url: HttpsUrl = fact("Where the Exit button sends a visitor: a neutral, non-personal https page.")
    public_url: HttpsUrl | None = fact(
        "The public https:// address of this dashboard: the talks' closing slides and the handout print it as a QR "
        "code and in words. Leave it empty until the site has one: they then leave both out, and `make check` and "
        "`make handouts` remind the editor to set it.",
        None,
    )
    links: tuple[Link, ...] = fact("Outside pages that content links to.", ())

    def problems(self) -> Iterable[tuple[int, str]]:
        if self.contact.purpose in ("crisis", "report"):
            yield self.contact.line, "contact: the task force line is not a crisis or reporting line; use purpose: office"

    def link(self, link_id: str) -> Link:
        return next(link for link in self.links if link.id == link_id)


@model
class SignCategory(Model):
    """A group of warning signs, following the task force's own headings."""

    id: Slug = fact("A short unique id, e.g. grooming.")
    title: str = fact("The heading shown above the signs.")
    about: str = fact("One sentence on what this group of signs is about.")


@model
class WarningSign(Model):
    """One thing an adult might notice."""

    category: Slug = fact("The id of the category it belongs to.")
    indicator: str = fact("What an adult might notice, in plain words.")
    from_page: str | None = fact(
        "The words of the task force's own page that this sign restates, exactly as the page writes them "
        "(in English; a translation may leave it out).",
        None,
    )


@model
class WarningSignFile(Model):
    """The whole file: the categories, then the signs."""

    categories: tuple[SignCategory, ...] = fact("The groups of signs, in order.")
    signs: tuple[WarningSign, ...] = fact("The signs, each with its category.")
    translation: Provenance | None = fact(
        "In a translation only: what it was translated from and who reviewed it (see CONTRIBUTING.md).", None
    )

    def problems(self) -> Iterable[tuple[int, str]]:
        known = {c.id for c in self.categories}
        for sign in self.signs:
            if sign.category not in known:
                yield sign.line, sign.say(f'category "{sign.category}" is not one of the categories ({", ".join(sorted(known))})')
        for category in self.categories:
            if not any(s.category == category.id for s in self.signs):
                yield category.line, category.say("has no signs")

    def in_category(self, category_id: str) -> tuple[WarningSign, ...]:
        return tuple(s for s in self.signs if s.category == category_id)


@model
class PageMeta(Model):
    """The front matter at the top of a Markdown page in content/<lang>/pages/."""

    title: str = fact("The page heading.")
    nav_title: str = fact("The shorter name in the navigation menu.")
    summary: str = fact("One sentence that says what the page is for.")
    see_also: tuple[Slug, ...] = fact(
        "Other pages of this site to point to at the end, by address, e.g. what-to-do.",
        (),
        check=lambda paths: _unknown_pages(paths),
    )
    not_on_handout: tuple[str, ...] = fact(
        "The What to do page only: sentences of the page that the one-page handout leaves out, each word for word "
        "as the page writes it (background, never a step a reader must take). The handout prints the rest of the "
        "page whole, so a new step is on it without more ado; the check says when the handout would not fit.",
        (),
    )
    translation: Provenance | None = fact(
        "In a translation only: what it was translated from and who reviewed it (see CONTRIBUTING.md).", None
    )


def _unknown_pages(paths: tuple[str, ...]) -> str | None:
    unknown = [p for p in paths if p not in PATHS]
    if not unknown:
        return None
    return f"names {', '.join(unknown)}, which is not a page of this site (pages: {', '.join(sorted(PATHS))})"
