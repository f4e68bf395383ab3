"""Security headers, the Content-Security-Policy, the quick-exit markup, and how the app is served."""

from __future__ import annotations

import asyncio
import html
import re
import shlex
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import streamlit
from conftest import SERVE_SCRIPT
from streamlit.web.server.app_discovery import discover_asgi_app

from core.views.shell import (
    CHROME_LABELS,
    QUICK_EXIT_LABELS,
    chrome_html,
    chrome_script,
    one_history_entry_script,
    page_language_html,
    page_language_script,
    quick_exit_html,
    quick_exit_script,
    quick_exit_style,
)
from core.web.security import (
    CSP_DIRECTIVES,
    DEFAULT_FRAME_ANCESTORS,
    FRAME_ANCESTORS_VARIABLE,
    SecurityHeaders,
    SecurityPolicy,
    inline_scripts,
    load_policy,
    parse_frame_ancestors,
    script_hash,
    session_cookie,
)

ROOT = Path(__file__).resolve().parent.parent
STREAMLIT_INDEX = Path(streamlit.__file__).parent / "static" / "index.html"
LABELS = {key: f"label {key}" for key in QUICK_EXIT_LABELS}


def directives(csp: str) -> dict[str, list[str]]:
    parsed = {}
    for part in csp.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} written twice"
        parsed[name] = sources
    return parsed


# --- the policy -------------------------------------------------------------------------------


def test_the_csp_denies_by_default_and_allows_only_this_origin() -> None:
    csp = directives(load_policy({}).csp())
    assert csp["default-src"] == ["'none'"]
    for name in ("object-src", "base-uri", "form-action", "frame-src", "worker-src"):
        assert csp[name] == ["'none'"], name
    assert csp["connect-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'self'"]
    every_source = [source for sources in csp.values() for source in sources]
    assert not [s for s in every_source if s.startswith(("http:", "https:", "ws:", "wss:")) or "*" in s]
    assert "'unsafe-eval'" not in every_source
    assert "'strict-dynamic'" not in every_source


def test_scripts_run_only_from_this_origin_or_by_the_hash_of_a_known_inline_script() -> None:
    streamlit_shell = inline_scripts(STREAMLIT_INDEX.read_text(encoding="utf-8"))
    csp = directives(load_policy({}, trusted_scripts=streamlit_shell).csp())
    assert "'unsafe-inline'" not in csp["script-src"]
    hashes = [s for s in csp["script-src"] if s.startswith("'sha256-")]
    static = [
        script_hash(script()) for script in (quick_exit_script, chrome_script, page_language_script, one_history_entry_script)
    ]
    assert hashes == [*static, *(script_hash(s) for s in streamlit_shell)]
    assert csp["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"]


def test_script_hash_matches_what_chromium_computes() -> None:
    # Chromium named this hash when it blocked Streamlit's inline `window.prerenderReady = false`.
    assert inline_scripts(STREAMLIT_INDEX.read_text(encoding="utf-8")) == ["\n      window.prerenderReady = false\n    "]
    assert script_hash("\n      window.prerenderReady = false\n    ") == "'sha256-THxz9J9+wf7rhwR2YkXJoSZ13UCmYyC+3lNDv2+8ugA='"
    assert script_hash("a\r\nb") == script_hash("a\nb")  # the HTML parser turns CR LF into LF


def test_inline_scripts_skips_scripts_loaded_from_a_file() -> None:
    page = '<script src="x.js"></script><SCRIPT type="module">one()</SCRIPT><script>\ntwo()\n</script >'
    assert inline_scripts(page) == ["one()", "\ntwo()\n"]


