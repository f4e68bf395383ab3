"""Another county's site on this engine: the fixture under tests/fixtures/another-county/ (an invented "Example County",
numbers in the fictional 555-01xx range) passes the content check, and every page, presenter view, deck PDF, handout
and offline page rendered from it names that county and never this project's own county, its towns or its task force."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from core.commands.check import check
from core.content.navigation import ROUTES
from core.content.problems import SITE_ROOT_VARIABLE
from core.views.site import load_site

PROJECT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "another-county"
OWN_COUNTY = re.compile(r"monterey|salinas|mchumantraffickingtaskforce", re.IGNORECASE)
"""This project's county, its main town and its task force's web address (the task force's name holds the county's)."""
FIXTURE_COUNTY = load_site(FIXTURE)["site"].value.name.get("en").removesuffix(" Human Trafficking Task Force")


def test_the_fixture_names_a_county_of_its_own() -> None:
    assert FIXTURE_COUNTY == "Example County"
    assert not OWN_COUNTY.search(FIXTURE_COUNTY)


def test_the_fixture_passes_the_content_check() -> None:
    assert [str(p) for p in check(FIXTURE)] == []


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    """Everything a visitor or a presenter can get from the fixture, rendered in a process started on its root."""
    env = {**os.environ, SITE_ROOT_VARIABLE: str(FIXTURE), "PYTHONPATH": str(PROJECT)}
    script = Path(__file__).resolve().parent / "another_county_render.py"
    done = subprocess.run([sys.executable, str(script)], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_the_app_takes_its_content_from_the_named_root(rendered: dict[str, str]) -> None:
    assert Path(rendered["root"]) == FIXTURE.resolve()
    pages = [key for key in rendered if " page " in key and "offline" not in key]
    assert len(pages) == 2 * len(ROUTES)


def test_nothing_rendered_names_this_project_s_county(rendered: dict[str, str]) -> None:
    found = {key: OWN_COUNTY.findall(text) for key, text in rendered.items() if OWN_COUNTY.search(text)}
    assert found == {}


def test_every_page_and_document_names_the_fixture_county(rendered: dict[str, str]) -> None:
    for key, text in rendered.items():
        if key == "root" or " present " in key:
            continue  # a presenter view shows one slide: the deck's PDF carries the rest
        assert FIXTURE_COUNTY in text, key
