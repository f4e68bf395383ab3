"""Shared fixtures: a real server on a free port, and headless Chromium that records what it does."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from google.protobuf.message import DecodeError
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")
SERVE_SCRIPT = "server.py"
"""What `make run` serves (dashboard.py inside the st.App with the security headers); the tests serve exactly the same."""
ENTRY = str(ROOT / "entry" / "streamlit_app.py")
"""The script Streamlit runs for every page (dashboard.main()); AppTest starts from it too."""


def page_script(script: str) -> str:
    """A page script for AppTest.switch_page, which resolves a relative path against the entry's folder."""
    return str(ROOT / script)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running dashboard: its base URL, the folder it serves, and its log."""

    url: str
    root: Path
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def start_server(root: Path, log_dir: Path, environment: dict[str, str] | None = None) -> Server:
    """Start `streamlit run` on a free loopback port in `root` (with `environment` added) and wait until it answers."""
    port = free_port()
    log_path = log_dir / f"server-{port}.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")} | (environment or {})
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        SERVE_SCRIPT,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{log_path.read_text()}")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            if response.read() == b"ok":
                return Server(url, root, process, log_path)
        time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"the server did not start in 60 s:\n{log_path.read_text()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The dashboard with the shipped content, served once for the whole test session."""
    server = start_server(ROOT, tmp_path_factory.mktemp("server"))
    yield server
    stop_server(server)


def copy_project(destination: Path) -> Path:
    """A copy of everything the app needs, for tests that break or change content."""
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "tests", "bench"
    )
    shutil.copytree(ROOT, destination, ignore=ignore)
    return destination


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A temporary copy of the project that a test may edit."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def server_for(tmp_path: Path) -> Iterator[Callable[[Path], Server]]:
    """Start a server on another copy of the project; stopped when the test ends."""
    started: list[Server] = []

    def start(root: Path, environment: dict[str, str] | None = None) -> Server:
        server = start_server(root, tmp_path, environment)
        started.append(server)
        return server

    yield start
    for server in started:
        stop_server(server)


@dataclass
class Recorder:
    """What the browser did: every request URL, console message and page error."""

    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_responses: list[tuple[int, str]] = field(default_factory=list)

    @property
    def console_errors(self) -> list[str]:
        """Console errors, and every failed response except Streamlit's own base-path probes.

        On a page such as /what-to-do, Streamlit's frontend first asks /what-to-do/_stcore/health
        and /what-to-do/_stcore/host-config to find its base path; those 404s are expected, and
        Chromium logs each as "Failed to load resource". Other failures are reported by URL.
        """
        errors = [text for kind, text in self.console if kind == "error" and not text.startswith("Failed to load resource")]
        errors += [f"{status} {url}" for status, url in self.failed_responses if not PROBE.search(url)]
        return errors


EXPECT_TIMEOUT_MS = 15_000
"""How long a browser assertion (Playwright's expect) waits for its condition. Playwright's default, 5 s,
is too short on a loaded 2-core machine: a page can finish its run and then take a few seconds more to run
the scripts of its st.html elements (seen on /directory: the quick exit's skip links came 3 s after idle)."""


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (Debian's chromium package)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def new_page(browser: object, recorder: Recorder, **context_options: object) -> object:
    """A page in a fresh context (no cookies) whose requests and console are recorded."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.on("request", lambda request: recorder.requests.append(request.url))
    page.on("console", lambda message: recorder.console.append((message.type, message.text)))
    page.on("pageerror", lambda error: recorder.page_errors.append(str(error)))
    page.on(
        "response", lambda response: response.status >= 400 and recorder.failed_responses.append((response.status, response.url))
    )
    page.set_default_timeout(20_000)
    watch_script_runs(page)
    return page


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def browser_page(browser: object, recorder: Recorder) -> Iterator[object]:
    """A desktop-sized page; `recorder` holds what it requested and logged."""
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 900})
    yield page
    page.context.close()


@pytest.fixture
def phone_page(browser: object, recorder: Recorder) -> Iterator[object]:
    """A 360 px wide phone-sized page."""
    page = new_page(browser, recorder, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    yield page
    page.context.close()


def page_url(base_url: str, path: str) -> str:
    """The address of a page: its path after the root ("" for the home page)."""
    return f"{base_url}/{path}"


def open_app(page: object, url: str) -> None:
    """Go to a page of the app and wait until Streamlit has drawn it completely."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stMainBlockContainer"]')
    wait_until_idle(page)