def test_the_fixed_headers() -> None:
    headers = dict(SecurityPolicy().headers())
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    features = dict(item.split("=") for item in headers["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation"):
        assert features[feature] == "()"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, DEFAULT_FRAME_ANCESTORS),
        ("", DEFAULT_FRAME_ANCESTORS),
        ("  ", DEFAULT_FRAME_ANCESTORS),
        ("'none'", ("'none'",)),
        ("https://www.example.org", ("https://www.example.org",)),
        ("'self' https://mchumantraffickingtaskforce.org", ("'self'", "https://mchumantraffickingtaskforce.org")),
        (
            "'self',https://a.example.org, https://*.example.net:8443",
            ("'self'", "https://a.example.org", "https://*.example.net:8443"),
        ),
        ("https://A.Example.org https://a.example.org", ("https://a.example.org",)),
        ("https://localhost:8443", ("https://localhost:8443",)),
    ],
)
def test_frame_ancestors_from_configuration(value: str | None, expected: tuple[str, ...]) -> None:
    assert parse_frame_ancestors(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("*", "\"*\" is not allowed (expected 'self', 'none' or an https:// origin such as https://www.example.org)"),
        ("http://example.org", '"http://example.org" is not allowed'),
        ("https://example.org/page", '"https://example.org/page" is not allowed'),
        ("self", '"self" is not allowed'),
        ("https://example.org;script-src", '"https://example.org;script-src" is not allowed'),
        ("'none' https://example.org", "'none' cannot be combined with other sources"),
        ("data:", '"data:" is not allowed'),
    ],
)
def test_frame_ancestors_refuse_what_would_weaken_the_policy(value: str, message: str) -> None:
    with pytest.raises(ValueError, match="DASHBOARD_FRAME_ANCESTORS") as error:
        parse_frame_ancestors(value)
    assert message in str(error.value)


def test_configured_frame_ancestors_reach_the_header() -> None:
    policy = load_policy({FRAME_ANCESTORS_VARIABLE: "'self' https://www.example.org"})
    headers = dict(policy.headers())
    assert directives(headers["Content-Security-Policy"])["frame-ancestors"] == ["'self'", "https://www.example.org"]
    assert "X-Frame-Options" not in headers  # it cannot name another site; frame-ancestors decides
    assert dict(load_policy({FRAME_ANCESTORS_VARIABLE: "'none'"}).headers())["X-Frame-Options"] == "DENY"


def test_every_directive_is_written_once() -> None:
    names = [name for name, _ in CSP_DIRECTIVES]
    assert len(names) == len(set(names))
    assert "frame-ancestors" not in names  # it comes from configuration


# --- the middleware ---------------------------------------------------------------------------


def run_middleware(scope_type: str, headers: list[tuple[bytes, bytes]]) -> list[dict]:
    sent: list[dict] = []

    async def app(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"ok"})

    async def send(message) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {}

    call = SecurityHeaders(app, SecurityPolicy())({"type": scope_type}, receive, send)
    # In a thread of its own: the browser tests keep an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, call).result()
    return sent


def test_the_middleware_sets_every_header_and_replaces_any_of_the_same_name() -> None:
    sent = run_middleware("http", [(b"content-type", b"text/html"), (b"Content-Security-Policy", b"default-src *")])
    headers = sent[0]["headers"]
    names = [name for name, _ in headers]
    assert names.count(b"content-security-policy") == 1
    assert (b"content-type", b"text/html") in headers
    expected = {(name.lower().encode(), value.encode()) for name, value in SecurityPolicy().headers()}
    assert expected <= set(headers)
    assert sent[1] == {"type": "http.response.body", "body": b"ok"}


def test_the_middleware_leaves_websockets_alone() -> None:
    sent = run_middleware("websocket", [(b"x-test", b"1")])
    assert sent[0]["headers"] == [(b"x-test", b"1")]


def test_cookies_last_only_for_the_browser_session() -> None:
    sent = run_middleware(
        "http",
        [(b"set-cookie", b"_streamlit_xsrf=abc; Path=/; Max-Age=2592000; Expires=Wed, 01 Jan 2031 00:00:00 GMT; SameSite=Lax")],
    )
    assert (b"set-cookie", b"_streamlit_xsrf=abc; Path=/; SameSite=Lax") in sent[0]["headers"]


