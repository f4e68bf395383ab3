"""Visitor safety as data: the security headers, the Content-Security-Policy, and the quick-exit markup.

Streamlit-free. server.py wraps the app in `SecurityHeaders`; ui.py renders `quick_exit_html()`.
The policy is as strict as Streamlit 1.67 allows (tests/test_privacy_browser.py proves no page
logs a violation): scripts only from this origin or with the hash of a known inline script,
no eval, nothing from another site, and frames only where the configuration allows.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import os
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from core.content.problems import CODE_ROOT
from core.content.schema import https_problem

ASSETS = CODE_ROOT / "assets"
QUICK_EXIT_SCRIPT = ASSETS / "quick_exit.js"
QUICK_EXIT_STYLE = ASSETS / "quick_exit.css"
CHROME_SCRIPT = ASSETS / "chrome.js"
HELP_NOW_ID = "help-now"
"""The id of the crisis strip, where the header's "Help now" link leads."""
PAGE_LANGUAGE_SCRIPT = ASSETS / "page_lang.js"
ONE_HISTORY_ENTRY_SCRIPT = ASSETS / "one_history_entry.js"
"""Keeps the whole visit to one entry of the tab's history, so Back after the quick exit shows no page of the site."""

FRAME_ANCESTORS_VARIABLE = "DASHBOARD_FRAME_ANCESTORS"
"""Environment variable: the sites allowed to show the dashboard in a frame, separated by spaces."""
DEFAULT_FRAME_ANCESTORS = ("'self'",)

# What Streamlit 1.67 needs, and nothing more (default-src 'none' blocks whatever is not listed):
# - script-src: its bundle from this origin; 'wasm-unsafe-eval' for the WebAssembly its table
#   and chart code compiles (not JavaScript eval); inline scripts only by hash (see script_hashes).
# - style-src 'unsafe-inline': its styling library writes <style> elements at run time.
# - img-src/font-src data: and blob:: icons and fonts embedded in its bundle, chart PNG export.
# - connect-src 'self': its WebSocket and HTTP calls; no other host.
CSP_DIRECTIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'none'",)),
    ("script-src", ("'self'", "'wasm-unsafe-eval'")),
    ("style-src", ("'self'", "'unsafe-inline'")),
    ("img-src", ("'self'", "data:", "blob:")),
    ("font-src", ("'self'", "data:")),
    ("connect-src", ("'self'",)),
    ("media-src", ("'self'",)),
    ("manifest-src", ("'self'",)),
    ("worker-src", ("'none'",)),
    ("frame-src", ("'none'",)),
    ("object-src", ("'none'",)),
    ("base-uri", ("'none'",)),
    ("form-action", ("'none'",)),
)
"""The Content-Security-Policy, directive by directive; frame-ancestors and script hashes are added."""

FIXED_HEADERS: tuple[tuple[str, str], ...] = (
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)
"""Headers that do not depend on configuration."""

FALLBACK_EXIT_URL = "https://www.weather.gov"
"""Where the quick exit goes when data/site.yaml cannot be read: the shipped quick_exit_url (a weather page)."""

QUICK_EXIT_LABELS = ("button", "skip", "press_two", "press_one", "expired", "leaving", "region", "main", "help")
"""The words the quick exit needs, by key under `safety.exit_` in strings.yaml."""

_ORIGIN = re.compile(r"https://((\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+|localhost)(:\d{1,5})?")
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.DOTALL | re.IGNORECASE)


def frame_ancestor_problem(source: str) -> str | None:
    """Why `source` may not be used in frame-ancestors, or None."""
    if source in ("'self'", "'none'") or _ORIGIN.fullmatch(source):
        return None
    return f"\"{source}\" is not allowed (expected 'self', 'none' or an https:// origin such as https://www.example.org)"


