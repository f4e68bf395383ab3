"""Visitor safety as data: the security headers, the Content-Security-Policy, frame-ancestors and session cookies.

Streamlit-free. server.py wraps the app in `SecurityHeaders`. The quick exit and the other inline scripts of
the page shell are core.views.shell's; the policy allows exactly those by hash.
The policy is as strict as Streamlit 1.67 allows (tests/test_privacy_browser.py proves no page
logs a violation): scripts only from this origin or with the hash of a known inline script,
no eval, nothing from another site, and frames only where the configuration allows.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from core.views.shell import shell_scripts

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
    """The policy from configuration: frame-ancestors from the environment, hashes of the page shell's scripts
    (core.views.shell) and `trusted_scripts`."""
    hashes = tuple(dict.fromkeys(script_hash(s) for s in (*shell_scripts(), *trusted_scripts)))
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
