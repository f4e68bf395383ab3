"""Statistics: each figure with what it counts and where it is from, the series it charts in, and the myth check.

`data/statistics.yaml` holds the facts (shared by every language); `content/<lang>/statistics/*.md`
holds the page's prose. `load_statistics()` returns both, or raises ContentError with every problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from core.content.load import denied_number_lines, load_model, localized, read_text
from core.content.problems import ROOT, ContentError, Problem, display_path
from core.content.schema import DEFAULT_LANGUAGE, Builder, HttpsUrl, Model, Slug, Text, fact, model
from core.content.text import PLACEHOLDER, markdown_problems, number_text, split_front_matter
from core.content.translation import RECORD_KEY, Provenance, parse_provenance, translate_data
from core.content.yamlnodes import YamlSyntaxError, parse_yaml

Topic = Literal["online", "runaways", "hotline", "federal", "survivors", "global", "california"]
"""online: recruitment and advertising online; runaways: runaway and missing children; hotline: reports to
the National Human Trafficking Hotline; federal: federal prosecutions; survivors: what surveys of survivors
found; global: worldwide; california: California and the county."""

QuoteKind = Literal["exact", "paraphrase"]
"""exact: the source's own words (read on its page, or quoted by others); paraphrase: another writer's words."""

AGGREGATORS = ("worldpopulationreview", "gitnux", "wifitalents")
"""Statistics aggregator sites: a figure read through one is never shown (trace it to its publisher); myths may
name them as examples of a distorted claim."""
TOPICS: tuple[str, ...] = get_args(Topic)

Unit = Literal["percent", "percent-change", "one-in", "number"]
"""percent: a share from 0 to 100; percent-change: a relative change (may pass 100); one-in: "1 in N",
value is N; number: a count."""

Verification = Literal["verified", "secondary"]
"""verified: checked against the publisher's own text; secondary: read only where others report it."""

Qualifier = Literal["exact", "about", "at-least"]
YearKind = Literal["calendar", "fiscal", "span"]
ChartKind = Literal["trend", "compare", "stages"]
"""trend: one point per period; compare: one bar per group; stages: groups, each with a bar per period."""

FIRST_YEAR = 1990
CHART_SHARES = ("unit", "population", "geography", "year_kind", "publisher")
"""What the figures drawn on one chart must have in common: a chart never mixes what is counted (its unit and
denominator), where, the kind of year (calendar or fiscal), or whose count it is."""
SHARED_IN_SERIES = (*CHART_SHARES, "topic")
"""What every point of one series must have in common: a chart never mixes denominators."""
PROSE = ("intro", "facebook", "myths")
"""The page's prose files in content/<lang>/statistics/, by name without .md."""


