"""Benchmark the directory search over 10,000 synthetic entries: `python -m bench.bench_search`.

Prints the median time per query of the indexed search, and of a simple baseline measured in the
same run (a case-folded substring scan over every entry's text), so the figure can be compared
across machines. The target is a median under 20 ms; this script reports, it does not assert.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable

from core.content.models import PhoneLine
from core.content.schema import Text
from core.domain.directory import KINDS, Agency, load_agencies
from core.domain.search import Filters, build_index, fold

QUERIES = (
    "sherif",
    "sheriff",
    "rape crisis",
    "CASA",
    "CPS",
    "español",
    "spanish",
    "victim services",
    "northtown youth shelter",
    "traffiking",
    "child abuse hotline",
    "northtown",
    "counseling for children",
    "fbi tips",
    "niños",
    "x" * 10_000,
    "🙂🙂🙂",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "zzqv",
)
CITIES = (
    "Northtown",
    "Southvale",
    "Eastport",
    "Westbrook",
    "Lakeview",
    "Hillcrest",
    "Brookfield",
    "Fairview",
    "Oakdale",
    "Pine Ridge",
    "Bayside",
    "Millbrook",
)
SYLLABLES = ("ka", "lo", "mi", "ra", "ven", "tor", "sa", "li", "na", "de", "ro", "qui", "zan", "mel", "or", "via")


def pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def synthetic_agencies(count: int = 10_000, seed: int = 4) -> list[Agency]:
    """`count` entries shaped like the shipped ones: real vocabulary, plus a made-up proper noun each."""
    rng = random.Random(seed)
    real = load_agencies().agencies
    vocabulary = sorted({w for a in real for w in fold(a.role.en + " " + " ".join(a.services)).split()})
    checked = dt.date(2026, 1, 1)
    entries = []
    for number in range(count):
        model = rng.choice(real)
        noun = pseudo_word(rng)
        city = rng.choice(CITIES)
        role = " ".join(rng.choices(vocabulary, k=40)) + f" {noun}."
        phones = tuple(
            PhoneLine(
                label=Text(en=rng.choice(("24-hour helpline", "Office", "Tip line", "Crisis line"))),
                number=f"707-555-01{rng.randint(0, 99):02d}",
                purpose=rng.choice(("crisis", "report", "support", "office")),
                hours=Text(en=rng.choice(("24/7", "Business hours", ""))),
                source="https://example.org/source",
                compared=checked,
                confidence=rng.choice(("official", "secondary")),
            )
            for _ in range(rng.randint(0, 3))
        )
        entries.append(
            Agency(
                id=f"entry-{number}",
                name=Text(en=f"{noun} {model.name.en.split(' (')[0]} of {city}"),
                short_names=(noun[:3].upper() + str(number % 97), *model.short_names[:1]),
                kind=rng.choice(KINDS),
                role=Text(en=role),
                services=model.services,
                phones=phones,
                cities=(city,),
                area=rng.choice(("city", "county", "region", "national")),
                languages=tuple(rng.sample(("English", "Spanish", "Tagalog"), rng.randint(0, 2))),
                sources=("https://example.org/source",),
                confidence="official",
                compared=checked,
            )
        )
    return entries


def timings_ms(run: Callable[[str], object], queries: tuple[str, ...], repeats: int) -> dict[str, list[float]]:
    """Wall time of each query, in milliseconds, `repeats` times each."""
    times: dict[str, list[float]] = {query: [] for query in queries}
    for _ in range(repeats):
        for query in queries:
            start = time.perf_counter()
            run(query)
            times[query].append((time.perf_counter() - start) * 1000)
    return times


def summary(times: dict[str, list[float]]) -> tuple[float, float, str, float]:
    """Median and 90th percentile over every run, and the slowest query with its median."""
    every = sorted(t for runs in times.values() for t in runs)
    slowest = max(times, key=lambda q: statistics.median(times[q]))
    return statistics.median(every), every[int(0.9 * (len(every) - 1))], slowest, statistics.median(times[slowest])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    agencies = synthetic_agencies(args.entries)
    start = time.perf_counter()
    index = build_index(agencies)
    build_ms = (time.perf_counter() - start) * 1000

    haystacks = [fold(" ".join((a.name.en, *a.short_names, a.role.en, *a.services, *a.cities, *a.languages))) for a in agencies]

    def baseline(query: str) -> list[int]:
        needle = fold(query)
        return [n for n, text in enumerate(haystacks) if needle in text]

    searched, p90, slowest, slowest_ms = summary(timings_ms(index.search, QUERIES, args.repeats))
    filters = Filters(city="Northtown", language="Spanish")
    filtered = summary(timings_ms(lambda q: index.search(q, filters), QUERIES, args.repeats))[0]
    scanned = summary(timings_ms(baseline, QUERIES, args.repeats))[0]
    print(f"entries: {len(agencies)}; queries: {len(QUERIES)} x {args.repeats}")
    print(f"index build: {build_ms:.0f} ms (once per process and language)")
    print(f"search median: {searched:.2f} ms (target: under 20 ms); 90th percentile: {p90:.2f} ms")
    print(f"slowest query: {slowest[:30]!r}, median {slowest_ms:.2f} ms")
    print(f"search with city and language filters, median: {filtered:.2f} ms")
    print(f"baseline (substring scan, no typos, no ranking) median: {scanned:.2f} ms")
    print(f"ratio search / baseline: {searched / scanned:.2f}")


if __name__ == "__main__":
    main()