@pytest.mark.parametrize(
    ("cookie", "expected"),
    [
        (b"a=1; Max-Age=60; Path=/", b"a=1; Path=/"),
        (b"a=1; expires=Wed, 01 Jan 2031 00:00:00 GMT; HttpOnly", b"a=1; HttpOnly"),
        (b"a=1", b"a=1"),
        (b"a=; Max-Age=0; Path=/", b"a=; Max-Age=0; Path=/"),  # a deletion stays a deletion
        (b"a=; Max-Age=-1", b"a=; Max-Age=-1"),
    ],
)
def test_session_cookie(cookie: bytes, expected: bytes) -> None:
    assert session_cookie(cookie) == expected


# --- the quick exit -----------------------------------------------------------------------------


def test_the_quick_exit_script_is_static_and_survives_streamlit() -> None:
    script = quick_exit_script()
    # Streamlit 1.67 silently drops an inline script with "<" before a digit; we allow none at all.
    assert "<" not in script
    assert "<" not in quick_exit_style()
    for filled_in in ("${", "{{", "{%"):
        assert filled_in not in script  # nothing is filled into it
    assert not re.search(r"https?://\w", script), "the address comes from the page, not the script"
    for unsafe in ("location.href", "location.assign", "innerHTML", "eval(", "Function(", "document.write"):
        assert unsafe not in script
    # What it does is tested in Chromium (tests/test_quick_exit_browser.py): the exit replaces the page in the
    # history, and moving between pages adds no second listener.


def test_quick_exit_html_escapes_every_value() -> None:
    payload = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    body = quick_exit_html("https://www.weather.gov/?a=1&b=2", dict.fromkeys(QUICK_EXIT_LABELS, payload))
    markup = body.split("<style>")[0]
    assert "<script" not in markup
    assert "<img" not in markup
    assert html.escape(payload) in markup
    assert 'href="https://www.weather.gov/?a=1&amp;b=2"' in markup
    assert body.count("<script>") == 1
    assert body.endswith(f"<script>{quick_exit_script()}</script>")  # exactly the text the policy hashes


def test_quick_exit_html_carries_the_words_the_script_reads() -> None:
    body = quick_exit_html("https://www.weather.gov", LABELS)
    for key in QUICK_EXIT_LABELS:
        attribute = f"data-{key.replace('_', '-')}"
        assert f'{attribute}="label {key}"' in body
    for read_by_script in (
        '"data-url"',
        '"data-skip"',
        '"press-two"',
        '"press-one"',
        '"expired"',
        '"leaving"',
        '"data-region"',
        '"data-main"',
    ):
        assert read_by_script in quick_exit_script()
    assert 'role="status"' in body
    assert 'rel="noopener noreferrer"' in body


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://www.weather.gov",
        "//www.weather.gov",
        "tel:911",
        'https://www.weather.gov" onclick="alert(1)',
        "https://",
    ],
)
def test_quick_exit_html_refuses_an_address_that_is_not_https(url: str) -> None:
    with pytest.raises(ValueError, match="quick exit address"):
        quick_exit_html(url, LABELS)


def test_quick_exit_html_needs_every_label() -> None:
    with pytest.raises(ValueError, match="quick exit labels missing: expired"):
        quick_exit_html("https://www.weather.gov", {**LABELS, "expired": ""})


def test_chrome_html_escapes_its_words_and_carries_exactly_the_hashed_script() -> None:
    payload = '"><script>alert(1)</script>'
    body = chrome_html(dict.fromkeys(CHROME_LABELS, payload))
    markup = body.split("<script>")[0]
    assert "<script" not in markup
    assert html.escape(payload) in markup
    assert body.endswith(f"<script>{chrome_script()}</script>")
    for key in CHROME_LABELS:
        assert f'"data-{key.replace("_", "-")}"' in chrome_script()
    assert "<" not in chrome_script(), "Streamlit 1.67 drops an inline script with a less-than sign"
    with pytest.raises(ValueError, match="labels missing: menu"):
        chrome_html({**dict.fromkeys(CHROME_LABELS, "x"), "menu": ""})