@model
class Figure(Model):
    """One published number, with what it counts, where it is from and how it was checked."""

    id: Slug = fact("A short unique id, e.g. ncmec-runaways-2019.")
    label: Text = fact("One plain sentence saying what the number counts, e.g. “Runaways reported to NCMEC in 2019 …”.")
    value: float = fact("The number as the source gives it: 65 for 65%, 6 for “1 in 6”, 8759 for 8,759 cases.")
    unit: Unit = fact("percent, percent-change (a relative change, may pass 100), one-in (value is N) or number.")
    qualifier: Qualifier = fact("exact, about or at-least, as the source words it.", "exact")
    population: Text = fact(
        "What is counted: the denominator of a share, or what a count counts. Points of one series use the same words."
    )
    base: Text = fact('How many were counted, in the source\'s words, e.g. "nearly 26,300 runaways".', Text(en=""))
    period: Text = fact('The period in full, e.g. "Federal fiscal year 2022 (October 2021 to September 2022)".')
    period_label: Text = fact(
        'The period in short for charts: "2019" for a calendar year, "FY2022" for a fiscal year (in Spanish "AF 2022").'
    )
    year_kind: YearKind = fact(
        "calendar (January to December, period_label like 2019), fiscal (period says whose; period_label like FY2022) "
        "or span (several years or dates)."
    )
    geography: Text = fact('Where it counts, e.g. "United States, federal courts only".')
    publisher: str = fact("Who published the figure: its name as written, without a note (that goes in source_note).")
    source_title: str = fact(
        "The title of the publication the figure is from, as written (a name: never translated); empty if it has none.", ""
    )
    source_note: Text = fact(
        'What the source is, in words, where its title alone does not say: e.g. "as reported by Fox News", '
        '"press release, 30 July 2020", "with Texas Christian University". Shown after the title; translated.',
        Text(en=""),
    )
    published_year: int = fact("The year the source was published.")
    url: HttpsUrl = fact("The address of the source.")
    quote: str = fact("The words for the figure: the source's own, or, with quote_kind: paraphrase, another writer's.")
    quote_translation: Text = fact(
        "In a translation only: the quote rendered in that language, shown beside the source's own words.", Text(en="")
    )
    quote_kind: QuoteKind = fact(
        "exact (the source's own words) or paraphrase (another writer's words: name them in quote_by).", "exact"
    )
    quote_by: Text = fact("Who wrote the words, when quote_kind is paraphrase, e.g. a news outlet and date.", Text(en=""))
    quote_url: HttpsUrl | None = fact("The page of whoever wrote a paraphrase, if it has an https:// address.", None)
    verification: Verification = fact("verified (checked against the publisher's own text) or secondary (reported by others).")
    read_in: Text = fact("Where the words were read, if not on the publisher's own page; required for secondary.", Text(en=""))
    caveat: Text = fact("In plain words: what the number does not mean, and what to check before quoting it.")
    topic: Topic = fact(
        "online (online recruitment), runaways (runaways and missing children), hotline (Hotline reports), "
        "federal (federal prosecutions), survivors (surveys of survivors), global, or california (California and the county)."
    )
    series: Slug | None = fact("The id of the series (chart) this figure is a point of, if any.", None)
    group: Text = fact('The bar this figure is in a compare or stages chart, e.g. "Children".', Text(en=""))

    def problems(self) -> Iterable[tuple[int, str]]:
        for message in self._mistakes():
            yield self.line, self.say(message)

    def _mistakes(self) -> Iterator[str]:
        value = number_text(self.value)
        this_year = dt.date.today().year
        if not FIRST_YEAR <= self.published_year <= this_year:
            yield f"published_year {self.published_year} is not a year of publication ({FIRST_YEAR} to {this_year})"
        if self.value < 0:
            yield f"value {value} is negative; write a fall as unit: percent-change"
        elif self.unit == "percent" and self.value > 100:
            yield f"value {value} is a percent and must lie between 0 and 100 (a change is unit: percent-change)"
        if self.unit == "one-in" and (self.value < 2 or self.value != int(self.value)):
            yield f'value {value} is not an N for "1 in N" (expected a whole number from 2)'
        if not (self.source_title.strip() or self.source_note.en.strip()):
            yield "needs a source_title (the publication's title) or, where it has none, a source_note saying what it is"
        if self.verification == "secondary" and not self.read_in.en.strip():
            yield "verification is secondary, so read_in must name the outlet it was read in"
        if self.quote_kind == "paraphrase" and not self.quote_by.en.strip():
            yield "quote_kind is paraphrase, so quote_by must name who wrote the words"
        texts = (self.url, self.read_in.en, self.source_title, self.source_note.en, self.quote_by.en, self.quote_url or "")
        where = " ".join(texts).lower()
        named = [name for name in AGGREGATORS if name in where]
        if named:
            yield (
                f"was read through a statistics aggregator ({', '.join(named)}); aggregators are never cited: "
                "trace the figure to its publisher, or leave it out"
            )
        label = self.period_label.en
        if self.year_kind == "fiscal" and not label.startswith(("FY", "SFY")):
            yield f'period_label "{label}" is a fiscal year; write it like FY2022 or SFY2015-2022'
        if self.year_kind == "calendar" and not (label.isdigit() and len(label) == 4):
            yield f'period_label "{label}" is a calendar year; write the year alone, like 2019'


@model
class Series(Model):
    """A chart: figures that share one unit, one population and one geography."""

    id: Slug = fact("A short unique id that figures name under series, e.g. ncmec-runaways.")
    title: Text = fact("The chart's title.")
    chart: ChartKind = fact("trend (one point per period), compare (one bar per group) or stages (groups, a bar per period).")
    axis_title: Text = fact('What the value axis measures, e.g. "Cases" or "Percent of each age group".')
    caveat: Text = fact("The chart's caveat in plain words, shown under it.")


