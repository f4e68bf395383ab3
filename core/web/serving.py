"""ASGI middleware for the served app: /robots.txt, the page shell, and compression. Streamlit-free.

- /robots.txt answers with content/robots.txt (Streamlit would answer with its HTML page).
- The page shell (Streamlit's index.html, sent for every page address) gets the page's title, the
  site's description and the crisis lines in <noscript> (core/views/offline.py), per page and language.
- Every compressible response (HTML, JavaScript, CSS, JSON, SVG, text) of 500 bytes or more is sent
  compressed when the browser asks for it: brotli when it accepts `br` (every current browser does, over
  https and on localhost; about 10 to 20 % smaller than gzip on Streamlit's JavaScript), else gzip. Streamlit 1.67 leaves its JavaScript and the shell
  uncompressed (to spare the CPU of compressing them on every request); here Streamlit's hashed,
  immutable files under /static/ are compressed once per process and kept in memory, so a room of
  visitors costs one compression, not one each. Other responses are compressed as they are sent.
  This middleware is the one place that compresses: it hides Accept-Encoding from the app inside.

The websocket passes through untouched.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable
from urllib.parse import parse_qs

import brotli

from core.web.security import ASGIApp, Message, Receive, Scope, Send

MINIMUM_SIZE = 500
"""Smaller responses are sent as they are: compressing them saves too little."""

CACHE_LIMIT = 64 * 1024 * 1024
"""At most this many compressed bytes of /static/ files are kept per process (Streamlit's are about 3 MB)."""

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml", "application/wasm")

Shell = Callable[[str, str, str], str]
"""(Streamlit's shell HTML, the request path, the language asked for in ?lang=) -> the shell to send."""


def _accepted(scope: Scope) -> set[str]:
    """The content codings the request accepts (a coding with q=0 is refused; `*` stands for any)."""
    accepted = set()
    for name, value in scope.get("headers", ()):
        if name == b"accept-encoding":
            for part in value.decode("latin-1").split(","):
                coding, _, params = part.strip().partition(";")
                if params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
                    accepted.add(coding.strip().lower())
    return accepted


def chosen_coding(scope: Scope) -> str | None:
    """How to compress the response to this request: "br", "gzip", or None (send it as it is)."""
    accepted = _accepted(scope)
    if "br" in accepted:
        return "br"
    if accepted & {"gzip", "*"}:
        return "gzip"
    return None


def compress(body: bytes, coding: str, once: bool) -> bytes:
    """`body` in `coding`; `once` (a file compressed once per process) affords a slower, smaller setting.
    Brotli's highest quality takes seconds on Streamlit's largest files, so 9 (a tenth of a second)."""
    if coding == "br":
        return brotli.compress(body, quality=9 if once else 5)
    return gzip.compress(body, compresslevel=9 if once else 6, mtime=0)


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    return next((value for key, value in headers if key.lower() == name), None)


def _replace_headers(headers: list[tuple[bytes, bytes]], changes: dict[bytes, bytes | None]) -> list[tuple[bytes, bytes]]:
    kept = [(key, value) for key, value in headers if key.lower() not in changes]
    return kept + [(key, value) for key, value in changes.items() if value is not None]


def compressible(headers: list[tuple[bytes, bytes]]) -> bool:
    kind = (_header(headers, b"content-type") or b"").decode("latin-1").lower()
    return kind.startswith(COMPRESSIBLE) and not kind.startswith("text/event-stream")


class SiteServing:
    """ASGI middleware: robots.txt, the rewritten page shell, brotli or gzip for every compressible response."""

    def __init__(self, app: ASGIApp, shell: Shell, robots: bytes, cache_limit: int = CACHE_LIMIT) -> None:
        self.app = app
        self.shell = shell
        self.robots = robots
        self.cache_limit = cache_limit
        self.cache: dict[str, tuple[int, list[tuple[bytes, bytes]], bytes]] = {}
        self.cached_bytes = 0
        self.lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, method = scope.get("path", ""), scope.get("method", "GET")
        if path == "/robots.txt" and method in ("GET", "HEAD"):
            await self._send(send, 200, [(b"content-type", b"text/plain; charset=utf-8")], self.robots, method == "HEAD")
            return
        coding = chosen_coding(scope)
        inner = {**scope, "headers": [(k, v) for k, v in scope.get("headers", ()) if k != b"accept-encoding"]}
        headers = dict(scope.get("headers", ()))
        static = (
            path.startswith("/static/")
            and method == "GET"
            and coding is not None
            and not {b"range", b"if-none-match", b"if-modified-since"} & set(headers)
        )
        key = f"{coding}:{path}"
        if static and key in self.cache:
            status, response_headers, body = self.cache[key]
            await self._send(send, status, response_headers, body)
            return
        await self.app(inner, receive, self._responder(send, scope, coding, key if static else None))

    def _responder(self, send: Send, scope: Scope, coding: str | None, cache_key: str | None) -> Send:
        start: Message | None = None
        chunks: list[bytes] = []
        passing = False

        async def responder(message: Message) -> None:
            nonlocal start, passing
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                is_html = (_header(headers, b"content-type") or b"").startswith(b"text/html")
                handled = (
                    message["status"] == 200
                    and scope.get("method") == "GET"
                    and _header(headers, b"content-encoding") is None
                    and (is_html or (coding is not None and compressible(headers)))
                )
                if not handled:
                    passing = True
                    await send(message)
                    return
                start = message
                return
            if message["type"] != "http.response.body" or passing:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            assert start is not None
            await self._finish(send, scope, start, b"".join(chunks), coding, cache_key)

        return responder

    async def _finish(
        self, send: Send, scope: Scope, start: Message, body: bytes, coding: str | None, cache_key: str | None
    ) -> None:
        headers = list(start.get("headers", ()))
        changes: dict[bytes, bytes | None] = {b"vary": b"Accept-Encoding"}
        if (_header(headers, b"content-type") or b"").startswith(b"text/html"):
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            body = self.shell(body.decode("utf-8"), scope.get("path", "/"), (query.get("lang") or [""])[0]).encode("utf-8")
            # The validators describe Streamlit's file, not this page: without them the browser asks again each time.
            changes |= {b"etag": None, b"last-modified": None}
        if coding and len(body) >= MINIMUM_SIZE:
            body = compress(body, coding, once=cache_key is not None)
            changes[b"content-encoding"] = coding.encode()
        changes[b"content-length"] = str(len(body)).encode()
        headers = _replace_headers(headers, changes)
        if cache_key:
            with self.lock:
                if cache_key not in self.cache and self.cached_bytes + len(body) <= self.cache_limit:
                    self.cache[cache_key] = (start["status"], headers, body)
                    self.cached_bytes += len(body)
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes, head_only: bool = False) -> None:
        headers = _replace_headers(headers, {b"content-length": str(len(body)).encode()})
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if head_only else body})
