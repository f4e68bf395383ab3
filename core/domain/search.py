"""Search the directory: typo-tolerant, Spanish-aware, ranked exact name, then prefix, then fuzzy.

The index is built once per language. A query is folded (lower case, accents removed), split into
words and expanded with Spanish synonyms; each word is matched against the index's vocabulary
with RapidFuzz (exact, prefix, or close spelling). An entry matches when every word of the query
matches one of its words. Any text is a valid query: the function never raises on user input.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from core.content.phones import digits
from core.content.problems import ROOT
from core.domain.directory import KINDS, LANGUAGE_NAMES, Agency, AgencyFile, load_agencies

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8
MIN_PREFIX = 2
MIN_FUZZY = 4
MAX_PREFIX_WORDS = 500  # a two-letter prefix matches at most this many words
SYNONYM_STEP = 0.05
FUZZY_CUTOFF = 80.0

EXACT, PREFIX, WORD_PREFIX, FUZZY = 4, 3, 2, 1
"""Ranking tiers: the whole query is a name or acronym; a name starts with it; a word inside a name
starts with it; every word of it matches somewhere (exactly, as a prefix or spelled close)."""

# Field weights: a word found in a name counts more than one found in a description.
NAME_WEIGHT, FACET_WEIGHT, TEXT_WEIGHT = 1.0, 0.8, 0.6

# Spanish (and a few everyday) words a visitor may type, and the words the entries use.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "espanol": ("spanish",),
    "castellano": ("spanish",),
    "ingles": ("english",),
    "tagalo": ("tagalog",),
    "filipino": ("tagalog",),
    "policia": ("police", "sheriff", "enforcement"),
    "police": ("sheriff", "enforcement"),
    "alguacil": ("sheriff",),
    "fiscal": ("prosecution", "prosecutes", "attorney"),
    "fiscalia": ("prosecution", "prosecutes", "attorney"),
    "abogado": ("attorney", "legal"),
    "violacion": ("rape", "sexual"),
    "agresion": ("assault",),
    "abuso": ("abuse",),
    "maltrato": ("abuse",),
    "trata": ("trafficking",),
    "trafico": ("trafficking",),
    "explotacion": ("exploitation", "exploited", "csec"),
    "ninos": ("children", "child", "youth"),
    "nino": ("child", "children", "youth"),
    "nina": ("child", "children", "youth"),
    "ninas": ("children", "child", "youth"),
    "menores": ("children", "child", "youth"),
    "jovenes": ("youth", "young", "teen"),
    "joven": ("youth", "young", "teen"),
    "adolescentes": ("teen", "youth", "young"),
    "kids": ("children", "child", "youth"),
    "teens": ("teen", "youth", "young"),
    "refugio": ("shelter", "safe"),
    "albergue": ("shelter",),
    "ayuda": ("help", "helpline", "crisis"),
    "linea": ("line", "helpline", "hotline"),
    "denunciar": ("report", "reporting", "tips"),
    "reportar": ("report", "reporting"),
    "salud": ("health",),
    "escuela": ("school", "schools", "education"),
    "escuelas": ("schools", "school", "education"),
    "educacion": ("education",),
    "victima": ("victim", "victims", "survivors"),
    "victimas": ("victims", "victim", "survivors"),
    "sobreviviente": ("survivors",),
    "sobrevivientes": ("survivors",),
    "inmigracion": ("immigration",),
    "consejeria": ("counseling",),
    "terapia": ("therapy", "counseling"),
    "hotline": ("helpline", "hotline"),
}

STOPWORDS = frozenset(
    {
        *("a", "an", "and", "the", "of", "for", "in", "on", "at", "to", "by", "with", "or"),
        *("who", "what", "where", "which", "is", "are", "do", "does", "my", "me", "i"),
        *("el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "en", "y", "o"),
        *("para", "por", "con", "que", "quien", "donde", "mi"),
    }
)

_APOSTROPHE_S = re.compile(r"['\u2019]s\b")
_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lower case, accents removed, "'s" dropped, anything but letters and digits turned to single spaces."""
    text = _APOSTROPHE_S.sub("", text.casefold())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("'", "").replace("\u2019", "")
    return _NOT_WORD.sub(" ", text).strip()


def words(text: str) -> list[str]:
    return fold(text).split()


@dataclass(frozen=True)
class Filters:
    """What the visitor narrowed the list to; None (or False) means "any"."""

    kind: str | None = None
    city: str | None = None
    language: str | None = None
    open_24_hours: bool = False


NO_FILTERS = Filters()