@model
class MythLink(Model):
    """A page that shows what is wrong with a claim."""

    title: Text = fact("What the page is, e.g. “PolitiFact (2013): the 12-14 claim”.")
    url: HttpsUrl = fact("The address of the page.")


@model
class Myth(Model):
    """A number that is often repeated but is disputed, debunked or misattributed."""

    id: Slug = fact("A short unique id, e.g. average-age-of-entry.")
    claim: Text = fact("The claim as people repeat it.")
    status: Text = fact('In a few words, e.g. "Debunked" or "Real figure, wrong population".')
    what_is_wrong: Text = fact("What is wrong with it, in plain words.")
    say_instead: Text = fact("What a presenter can say instead.")
    figure: Slug | None = fact("The id of a figure on this page to cite instead, if any.", None)
    links: tuple[MythLink, ...] = fact("Pages that show what is wrong with it (at least one).")

    def problems(self) -> Iterable[tuple[int, str]]:
        if not self.links:
            yield self.line, self.say("needs at least one entry under links")


@model
class Spotlight(Model):
    """The task force's Facebook sentence, shown beside the figure it came from."""

    series: Slug = fact("The id of the series that shows the figure in its source's terms.")
    task_force_wording: str = fact("The task force's sentence, exactly as it stood on its page.")
    task_force_wording_translation: Text = fact(
        "In a translation only: the task force's sentence rendered in that language, shown beside its own words.", Text(en="")
    )
    task_force_source: str = fact("Where the sentence stood.")


@model
class StatisticsFile(Model):
    """The whole file: the figures, the series they chart in, the spotlight and the myth check."""

    figures: tuple[Figure, ...] = fact("Every figure the page shows, grouped by topic.")
    series: tuple[Series, ...] = fact("The charts.", ())
    spotlight: Spotlight | None = fact("The task force's Facebook sentence and the figure it came from.", None)
    myths: tuple[Myth, ...] = fact("Claims that are disputed or debunked, and what to say instead.", ())

    def problems(self) -> Iterable[tuple[int, str]]:
        yield from self._series_problems()
        known_figures = {f.id for f in self.figures}
        for myth in self.myths:
            if myth.figure is not None and myth.figure not in known_figures:
                yield myth.line, myth.say(f'figure "{myth.figure}" is not the id of a figure')
        if self.spotlight is not None and self.spotlight.series not in {s.id for s in self.series}:
            yield self.spotlight.line, f'spotlight: series "{self.spotlight.series}" is not the id of a series'

    def _series_problems(self) -> Iterator[tuple[int, str]]:
        known = {s.id: s for s in self.series}
        for figure in self.figures:
            if figure.series is not None and figure.series not in known:
                choices = ", ".join(sorted(known)) or "none"
                yield figure.line, figure.say(f'series "{figure.series}" is not the id of a series (series: {choices})')
        for series in self.series:
            points = self.points(series.id)
            if len(points) < 2:
                yield series.line, series.say(f"has {len(points)} figure(s); a chart needs at least two")
                continue
            first = points[0]
            for point in points[1:]:
                for name in SHARED_IN_SERIES:
                    mine, theirs = getattr(point, name), getattr(first, name)
                    if mine != theirs:
                        shared = ", ".join(SHARED_IN_SERIES)
                        message = (
                            f'{name} "{mine}" differs from "{theirs}" in {first.id}; points of {series.id} must share {shared}'
                        )
                        yield point.line, point.say(message)
            seen: dict[tuple[str, str], str] = {}
            for point in points:
                if series.chart in ("compare", "stages") and not point.group.en:
                    yield point.line, point.say(f"series {series.id} is a {series.chart} chart, so the figure needs a group")
                place = (point.period_label.en, point.group.en)
                if place in seen:
                    yield point.line, point.say(f"has the same period_label and group as {seen[place]} in series {series.id}")
                else:
                    seen[place] = point.id

    def points(self, series_id: str) -> tuple[Figure, ...]:
        """The figures of one series, in the order of the file."""
        return tuple(f for f in self.figures if f.series == series_id)

    def series_by_id(self, series_id: str) -> Series:
        return next(s for s in self.series if s.id == series_id)

    def figure(self, figure_id: str) -> Figure:
        return next(f for f in self.figures if f.id == figure_id)

    def in_topic(self, topic: str) -> tuple[Figure, ...]:
        """Every figure of a topic (all figures for any value that is not a topic)."""
        return tuple(f for f in self.figures if f.topic == topic or topic not in TOPICS)

    def cards(self, topic: str) -> tuple[Figure, ...]:
        """The figures of a topic shown as cards: those that are not a point of a chart."""
        return tuple(f for f in self.in_topic(topic) if f.series is None)

    def charts(self, topic: str) -> tuple[Series, ...]:
        """The series whose points belong to a topic, in file order."""
        return tuple(s for s in self.series if any(p.series == s.id for p in self.in_topic(topic)))

    def topics(self) -> tuple[str, ...]:
        """Topics that have at least one figure, in the order of TOPICS."""
        return tuple(t for t in TOPICS if any(f.topic == t for f in self.figures))