def wait_until_idle(page: object) -> None:
    """Wait until every run of the script the page asked for has finished, and the page has drawn all of it.

    Two conditions, because neither is enough alone:
    - the runs, seen on the websocket (ScriptRuns): after a click or a key, Streamlit's frontend shows no
      sign of the rerun it asked for until the server's answer arrives, so the page alone looks idle then;
    - the page: its run state 'notRunning', nothing stale, and no placeholder (stSkeleton). Streamlit loads
      the code of most widgets and of st.html only when a page first needs it and shows a placeholder until
      it arrives: on a loaded machine the directory's search box and the quick exit's script came up to 3 s
      after the run had finished.
    The page sees each message when Playwright does; by the time a run's script_finished arrives, the page
    has had the whole run to take in its new_session and show 'running', so the page check then waits too.
    """
    SCRIPT_RUNS[page].wait_until_settled()
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState === 'notRunning'
             && !document.querySelector('[data-stale="true"]')
             && !document.querySelector('[data-testid="stSkeleton"]')""",
        timeout=30_000,
    )


@dataclass
class ScriptRuns:
    """The runs of the script a page asked for and the server reported, in the order Chromium saw the messages.

    The page asks with a BackMsg rerun_script; the server answers each request it takes with a ForwardMsg
    new_session when a run starts and script_finished when it ends (FINISHED_EARLY_FOR_RERUN when a newer
    request stopped it: another run follows). The page is settled when a run that started after its latest
    request has finished.
    """

    socket: object | None = None
    messages: int = 0
    last_request: int = 0
    last_start: int = 0
    settled: bool = True

    def connected(self, socket: object) -> None:
        """A new connection (a page load or a reconnection): only what is said on it counts from now on."""
        self.socket, self.messages, self.last_request, self.last_start, self.settled = socket, 0, 0, 0, True
        socket.on("framesent", lambda payload: socket is self.socket and self.sent(payload))
        socket.on("framereceived", lambda payload: socket is self.socket and self.received(payload))

    def sent(self, payload: bytes | str) -> None:
        self.messages += 1
        if message_type(BackMsg, payload) == "rerun_script":
            self.last_request, self.settled = self.messages, False

    def received(self, payload: bytes | str) -> None:
        self.messages += 1
        kind = message_type(ForwardMsg, payload)
        if kind == "new_session":
            self.last_start = self.messages
        elif kind == "script_finished" and self.last_start > self.last_request:
            finished = ForwardMsg.FromString(payload).script_finished
            self.settled = self.settled or finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN

    def wait_until_settled(self) -> None:
        """Let Playwright deliver the websocket's messages until the latest requested run has finished."""
        if not self.settled:
            self.socket.wait_for_event("framereceived", predicate=lambda _: self.settled, timeout=30_000)


SCRIPT_RUNS: dict[object, ScriptRuns] = {}
"""The script runs of every page made by new_page."""


def watch_script_runs(page: object) -> None:
    """Follow the script runs of a page on its websocket from now on (call before the page loads the app)."""
    runs = SCRIPT_RUNS[page] = ScriptRuns()
    page.on("websocket", runs.connected)
    page.on("close", lambda _: SCRIPT_RUNS.pop(page, None))


def message_type(kind: type, payload: bytes | str) -> str | None:
    """Which message a websocket frame holds (its `type` field), or None for a frame that is not one."""
    if isinstance(payload, str):
        return None
    try:
        return kind.FromString(payload).WhichOneof("type")
    except DecodeError:
        return None


def poll_until(condition: Callable[[], object], what: str, timeout: float = 30) -> None:
    """Check a condition outside the browser (a process, a socket) every 50 ms until it holds; fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not so after {timeout} s")
        time.sleep(0.05)


def foreign_requests(requests: list[str], base_url: str) -> list[str]:
    """Requests that went anywhere but the app's own origin (data: and blob: stay in the page)."""
    return [url for url in requests if not url.startswith((base_url + "/", "data:", "blob:")) and url != base_url]