class SearchIndex:
    """Words of every entry, by field, with the entries each word occurs in; built once."""

    def __init__(self, agencies: Sequence[Agency], lang: str = "en") -> None:
        self.agencies: tuple[Agency, ...] = tuple(agencies)
        self.lang = lang
        # word -> {entry number: weight}: the best weight of any field the word appears in
        postings: dict[str, dict[int, float]] = {}
        self._exact: dict[str, list[int]] = {}
        starts: list[tuple[str, int, bool]] = []
        for number, agency in enumerate(self.agencies):
            # In a translation the English name is searchable too: it is the name the agency writes.
            names = list(
                dict.fromkeys([fold(agency.name.get(lang)), fold(agency.name.en), *(fold(n) for n in agency.short_names)])
            )
            for name in filter(None, names):
                self._exact.setdefault(name, []).append(number)
                parts = name.split()
                starts.extend((" ".join(parts[i:]), number, i == 0) for i in range(len(parts)))
            for weight, texts in (
                (NAME_WEIGHT, names),
                (FACET_WEIGHT, _facet_texts(agency)),
                (TEXT_WEIGHT, _body_texts(agency, lang)),
            ):
                for text in texts:
                    for word in text.split():
                        entry = postings.setdefault(word, {})
                        if entry.get(number, 0.0) < weight:
                            entry[number] = weight
        # word -> ((weight, entries), ...): one set per field weight, so scores update at C speed
        self._postings: dict[str, tuple[tuple[float, frozenset[int]], ...]] = {
            word: tuple((w, frozenset(n for n, v in entries.items() if v == w)) for w in {*entries.values()})
            for word, entries in postings.items()
        }
        self._vocabulary: list[str] = sorted(postings)
        self._by_length: dict[int, list[str]] = {}
        for word in self._vocabulary:
            if not word.isdigit():
                self._by_length.setdefault(len(word), []).append(word)
        starts.sort()
        self._starts = [text for text, _, _ in starts]
        self._start_entries = [(number, head) for _, number, head in starts]
        self._by_kind = _group(self.agencies, lambda a: (a.kind,))
        self._by_city = _group(self.agencies, lambda a: a.cities)
        self._countywide = {n for n, a in enumerate(self.agencies) if a.area in ("county", "region")}
        self._by_language = _group(self.agencies, _languages)
        self._always_open = {n for n, a in enumerate(self.agencies) if a.open_24_hours}
        self.cities: tuple[str, ...] = tuple(sorted(self._by_city))

    def search(self, query: str, filters: Filters = NO_FILTERS) -> list[Agency]:
        """Entries that match the query and the filters, best first; an empty query lists all in order."""
        return [self.agencies[n] for n in self.search_numbers(query, filters)]

    def search_numbers(self, query: str, filters: Filters = NO_FILTERS) -> list[int]:
        allowed = self._allowed(filters)
        if not isinstance(query, str):
            query = ""
        folded = fold(query[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS].strip()
        terms = [w for w in folded.split() if w not in STOPWORDS][:MAX_QUERY_WORDS]
        if not terms:
            return [n for n in range(len(self.agencies)) if allowed is None or n in allowed]
        totals: dict[int, float] | None = None
        for term in terms:
            scores = self._term_scores(term)
            if totals is None:
                totals = {n: s for n, s in scores.items() if allowed is None or n in allowed}
            else:
                totals = {n: s + scores[n] for n, s in totals.items() if n in scores}
            if not totals:
                return []
        assert totals is not None
        tiers = dict.fromkeys(totals, FUZZY)
        for number, head in self._prefix_entries(folded):
            if number in tiers:
                tiers[number] = max(tiers[number], PREFIX if head else WORD_PREFIX)
        for number in self._exact.get(folded, ()):
            if number in tiers:
                tiers[number] = EXACT
        return sorted(totals, key=lambda n: (-tiers[n], -totals[n], n))

    def _allowed(self, filters: Filters) -> set[int] | None:
        sets: list[set[int]] = []
        if filters.kind:
            sets.append(self._by_kind.get(filters.kind, set()))
        if filters.city:
            sets.append(self._by_city.get(filters.city, set()) | self._countywide)
        if filters.language:
            sets.append(self._by_language.get(filters.language, set()))
        if filters.open_24_hours:
            sets.append(self._always_open)
        if not sets:
            return None
        return set.intersection(*sets)

    def _term_scores(self, term: str) -> dict[int, float]:
        """entry number -> how well its best word matches `term` (or a synonym), times the field weight."""
        values: dict[float, set[int]] = {}
        # The word itself and its first translation count fully; later synonyms a little less each.
        for rank, candidate in enumerate((term, *SYNONYMS.get(term, ()))):
            factor = 1.0 - SYNONYM_STEP * max(0, rank - 1)
            for word, quality in self._matching_words(candidate):
                for weight, entries in self._postings[word]:
                    values.setdefault(quality * weight * factor, set()).update(entries)
        scores: dict[int, float] = {}
        for value in sorted(values):  # ascending, so each entry keeps its best value
            scores.update(dict.fromkeys(values[value], value))
        return scores

    def _matching_words(self, term: str) -> Iterable[tuple[str, float]]:
        """Vocabulary words equal to `term` (100), starting with it (90), or spelled close to it (<= 90)."""
        found: dict[str, float] = {}
        if term in self._postings:
            found[term] = 100.0
        if len(term) >= MIN_PREFIX:
            start = bisect.bisect_left(self._vocabulary, term)
            for word in self._vocabulary[start : start + MAX_PREFIX_WORDS]:
                if not word.startswith(term):
                    break
                found.setdefault(word, 90.0)
        if len(term) >= MIN_FUZZY and not term.isdigit():
            # fuzz.ratio >= 80 needs the lengths within 2/3 and 3/2 of each other
            for length in range((2 * len(term) + 2) // 3, (3 * len(term)) // 2 + 1):
                for word, score, _ in process.extract(
                    term, self._by_length.get(length, ()), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
                ):
                    found.setdefault(word, 0.9 * score)
        return found.items()

    def _prefix_entries(self, folded: str) -> list[tuple[int, bool]]:
        """(entry, whether the name itself starts with it) for names and acronyms in which a word starts with the query."""
        if len(folded) < MIN_PREFIX:
            return []
        start = bisect.bisect_left(self._starts, folded)
        end = bisect.bisect_left(self._starts, folded + "\U0010ffff", lo=start)
        return self._start_entries[start:end]


def build_index(agencies: Sequence[Agency], lang: str = "en") -> SearchIndex:
    """The search index over these entries in `lang`."""
    return SearchIndex(agencies, lang)


@dataclass(frozen=True)
class Directory:
    """The loaded directory with its search index, built once per language."""

    file: AgencyFile
    index: SearchIndex

    @property
    def agencies(self) -> tuple[Agency, ...]:
        return self.file.agencies

    @property
    def cities(self) -> tuple[str, ...]:
        """Every city named by an entry, sorted."""
        return tuple(sorted({city for agency in self.agencies for city in agency.cities}))


def load_directory(root: Path = ROOT, lang: str = "en") -> Directory:
    """The agencies, with their words in `lang` where translated, and a search index over them in `lang`."""
    agencies = load_agencies(root, lang)
    return Directory(agencies, build_index(agencies.agencies, lang))


def parse_filters(
    index: SearchIndex, kind: object = None, city: object = None, language: object = None, open_24_hours: object = False
) -> Filters:
    """Filters from URL or widget values; a value the directory does not have is ignored rather than matching nothing."""
    return Filters(
        kind=kind if kind in KINDS else None,
        city=city if city in index.cities else None,
        language=language if language in LANGUAGE_NAMES else None,
        open_24_hours=open_24_hours in (True, "true", "True", "1", "yes"),
    )


def _group(agencies: Sequence[Agency], keys) -> dict[str, set[int]]:
    groups: dict[str, set[int]] = {}
    for number, agency in enumerate(agencies):
        for key in keys(agency):
            groups.setdefault(key, set()).add(number)
    return groups


def _languages(agency: Agency) -> set[str]:
    """Languages it serves in: its own list, and any language named by one of its lines."""
    found = set(agency.languages)
    for phone in agency.phones:
        for text in phone.languages:
            found.update(name for name in LANGUAGE_NAMES if name.lower() in text.en.lower())
    return found


def _facet_texts(agency: Agency) -> list[str]:
    return [fold(t) for t in (agency.kind, *agency.cities, *_languages(agency))]


def _body_texts(agency: Agency, lang: str) -> list[str]:
    """What an entry says, in the visitor's language and, in a translation, in English too (so that
    the English words people know, and the synonyms that lead to them, still find it)."""
    langs = dict.fromkeys((lang, "en"))
    texts = [*agency.services]
    texts += [text.get(code) for text in (agency.role, agency.notes, agency.ages) for code in langs]
    for phone in agency.phones:
        texts += [phone.label.get(code) for code in langs]
        texts += [language.get(code) for language in phone.languages for code in langs]
        for number in (phone.number, phone.text_to):
            if number:
                raw = digits(number)
                texts.append(f"{number} {raw} {raw[-7:]}")
    return [fold(t) for t in texts if t]