@dataclass(frozen=True)
class Statistics:
    """The statistics page: its data and its prose in one language."""

    data: StatisticsFile
    prose: dict[str, str]


def prose_translation(text: str, shown: str) -> tuple[str, int, Provenance | None, list[tuple[int, str]]]:
    """A prose file's text, its first line, and its translation record: a translation starts with
    front matter holding only `translation:`; an English file has none."""
    if not text.startswith("---"):
        return text, 1, None, []
    front, body, body_line = split_front_matter(text, shown)
    builder = Builder()
    node = None
    try:
        node = parse_yaml(front, 2)
    except YamlSyntaxError as err:
        return body, body_line, None, list(err.problems)
    found = [(line, f'"{key}" is not allowed here (only "{RECORD_KEY}:")') for key, line, _ in node.entries if key != RECORD_KEY]
    provenance = parse_provenance(node.get(RECORD_KEY), builder)
    return body, body_line, provenance, [*found, *builder.problems]


def load_prose(root: Path = ROOT, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """The page's Markdown prose by name; HTML, images, inner links and placeholders are problems."""
    return {name: body for name, (body, _) in load_prose_files(root, lang).items()}


def load_prose_files(root: Path = ROOT, lang: str = DEFAULT_LANGUAGE) -> dict[str, tuple[str, Provenance | None]]:
    """Each prose file's body and, in a translation, its translation record; raises ContentError."""
    prose: dict[str, tuple[str, Provenance | None]] = {}
    problems: list[Problem] = []
    for name in PROSE:
        path = localized(root, lang, "statistics", f"{name}.md")
        shown = display_path(path, root)
        try:
            text, first, provenance, found = prose_translation(read_text(path, root), shown)
        except ContentError as err:
            problems += err.problems
            continue
        found += [*markdown_problems(text, first, None), *denied_number_lines(text, first)]
        for number, line in enumerate(text.splitlines(), start=first):
            for match in PLACEHOLDER.finditer(line):
                found.append(
                    (number, f'placeholder "{match.group(0)}" is not filled in on this page; write a Markdown link instead')
                )
        if not text.strip():
            found.append((first, "the file has no text"))
        problems += [Problem(shown, line, message) for line, message in found]
        prose[name] = (text, provenance)
    if problems:
        raise ContentError(problems)
    return prose


def load_statistics(root: Path = ROOT, lang: str = DEFAULT_LANGUAGE) -> Statistics:
    """data/statistics.yaml and the page's prose; every problem in either is raised at once."""
    problems: list[Problem] = []
    data = prose = None
    try:
        english = load_model(root / "data" / "statistics.yaml", StatisticsFile, root)
        data = translate_data(english, root, lang, "statistics.yaml")[0]
    except ContentError as err:
        problems += err.problems
    try:
        prose = load_prose(root, lang)
    except ContentError as err:
        problems += err.problems
    if problems or data is None or prose is None:
        raise ContentError(problems)
    return Statistics(data, prose)
