"""What the server sends besides the app: compression, robots.txt, the page shell's title, description and
<noscript> crisis lines, each with the security headers; the same lines for a browser without JavaScript."""

from __future__ import annotations

import gzip
import html
import re
import urllib.request
from pathlib import Path

import brotli
import pytest
from conftest import CHROMIUM, page_url

from core.content.models import HotlineFile
from core.content.navigation import ROUTES
from core.content.phones import tel_href
from core.views.offline import page_description, page_title, robots_txt
from core.views.site import load_site
from core.web.security import load_policy
from core.web.serving import chosen_coding

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT)
T = SITE["strings"].value
HOTLINES: HotlineFile = SITE["hotlines"].value


def fetch(url: str, gzip_ok: bool = True, accept: str = "gzip") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()


def plain(headers: dict[str, str], body: bytes) -> bytes:
    coding = headers.get("content-encoding")
    return gzip.decompress(body) if coding == "gzip" else brotli.decompress(body) if coding == "br" else body


def assert_security_headers(headers: dict[str, str]) -> None:
    for name, value in load_policy().headers():
        if name != "Content-Security-Policy":
            assert headers.get(name.lower()) == value, name
    assert headers["content-security-policy"].startswith("default-src 'none'")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip", "gzip"),
        ("gzip, deflate, br", "br"),
        ("gzip, deflate, br, zstd", "br"),
        ("br;q=1.0, gzip;q=0.8", "br"),
        ("br;q=0, gzip", "gzip"),
        ("*", "gzip"),
        ("gzip;q=0", None),
        ("br", "br"),
        ("deflate", None),
        ("", None),
    ],
)
def test_the_browser_s_accept_encoding_decides(header: str, expected: str | None) -> None:
    scope = {"headers": [(b"accept-encoding", header.encode())] if header else []}
    assert chosen_coding(scope) == expected


def test_a_browser_that_accepts_brotli_gets_brotli_the_same_bytes_and_the_headers(app_server) -> None:
    status, headers, body = fetch(app_server.url + "/statistics", accept="gzip, deflate, br, zstd")
    assert status == 200
    assert headers["content-encoding"] == "br"
    shell = brotli.decompress(body).decode()
    assets = re.findall(r'(?:src|href)="\./(static/[^"]+\.js)"', shell)
    assert assets
    assert_security_headers(headers)
    for path in assets[:3]:
        _, _, uncompressed = fetch(f"{app_server.url}/{path}", gzip_ok=False)
        _, headers, body = fetch(f"{app_server.url}/{path}", accept="gzip, deflate, br")
        if len(uncompressed) >= 500:
            assert headers["content-encoding"] == "br", path
            assert brotli.decompress(body) == uncompressed, path
            _, gzip_headers, gzipped = fetch(f"{app_server.url}/{path}")
            assert gzip_headers["content-encoding"] == "gzip"  # a browser that asks for gzip alone still gets gzip
            assert len(body) < len(gzipped), path
        assert_security_headers(headers)


def test_every_text_response_of_the_shell_is_compressed_when_asked(app_server) -> None:
    status, headers, body = fetch(app_server.url + "/statistics")
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    shell = gzip.decompress(body).decode()
    assets = re.findall(r'(?:src|href)="\./(static/[^"]+\.(?:js|css))"', shell)
    assert len(assets) > 10
    for path in [*assets, "_stcore/host-config"]:
        status, headers, body = fetch(f"{app_server.url}/{path}")
        _, plain_headers, uncompressed = fetch(f"{app_server.url}/{path}", gzip_ok=False)
        assert "content-encoding" not in plain_headers, path
        if len(uncompressed) >= 500:
            assert headers.get("content-encoding") == "gzip", path
            assert gzip.decompress(body) == uncompressed, path
            assert int(headers["content-length"]) == len(body), path
        assert_security_headers(headers)


def test_a_second_visitor_gets_the_same_compressed_script_from_memory(app_server) -> None:
    shell = plain(*fetch(app_server.url + "/")[1:]).decode()
    script = re.search(r'src="\./(static/js/index[^"]+\.js)"', shell)[1]
    first, second = fetch(f"{app_server.url}/{script}"), fetch(f"{app_server.url}/{script}")
    assert first[2] == second[2]
    assert first[1]["content-encoding"] == second[1]["content-encoding"] == "gzip"
    assert "immutable" in second[1]["cache-control"]


def test_robots_txt_is_a_real_robots_file_with_the_headers(app_server) -> None:
    status, headers, body = fetch(app_server.url + "/robots.txt")
    assert status == 200
    assert headers["content-type"].startswith("text/plain")
    assert plain(headers, body) == robots_txt(ROOT)
    assert b"<html" not in body
    assert re.search(rb"^User-agent: \*$", body, re.MULTILINE)
    assert_security_headers(headers)


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.path)
def test_each_page_s_shell_has_its_title_the_description_and_the_crisis_lines(app_server, route) -> None:
    _, headers, body = fetch(page_url(app_server.url, route.path))
    shell = plain(headers, body).decode()
    title, description = page_title(SITE, route.path), page_description(SITE, route.path)
    name = (
        T("nav.home")
        if route.path == ""
        else (SITE.article(route.path).value.meta.nav_title if route.from_article else T(f"nav.{route.name}"))
    )
    assert name in title or route.path == ""
    assert re.search(r"<title>(.*?)</title>", shell)[1] == html.escape(title)
    assert f'<meta name="description" content="{html.escape(description)}"' in shell
    assert description.startswith(T("shell.description"))
    noscript = re.search(r"<noscript>(.*?)</noscript>", shell, re.DOTALL)[1]
    assert "You need to enable JavaScript" not in noscript
    for hotline in HOTLINES.emergency_lines:
        for line in hotline.phones:
            if line.number:
                assert f'href="{tel_href(line.number)}"' in noscript
    assert SITE["site"].value.contact.number in noscript
    assert html.escape(T("frame.footer_not_crisis")) in noscript
    assert_security_headers(headers)


def test_the_shell_s_inline_script_is_still_the_one_the_policy_allows(app_server) -> None:
    _, headers, body = fetch(app_server.url + "/")
    shell = plain(headers, body).decode()
    from core.web.security import inline_scripts, script_hash

    for script in inline_scripts(shell):
        assert script_hash(script) in headers["content-security-policy"]


@pytest.mark.browser
def test_a_browser_without_javascript_gets_the_crisis_lines(app_server, browser) -> None:
    assert Path(CHROMIUM).exists()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(app_server.url + "/statistics")
        from playwright.sync_api import expect

        for hotline in HOTLINES.emergency_lines:
            for line in hotline.phones:
                if line.number:
                    expect(page.locator(f'a[href="{tel_href(line.number)}"]').first).to_be_visible()
        expect(page.get_by_role("link", name=T("safety.exit_button"))).to_have_attribute(
            "href", SITE["site"].value.quick_exit_url
        )
        assert page.title() == T("shell.title", page=T("nav.statistics"), site=T("site.title"))
        expect(page.locator(".offline-contact")).to_contain_text(T("frame.footer_not_crisis"))
    finally:
        context.close()
