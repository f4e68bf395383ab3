"""Two app processes behind nginx (deploy/serve.py, what `make serve` runs): sessions through nginx, one
process killed under a visitor who reconnects to the other and sees the same page and state, downloads
that reach the process that made them, and the static crisis page with the headers when both are down.

Marked `nginx`: skipped where nginx is not installed (.ci/run installs Debian's package)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import csv
import io
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Recorder, new_page, open_app, poll_until, wait_until_idle
from playwright.sync_api import expect

from bench.load import Visitor
from core.content.phones import tel_href
from core.views.site import load_site
from deploy.serve import NGINX, ROUTE_COOKIE, Deployment, free_port, policy

ROOT = Path(__file__).resolve().parent.parent
WAIT = 30_000
"""How long a browser assertion waits (ms): three processes and a browser share the machine's cores."""
SITE = load_site(ROOT)
T = SITE["strings"].value

pytestmark = [
    pytest.mark.nginx,
    pytest.mark.browser,
    pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (apt-get install nginx)"),
]


@pytest.fixture
def deployment() -> Iterator[Deployment]:
    build = Path(tempfile.mkdtemp(prefix="csec-deploy-"))
    running = Deployment(listen=f"127.0.0.1:{free_port()}", build_dir=build, replicas=2)
    try:
        running.start()
        yield running
    finally:
        running.stop()
        shutil.rmtree(build, ignore_errors=True)


def base(deployment: Deployment) -> str:
    return f"http://{deployment.listen}"


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def assert_headers(headers: dict[str, str]) -> None:
    for name, value in policy().headers():
        assert headers.get(name.lower()) == value, name


def established(port: int) -> int:
    """Open TCP connections to a loopback port (nginx keeps one per websocket it carries there)."""
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        if int(local.split(":")[1], 16) == port and state == "01":
            count += 1
    return count


async def sessions(url: str, page: str, count: int) -> list[float]:
    async def one() -> float:
        visitor = Visitor(url, page)
        await visitor.open()
        try:
            return await visitor.run()
        finally:
            await visitor.close()

    return await asyncio.gather(*(one() for _ in range(count)))


def test_sessions_survive_a_dead_process_and_the_crisis_lines_survive_both(deployment, browser) -> None:
    url = base(deployment)
    # Sessions through nginx, as a crowd's browsers open them: every one finishes its run.
    # (In a thread of its own: Playwright's event loop runs in this one.)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert len(pool.submit(asyncio.run, sessions(url, "statistics", 6)).result(timeout=120)) == 6
    status, headers, body = get(url + "/robots.txt")
    assert status == 200
    assert body.startswith(b"#")
    assert_headers(headers)
    assert get(url + "/healthz")[2] == b"ok"

    recorder = Recorder()
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 900})
    try:
        open_app(page, f"{url}/statistics?topic=online")
        heading = page.locator("h2").first
        expect(heading).to_have_text(T("stats.topic.online"), timeout=WAIT)
        route = [c for c in page.context.cookies() if c["name"] == ROUTE_COOKIE]
        assert len(route) == 1
        assert route[0]["expires"] == -1  # gone when the browser closes
        assert route[0]["httpOnly"]
        assert route[0]["sameSite"] == "Strict"
        assert f"`{ROUTE_COOKIE}`" in SITE.article("safety").value.body  # named and explained to visitors

        # A download reaches the process that made it (the route cookie keeps the browser on one process).
        with page.expect_download() as download:
            page.get_by_role("button", name=T("stats.download_figures")).click()
        rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_bytes().decode("utf-8-sig"))))
        assert {row["topic"] for row in rows} == {"online"}

        # The visitor picks a topic; the address carries it.
        page.get_by_role("radio", name=T("stats.topic.federal")).click()
        expect(heading).to_have_text(T("stats.topic.federal"), timeout=WAIT)
        wait_until_idle(page)
        address = page.url
        assert "topic=" in address

        # Kill the process that holds this visitor's session: the page reconnects to the other one and shows
        # the same page, the same topic and the same address, with nothing for the visitor to see or do.
        holder = next(port for port in deployment.ports if established(port))
        survivor = next(port for port in deployment.ports if port != holder)
        with page.expect_websocket(timeout=WAIT):  # the page's new connection, once it sees the old one close
            deployment.stop_replica(holder)
        poll_until(lambda: established(survivor) >= 1, "the page's websocket runs on the surviving process")
        wait_until_idle(page)
        expect(heading).to_have_text(T("stats.topic.federal"), timeout=WAIT)
        expect(page.get_by_role("radio", name=T("stats.topic.federal"))).to_be_checked(timeout=WAIT)
        assert page.url == address
        expect(page.locator('[data-testid="stException"], [role="dialog"]')).to_have_count(0)
        # The reconnected session works: another topic, a download from the surviving process, and a reload
        # (a new session that knows only the address) shows the topic the address names.
        page.get_by_role("radio", name=T("stats.topic.runaways")).click()
        expect(heading).to_have_text(T("stats.topic.runaways"), timeout=WAIT)
        wait_until_idle(page)
        with page.expect_download() as download:
            page.get_by_role("button", name=T("stats.download_figures")).click()
        rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_bytes().decode("utf-8-sig"))))
        assert {row["topic"] for row in rows} == {"runaways"}
        address = page.url
        open_app(page, address)
        expect(heading).to_have_text(T("stats.topic.runaways"), timeout=WAIT)
        assert recorder.page_errors == []

        # Both down: nginx answers every address with the static crisis page and the headers.
        deployment.stop_replica(survivor)
        status, headers, body = get(url + "/statistics")
        assert status == 503
        assert_headers(headers)
        text = body.decode()
        for hotline in SITE["hotlines"].value.emergency_lines:
            for line in hotline.phones:
                if line.number:
                    assert f'href="{tel_href(line.number)}"' in text
        page.goto(url + "/directory")
        expect(page.get_by_role("heading", level=1)).to_have_text(T("offline.title"))
        expect(page.locator(".offline-contact")).to_contain_text(T("frame.footer_not_crisis"))
        exit_button = page.locator("[data-quick-exit-link]").first
        expect(exit_button).to_have_attribute("href", SITE["site"].value.quick_exit_url)
        # The quick exit's script runs here too (allowed by its hash): it adds the skip link first in the page.
        expect(page.locator("#quick-exit-skip")).to_have_count(1)
        assert recorder.page_errors == []
    finally:
        page.context.close()
