"""The shipped words and the docs stay in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

from shipped import break_a_hotline_number, without_place

from core.commands.fieldguide import BEGIN, END, field_guide
from core.content.navigation import HOME, ROUTES
from core.content.schema import DEFAULT_LANGUAGE, LANGUAGES
from core.content.text import load_strings, site_languages
from core.domain.site import page_ids
from core.views.site import load_site

ROOT = Path(__file__).resolve().parent.parent
KEY_USE = re.compile(r"""(?:\bt|\bT|strings\(\))\(\s*f?(?:"([a-z_]+\.[^"\n]*)"|'([a-z_]+\.[^'\n]*)')""")
"""A strings key looked up in code: t("frame.see_also"), data.t(...), strings()(...), f"stats.topic.{topic}"."""


def code_files() -> list[Path]:
    """Every file that looks words up: the frame, the pages and the domain layer (which is given `t`)."""
    return [
        ROOT / "dashboard.py",
        *sorted((ROOT / "ui").rglob("*.py")),
        *sorted((ROOT / "pages").glob("*.py")),
        *sorted((ROOT / "core").rglob("*.py")),
    ]


def keys_used(text: str) -> list[str]:
    return [double or single for double, single in KEY_USE.findall(text)]


def test_the_key_finder_sees_every_way_code_looks_words_up() -> None:
    code = """t("a.b") data.t('c.d', x=1) strings()("e.f") T(f"g.{h}") t(f"i.j_{k.replace('-', '_')}")"""
    assert keys_used(code) == ["a.b", "c.d", "e.f", "g.{h}", "i.j_{k.replace('-', '_')}"]


def test_every_string_key_used_in_code_exists_in_english() -> None:
    texts = load_strings(ROOT, "en").texts
    missing = []
    for path in code_files():
        for key in keys_used(path.read_text(encoding="utf-8")):
            if "{" in key:
                prefix = key.split("{")[0]
                if not any(k.startswith(prefix) for k in texts):
                    missing.append(f"{path.name}: {key}")
            elif key not in texts:
                missing.append(f"{path.name}: {key}")
    assert missing == []


def test_every_route_has_its_script_and_every_article_page_its_markdown() -> None:
    for route in ROUTES:
        assert (ROOT / route.script).exists(), route.script
        if route.from_article:
            assert route.path in page_ids(ROOT), route.path
        else:
            texts = load_strings(ROOT, "en").texts
            assert f"nav.{route.name}" in texts, route.name
            assert route == HOME or f"summary.{route.name}" in texts, route.name


def test_every_markdown_page_has_a_route() -> None:
    assert set(page_ids(ROOT)) <= {route.path for route in ROUTES if route.from_article}


def test_the_fields_page_carries_the_current_field_guide() -> None:
    text = (ROOT / "docs" / "FIELDS.md").read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    assert text[start:end] == field_guide(), "run `python -m core.commands.fieldguide` and paste its output into docs/FIELDS.md"


def test_contributing_links_to_the_fields_page() -> None:
    assert "](docs/FIELDS.md)" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_contributing_example_message_is_what_the_check_prints(tmp_path: Path) -> None:
    """The example in the field guide is real: break the CPS number as it says, and get that message."""
    import shutil

    for folder in ("content", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    example = next(
        line.strip() for line in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").splitlines() if "831-755-466" in line
    )
    break_a_hotline_number(tmp_path, example, "831-755-466")
    problems = [str(p) for p in load_site(tmp_path).problems]
    # The line number, and which entry the example broke, move as editors work; the rest is the example's.
    assert [without_place(p) for p in problems] == [without_place(example)]


TASK_FORCE_PAGE = ROOT / "tests" / "fixtures" / "task-force" / "csec-page.txt"
"""The task force's own CSEC page, whose description the warning signs follow (their footer on a slide says so)."""


def _plain(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').lower().split())


def test_every_warning_sign_restates_words_of_the_task_force_page() -> None:
    """Each sign names the words of the task force's page it restates, and they are on that page: a sign the
    page does not give (nails, a second phone, new accounts) has no place under "follow the task force's page"."""
    page = _plain(TASK_FORCE_PAGE.read_text(encoding="utf-8"))
    signs = load_site(ROOT)["warning_signs"].value.signs
    unsourced = [s.indicator for s in signs if not s.from_page or _plain(s.from_page) not in page]
    assert unsourced == []


def test_the_site_s_languages_are_english_and_each_with_a_content_folder(tmp_path: Path) -> None:
    (tmp_path / "content" / "en").mkdir(parents=True)
    assert site_languages(tmp_path) == (DEFAULT_LANGUAGE,)
    for lang in LANGUAGES:
        (tmp_path / "content" / lang).mkdir(parents=True, exist_ok=True)
    assert site_languages(tmp_path) == LANGUAGES
    assert site_languages(ROOT) == tuple(lang for lang in LANGUAGES if (ROOT / "content" / lang).is_dir())