def test_the_strings_file_has_every_quick_exit_label() -> None:
    from core.content.text import load_strings

    strings = load_strings(ROOT, "en")
    for key in QUICK_EXIT_LABELS:
        assert strings.texts.get(f"safety.exit_{key}"), key
    for key in CHROME_LABELS:
        assert strings.texts.get(f"frame.{key}"), key


# --- how the app is served ----------------------------------------------------------------------


def test_streamlit_run_serves_server_py_as_an_asgi_app() -> None:
    # The same discovery `streamlit run` performs (streamlit/web/cli.py, _main_run).
    found = discover_asgi_app(ROOT / "server.py")
    assert found.is_asgi_app
    assert found.import_string == "server:app"
    # That the security headers are the outermost middleware is seen on the responses the served app gives
    # (tests/test_serving.py: robots.txt and compressed files carry them, from a server started like this one).


def test_make_run_and_the_tests_serve_the_same_entry() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nrun:", 1)[1].split("\n")[1].strip()
    assert shlex.split(recipe)[:4] == ["$(PY)", "-m", "streamlit", "run"]
    assert shlex.split(recipe)[4] == SERVE_SCRIPT == "server.py"


def test_no_page_renders_html_from_data_unescaped() -> None:
    sources = {
        p: p.read_text(encoding="utf-8")
        for p in [ROOT / "dashboard.py", *sorted((ROOT / "ui").rglob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]
    }
    for path, text in sources.items():
        assert "unsafe_allow_html" not in text, f"{path.name} renders raw HTML"
        assert "components." not in text, f"{path.name} embeds a component"
    javascript = [
        path.relative_to(ROOT).as_posix() for path, text in sources.items() for _ in re.finditer("unsafe_allow_javascript", text)
    ]
    assert javascript == ["ui/frame.py", "ui/language.py"]
    assert "st.html(quick_exit_html(url, labels) + chrome, unsafe_allow_javascript=True)" in sources[ROOT / "ui" / "frame.py"]
    assert "st.html(page_language_html(lang()), unsafe_allow_javascript=True)" in sources[ROOT / "ui" / "language.py"]


def test_the_page_language_script_is_static_and_takes_only_a_language_code() -> None:
    assert page_language_html("es") == f'<div data-page-lang="es" hidden></div><script>{page_language_script()}</script>'
    assert "<" not in page_language_script()  # Streamlit 1.67 drops an inline script with a less-than sign
    for bad in ("", "es-MX", 'es" onload="x', "ESP"):
        with pytest.raises(ValueError):
            page_language_html(bad)


# --- the safety and privacy page ------------------------------------------------------------------


def test_the_safety_page_says_what_safety_md_asks() -> None:
    from core.views.site import load_site

    page = load_site(ROOT).article("safety")
    assert page.ok, page.problems
    text = " ".join(page.value.body.split())
    for statement in (
        "Every page has an **Exit this page** button at the top",
        "it does not erase your browsing history",  # what the exit does not do
        "A private window does not save the pages you visit",  # private browsing
        "delete only the pages of this site. Deleting all of your history at once can itself draw",
        "monitoring software on them. Such software can record what you do",  # monitored devices
        "a safer device may be better",
        "not a government entity, law enforcement or an immigration authority",
        "## What this site stores about you Nothing.",
    ):
        assert statement in text, statement


def test_the_safety_page_describes_the_shortcut_the_script_implements() -> None:
    from core.views.site import load_site

    # What the page promises; tests/test_quick_exit_browser.py does each in Chromium: three Shifts leave
    # and a press-two window ends at the number of seconds this sentence gives (on Playwright's clock),
    # Back after the exit goes to the page before the site, and the exit empties the site's storage.
    text = " ".join(load_site(ROOT).article("safety").value.body.split())
    assert re.search(r"press the \*\*Shift\*\* key three times, each press within \d+ seconds of the last", text)
    assert "so the Back button does not bring this site back" in text
    assert "your visit takes only one step of the Back button" in text
    assert "The exit also clears the few display settings this site keeps in your browser" in text
