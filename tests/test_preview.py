"""The editor's preview through AppTest: the box with the content check's result is there with CSEC_PREVIEW=1
(what `make preview` sets), and never on the site a visitor gets."""

from __future__ import annotations

import re

import pytest
from conftest import ENTRY, ROOT
from streamlit.testing.v1 import AppTest

from core.content.text import load_strings
from ui.preview import PREVIEW_VARIABLE

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
T = load_strings(lang="en")


def home(monkeypatch: pytest.MonkeyPatch, preview: bool) -> AppTest:
    if preview:
        monkeypatch.setenv(PREVIEW_VARIABLE, "1")
    else:
        monkeypatch.delenv(PREVIEW_VARIABLE, raising=False)
    app = AppTest.from_file(ENTRY, default_timeout=60)
    app.run()
    assert not app.exception
    return app


def texts(app: AppTest) -> list[str]:
    return [element.value for element in [*app.success, *app.warning]]


def test_the_preview_says_what_the_check_finds_on_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    app = home(monkeypatch, preview=True)
    assert T("frame.preview_clean") in texts(app)  # the shipped content passes the check


def test_the_public_site_has_no_preview_box(monkeypatch: pytest.MonkeyPatch) -> None:
    app = home(monkeypatch, preview=False)
    assert T("frame.preview_clean") not in texts(app)
    assert not any(text.startswith(T("frame.preview_problems", count=0).split("0")[0]) for text in texts(app))


def test_only_make_preview_turns_the_preview_on() -> None:
    recipes = dict(re.findall(r"^([a-z-]+):[^\n]*\n((?:\t[^\n]*\n)+)", MAKEFILE, re.M))
    assert f"{PREVIEW_VARIABLE}=1" in recipes["preview"]
    assert [name for name, recipe in recipes.items() if PREVIEW_VARIABLE in recipe] == ["preview"]