def parse_frame_ancestors(value: str | None) -> tuple[str, ...]:
    """The frame-ancestors sources written in `value` (spaces or commas between them); raise ValueError if any is wrong."""
    if value is None or not value.strip():
        return DEFAULT_FRAME_ANCESTORS
    sources = tuple(dict.fromkeys(part.lower() for part in re.split(r"[\s,]+", value.strip()) if part))
    problems = [problem for source in sources if (problem := frame_ancestor_problem(source))]
    if "'none'" in sources and len(sources) > 1:
        problems.append("'none' cannot be combined with other sources")
    if problems:
        raise ValueError(f"{FRAME_ANCESTORS_VARIABLE}: " + "; ".join(problems))
    return sources


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script, as the browser parses it."""
    text = script.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(page: str) -> list[str]:
    """The text of every inline <script> in an HTML page (those without src=)."""
    return [m["body"] for m in _INLINE_SCRIPT.finditer(page) if "src=" not in m["attrs"].lower()]


@dataclass(frozen=True)
class SecurityPolicy:
    """The headers every response carries."""

    frame_ancestors: tuple[str, ...] = DEFAULT_FRAME_ANCESTORS
    script_hashes: tuple[str, ...] = ()

    def csp(self) -> str:
        directives = []
        for name, sources in CSP_DIRECTIVES:
            if name == "script-src":
                sources = (*sources, *self.script_hashes)
            directives.append(f"{name} {' '.join(sources)}")
        directives.append(f"frame-ancestors {' '.join(self.frame_ancestors)}")
        return "; ".join(directives)

    def headers(self) -> tuple[tuple[str, str], ...]:
        result = [("Content-Security-Policy", self.csp()), *FIXED_HEADERS]
        # For browsers that predate frame-ancestors; it has no form for a list of other sites.
        legacy = {("'none'",): "DENY", ("'self'",): "SAMEORIGIN"}.get(self.frame_ancestors)
        if legacy:
            result.append(("X-Frame-Options", legacy))
        return tuple(result)


def load_policy(environ: Mapping[str, str] = os.environ, trusted_scripts: Iterable[str] = ()) -> SecurityPolicy:
    """The policy from configuration: frame-ancestors from the environment, hashes of the quick exit and `trusted_scripts`."""
    hashes = tuple(
        dict.fromkeys(
            script_hash(s)
            for s in (quick_exit_script(), chrome_script(), page_language_script(), one_history_entry_script(), *trusted_scripts)
        )
    )
    return SecurityPolicy(parse_frame_ancestors(environ.get(FRAME_ANCESTORS_VARIABLE)), hashes)


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware: sets the policy's headers on every HTTP response, replacing any of the same name.

    Cookies lose Max-Age and Expires, so that none outlives the browser session on a shared device.
    """

    def __init__(self, app: ASGIApp, policy: SecurityPolicy) -> None:
        self.app = app
        self.headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in policy.headers()]
        self.names = {name for name, _ in self.headers}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [
                    (name, session_cookie(value) if name.lower() == b"set-cookie" else value)
                    for name, value in message.get("headers", [])
                    if name.lower() not in self.names
                ]
                message = {**message, "headers": kept + self.headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def session_cookie(set_cookie: bytes) -> bytes:
    """A Set-Cookie value without Max-Age or Expires: the browser forgets it when the session ends.

    A cookie that is being deleted (Max-Age=0 or less) keeps its attributes.
    """
    parts = [part.strip() for part in set_cookie.decode("latin-1").split(";")]
    attributes = {part.split("=", 1)[0].strip().lower(): part for part in parts[1:]}
    max_age = attributes.get("max-age", "").partition("=")[2].strip()
    if max_age.lstrip("-").isdigit() and int(max_age) <= 0:
        return set_cookie
    kept = [parts[0], *(part for part in parts[1:] if part.split("=", 1)[0].strip().lower() not in ("max-age", "expires"))]
    return "; ".join(kept).encode("latin-1")


@functools.cache
def quick_exit_script() -> str:
    """The quick-exit script, exactly as it is sent (its hash is in the policy)."""
    return QUICK_EXIT_SCRIPT.read_text(encoding="utf-8")


@functools.cache
def chrome_script() -> str:
    """The script that fixes Streamlit's own controls for keyboard and screen-reader users (its hash is in the policy)."""
    return CHROME_SCRIPT.read_text(encoding="utf-8")


@functools.cache
def page_language_script() -> str:
    """The script that sets <html lang>, exactly as it is sent (its hash is in the policy)."""
    return PAGE_LANGUAGE_SCRIPT.read_text(encoding="utf-8")


def page_language_html(lang: str) -> str:
    """An invisible element naming the page's language, and the static script that puts it on <html lang>."""
    if not re.fullmatch(r"[a-z]{2}", lang):
        raise ValueError(f"page language: {lang!r} is not a two-letter language code")
    return f'<div data-page-lang="{lang}" hidden></div><script>{page_language_script()}</script>'


@functools.cache
def one_history_entry_script() -> str:
    """The script the page shell runs before Streamlit's own, exactly as it is sent (its hash is in the policy)."""
    return ONE_HISTORY_ENTRY_SCRIPT.read_text(encoding="utf-8")


@functools.cache
def quick_exit_style() -> str:
    return QUICK_EXIT_STYLE.read_text(encoding="utf-8")


CHROME_LABELS = ("menu", "close_menu")
"""The words chrome.js gives Streamlit's own controls, by key under `frame.` in strings.yaml."""


def chrome_html(labels: Mapping[str, str]) -> str:
    """The words for Streamlit's own controls, escaped into attributes, and the static script that applies them."""
    missing = [key for key in CHROME_LABELS if not labels.get(key)]
    if missing:
        raise ValueError(f"labels missing: {', '.join(missing)}")
    data = " ".join(f'data-{key.replace("_", "-")}="{html.escape(labels[key])}"' for key in CHROME_LABELS)
    return f"<div hidden data-chrome {data}></div><script>{chrome_script()}</script>"


def quick_exit_html(url: str, labels: Mapping[str, str]) -> str:
    """The quick exit: a button to `url`, beside it a "Help now" link to the crisis strip, a status
    region, the styles and the static script (which also adds the skip links first in the page).

    Every value is escaped into an attribute or text; the script reads them from there and
    interpolates nothing. `url` must be a complete https:// address.
    """
    problem = https_problem(url)
    if problem:
        raise ValueError(f"quick exit address: {problem}")
    missing = [key for key in QUICK_EXIT_LABELS if not labels.get(key)]
    if missing:
        raise ValueError(f"quick exit labels missing: {', '.join(missing)}")
    data = " ".join(f'data-{key.replace("_", "-")}="{html.escape(labels[key])}"' for key in QUICK_EXIT_LABELS)
    href = html.escape(url)
    return (
        f'<div class="quick-exit" data-quick-exit data-url="{href}" {data}>'
        f'<a class="quick-exit-button" href="{href}" rel="noopener noreferrer" data-quick-exit-link>'
        f"{html.escape(labels['button'])}</a>"
        f'<a class="help-now-link" href="#{HELP_NOW_ID}" data-help-now>{html.escape(labels["help"])}</a>'
        '<div class="quick-exit-status" role="status" aria-live="polite" data-quick-exit-status></div>'
        "</div>"
        f"<style>{quick_exit_style()}</style>"
        f"<script>{quick_exit_script()}</script>"
    )
