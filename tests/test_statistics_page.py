"""The statistics page through AppTest: every card and chart of each topic, the URL's topic, the spotlight, the myth check."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from conftest import ENTRY, page_script
from streamlit.testing.v1 import AppTest

from core.content.text import load_strings
from core.domain.statistics import TOPICS, load_statistics
from core.views.figures import show_value

ROOT = Path(__file__).resolve().parent.parent
T = load_strings(ROOT, "en")
STATS = load_statistics(ROOT)
DATA = STATS.data


def open_statistics(**query: str) -> AppTest:
    """The statistics page as a visitor reaches it, with `query` in its address."""
    app = AppTest.from_file(ENTRY, default_timeout=60)
    app.run()
    app.switch_page(page_script("pages/statistics.py"))
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    return app


def text_of(elements) -> list[str]:
    return [html.unescape(e.value) for e in elements]


def charts(app: AppTest) -> list:
    return list(app.get("vega_lite_chart"))


def card_values(app: AppTest) -> list[str]:
    """The value on each figure card, in order: a card is one Markdown text that starts with its period (small), then its value in bold."""
    values = []
    for element in app.markdown:
        lines = element.value.split("\n\n")[0].split("  \n")
        if len(lines) == 2 and lines[0].startswith(":small[") and lines[1].startswith("**"):
            values.append(html.unescape(lines[1].strip("*")))
    return values


def topic_label(topic: str) -> str:
    return T("stats.topic_all") if topic == "all" else T(f"stats.topic.{topic}")


def expected_headers(topic: str) -> list[str]:
    shown = DATA.topics() if topic == "all" else (topic,)
    return [T(f"stats.topic.{t}") for t in shown] + [T("stats.myths_heading")]


def expected_charts(topic: str) -> list:
    """The series a topic's page draws, in order."""
    shown = DATA.topics() if topic == "all" else (topic,)
    return [s for t in shown for s in DATA.charts(t)]


def assert_alt_names(alt: str, series) -> None:
    """A chart's alt text (its wording is tested in test_charts) names its series and every figure it draws."""
    assert series.title.en in alt, alt
    for point in DATA.points(series.id):
        assert show_value(point, T) in alt, (series.id, point.id)
    assert DATA.points(series.id)[0].population.en in alt


def expected_cards(topic: str) -> list[str]:
    shown = DATA.topics() if topic == "all" else (topic,)
    return [show_value(f, T) for t in shown for f in DATA.cards(t)]


def topic_control(app: AppTest):
    return next(b for b in app.get("button_group") if b.key == "topic")


def tables_of(app: AppTest) -> list[str]:
    """Each chart's data table: one Markdown table under the chart."""
    return [e.value for e in app.markdown if e.value.startswith("| ")]


def assert_shows_topic(app: AppTest, topic: str) -> None:
    assert topic_control(app).value == topic
    assert text_of(app.header) == expected_headers(topic)
    drawn, expected = charts(app), expected_charts(topic)
    assert len(drawn) == len(expected)
    for chart, series in zip(drawn, expected, strict=True):
        assert_alt_names(chart.proto.alt, series)
    assert card_values(app) == expected_cards(topic)
    assert len(tables_of(app)) == len(charts(app))
    assert len(app.get("download_button")) == len(charts(app)) + 1


@pytest.mark.parametrize("topic", TOPICS)
def test_the_address_selects_a_topic_and_the_page_shows_its_every_card_and_chart(topic: str) -> None:
    app = open_statistics(topic=topic)
    assert_shows_topic(app, topic)
    assert len(charts(app)) + len(card_values(app)) == len(DATA.in_topic(topic)) - sum(
        len(DATA.points(s.id)) - 1 for s in DATA.charts(topic)
    )


def test_without_a_topic_the_page_shows_every_topic() -> None:
    app = open_statistics()
    assert_shows_topic(app, "all")
    assert len(charts(app)) == len(DATA.series)
    assert len(card_values(app)) == len([f for f in DATA.figures if f.series is None])


@pytest.mark.parametrize("junk", ["weather", "", "ONLINE", "<script>", "Online recruitment'"])
def test_an_unknown_topic_falls_back_to_all_topics_without_error(junk: str) -> None:
    assert_shows_topic(open_statistics(topic=junk), "all")


def test_the_label_a_shared_link_carries_also_selects_the_topic() -> None:
    assert_shows_topic(open_statistics(topic=T("stats.topic.hotline")), "hotline")


def test_choosing_a_topic_shows_only_that_topic() -> None:
    app = open_statistics()
    topic_control(app).set_value("federal").run()
    assert not app.exception
    assert_shows_topic(app, "federal")


def test_the_task_force_sentence_stands_beside_the_source_and_the_note_on_why_they_differ() -> None:
    spotlight = DATA.spotlight
    if spotlight is None:
        pytest.skip("the shipped statistics have no spotlight")
    points = DATA.points(spotlight.series)
    app = open_statistics(topic=points[0].topic)
    markdown = "\n".join(text_of(app.markdown))
    assert f"> {spotlight.task_force_wording}" in markdown
    for point in points:
        assert point.quote in markdown
    assert STATS.prose["facebook"] in markdown
    assert text_of(app.subheader) == [T("stats.facebook_heading")]
    assert_alt_names(charts(app)[0].proto.alt, DATA.series_by_id(spotlight.series))


def test_every_card_shows_its_sentence_source_and_how_it_was_checked() -> None:
    app = open_statistics()
    markdown = "\n".join(text_of(app.markdown))
    tables = "\n".join(tables_of(app))
    for figure in DATA.figures:
        if figure.series is None:
            assert figure.label.en in markdown, figure.id
        assert f"]({figure.url})" in (tables if figure.series else markdown), figure.id
    card_texts = [html.unescape(e.value) for e in app.markdown if e.value.startswith(":small[")]
    verified = sum(T("stats.verified") in text for text in card_texts)
    secondary_words = T("stats.secondary", outlet="\0").split("\0")[-1]  # the words after the outlet's name
    secondary = sum(secondary_words in text for text in card_texts)
    cards = [f for f in DATA.figures if f.series is None]
    assert verified == sum(f.verification == "verified" for f in cards)
    assert secondary == sum(f.verification == "secondary" for f in cards)
    spotlight = DATA.points(DATA.spotlight.series)[0]
    checked = T("stats.verified") if spotlight.verification == "verified" else T("stats.secondary", outlet=spotlight.read_in.en)
    assert checked in markdown


def test_each_chart_has_a_caption_with_source_year_population_and_caveat() -> None:
    by_topic: dict[str, list] = {}
    for series in DATA.series:
        by_topic.setdefault(DATA.points(series.id)[0].topic, []).append(series)
    for topic, shown in by_topic.items():  # every chart, on the page of its topic
        captions = "\n".join(text_of(open_statistics(topic=topic).caption))
        for series in shown:
            points = DATA.points(series.id)
            for point in points:  # the caption's wording is tested in test_charts
                assert f"{point.publisher}, " in captions
                assert str(point.published_year) in captions
            assert series.caveat.en in captions
            assert points[0].population.en in captions


def test_the_myth_check_lists_every_claim_with_what_to_say_instead() -> None:
    app = open_statistics(topic="global")
    labels = [html.unescape(e.proto.label) for e in app.expander]
    assert [m.claim.en for m in DATA.myths] == labels[-len(DATA.myths) :]
    markdown = "\n".join(text_of(app.markdown))
    for myth in DATA.myths:
        assert myth.what_is_wrong.en in markdown
        assert myth.say_instead.en in markdown
        for link in myth.links:
            assert f"]({link.url})" in markdown
