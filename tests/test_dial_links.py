"""Every tel: and sms: link the site renders is one a phone can dial, in every place it renders them."""

from __future__ import annotations

import pytest
from dial_forms import badly_formed, expected_call, expected_text, hrefs_in
from shipped import EVERY_PHONE_LINE as LINES
from shipped import FACTS, HOTLINES, SITE, T

from core.content.phones import sms_href, tel_href
from core.views.render import article_markdown, call_link, crisis_strip_html, text_link


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("911", "tel:911"),
        ("988", "tel:988"),
        ("211", "tel:211"),
        ("711", "tel:711"),
        ("1-800-606-6618", "tel:+18006066618"),
        ("831-755-4661", "tel:+18317554661"),
    ],
)
def test_call_links_take_the_form_phones_dial(number: str, href: str) -> None:
    assert tel_href(number) == href


@pytest.mark.parametrize(
    ("code", "body", "href"),
    [
        ("911", "", "sms:911"),
        ("988", "", "sms:988"),
        ("988", "AYUDA", "sms:988?body=AYUDA"),
        ("233733", "HELP", "sms:233733?body=HELP"),
        ("66008", "", "sms:66008"),
        ("741741", "HOME", "sms:741741?body=HOME"),
        ("1-800-422-4453", "", "sms:+18004224453"),
        ("831-755-4661", "", "sms:+18317554661"),
        ("233733", "HELP ME & now?", "sms:233733?body=HELP%20ME%20%26%20now%3F"),
    ],
)
def test_text_links_take_the_form_phones_dial(code: str, body: str, href: str) -> None:
    assert sms_href(code, body) == href


@pytest.mark.parametrize("bad", ["123", "12", "1234567", "233733"])
def test_a_number_no_phone_can_call_gets_no_call_link(bad: str) -> None:
    with pytest.raises(ValueError):
        tel_href(bad)


def test_every_number_in_the_data_becomes_the_link_phones_dial() -> None:
    for line in LINES:
        if line.number:
            assert f"]({expected_call(line.number)})" in call_link(line, T), line.number
        if line.text_to:
            assert f"]({expected_text(line.text_to, line.text_word)})" in text_link(line, T), line.text_to


def test_the_crisis_strip_links_dial_its_lines() -> None:
    html = crisis_strip_html(HOTLINES.crisis_strip, T, "en")
    hrefs = hrefs_in(html)
    assert list(badly_formed(hrefs)) == []
    for hotline in HOTLINES.crisis_strip:
        for line in hotline.phones:
            if line.number:
                assert expected_call(line.number) in hrefs
            if line.text_to and line.text_to != line.number:
                assert expected_text(line.text_to, line.text_word) in hrefs


@pytest.mark.parametrize("page_id", sorted(SITE.articles))
def test_article_placeholders_become_links_phones_dial(page_id: str) -> None:
    article = SITE.article(page_id).value
    body = article_markdown(article.body, HOTLINES, FACTS, "en")
    assert list(badly_formed(hrefs_in(body))) == []
