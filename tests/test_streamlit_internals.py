"""Streamlit's internals the site depends on (core/web/streamlit_internals.py) still hold in the installed Streamlit,
and every use of a test id, an `st-key-` class, a Streamlit class or element id in the project is listed there.

Fast and without a browser: the frontend is read from Streamlit's bundle, the shell from its index.html, the routes
are built and asked in process. A failure names the item, the files that use it and what to look at.
"""

from __future__ import annotations

import ast
import asyncio
import dataclasses
import functools
import importlib
import inspect
import re
import threading
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any
from unittest.mock import MagicMock

import pytest
import streamlit
from google.protobuf.descriptor import Descriptor
from starlette.routing import Router, WebSocketRoute
from streamlit import config
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.testing.v1 import AppTest
from streamlit.web.server.starlette.starlette_app import create_streamlit_routes

from core.web.streamlit_internals import CONFIG, FRONTEND, INTERNALS, PYTHON, SERVER, SHELL, TEST_ID, Internal

ROOT = Path(__file__).resolve().parent.parent
STATIC = Path(streamlit.__file__).parent / "static"
SHELL_FILE = STATIC / "index.html"
LIST = "core/web/streamlit_internals.py"

SCANNED = ("assets", "tests", "bench", "deploy", "entry", "pages", "core", "ui", "dashboard.py", "server.py")
"""Where the project's code lives; every file of these kinds in them is read for uses of Streamlit's frontend."""
SUFFIXES = (".py", ".js", ".css", ".html")
NOT_SCANNED = (LIST, "tests/test_streamlit_internals.py")
"""The list itself and this file name every item without using it."""
USES = (
    re.compile(r"""data-testid\\?["']?\s*[~^$*|]?=\s*\\?["']?(st[A-Za-z0-9_-]+)"""),
    re.compile(r"""dataset\.testid\s*={2,3}\s*["'](st[A-Za-z0-9_-]+)"""),
    re.compile(r"""get_by_test_id\(\s*["'](st[A-Za-z0-9_-]+)"""),
    re.compile(r"""(st-key-[A-Za-z0-9_-]*)"""),
    re.compile(r"""(?<![\w$-])([.#]st[A-Z][A-Za-z0-9_-]*)"""),
)
"""A test id in a selector, a test, or a script; a keyed container's class; a Streamlit class (.stHtml) or id (#stMain)."""


def run_in_own_thread(coroutine: Any) -> None:
    """asyncio.run in a thread of its own: a test run earlier in this process (AppTest) may leave an event loop
    running in the main thread, where asyncio.run refuses to start."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(coroutine())
        except BaseException as err:  # handed back to the test below
            failure.append(err)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def explain(item: Internal, problem: str) -> str:
    return (
        f"{item.kind.title} {item.name!r}: {problem}.\n"
        f"  The site relies on: {item.relies_on}.\n"
        f"  Used in: {', '.join(item.used_in)}.\n"
        f"  Checked: {item.kind.checked}.\n"
        f"  On upgrade: {item.kind.on_upgrade}.\n"
        f"  Installed: streamlit {streamlit.__version__} (requirements.txt pins the version the list was checked against)."
    )


def items(*kinds) -> list[Internal]:
    return [item for item in INTERNALS if item.kind in kinds]


def named(item: Internal) -> str:
    return item.name


# --- the frontend ---------------------------------------------------------------------------------------


@functools.cache
def bundle() -> str:
    """Streamlit's frontend: every JavaScript file it serves, as one text."""
    files = sorted((STATIC / "static" / "js").glob("*.js"))
    assert files, f"no frontend bundle at {STATIC / 'static' / 'js'}"
    return "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in files)


@pytest.mark.parametrize("item", items(TEST_ID, FRONTEND), ids=named)
def test_the_frontend_still_has_it(item: Internal) -> None:
    missing = [need for need in item.needs if not re.search(need, bundle())]
    assert not missing, explain(item, f"no match in Streamlit's frontend bundle for {missing}")


def test_the_bundle_check_can_fail() -> None:
    assert not re.search(INTERNALS[0].needs[0].replace("stApp", "stNoSuchElement"), bundle())


# --- the page shell -------------------------------------------------------------------------------------


@pytest.mark.parametrize("item", items(SHELL), ids=named)
def test_the_page_shell_still_has_it(item: Internal) -> None:
    shell = SHELL_FILE.read_text(encoding="utf-8")
    for need in item.needs:
        count = len(re.findall(need, shell))
        assert count == 1, explain(item, f"{need!r} matches {count} times in {SHELL_FILE}, not once")


# --- the server -----------------------------------------------------------------------------------------


@functools.cache
def router() -> Router:
    """Streamlit's own routes, as `streamlit run` builds them, around a runtime that is always ready."""

    async def ready() -> tuple[bool, str]:
        return True, "ok"

    runtime = MagicMock()
    type(runtime).is_ready_for_browser_connection = property(lambda _: ready())
    return Router(routes=create_streamlit_routes(runtime))


def get(path: str) -> tuple[int, dict[str, str], bytes]:
    """GET `path` from Streamlit's routes, in process: status, headers, body."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 50000),
        "server": ("localhost", 80),
    }
    sent: list[dict[str, Any]] = []

    async def exchange() -> None:
        answered = asyncio.Event()
        requests = [{"type": "http.request", "body": b"", "more_body": False}]

        async def receive() -> dict[str, Any]:
            if requests:
                return requests.pop()
            await answered.wait()  # a response that listens for the client leaving hears it once answered
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                answered.set()

        await router()(scope, receive, send)

    run_in_own_thread(exchange)
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in start.get("headers", ())}
    return start["status"], headers, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def server_problem(need: str) -> str | None:
    """What is wrong with one of a server item's needs, or None."""
    verb, _, rest = need.partition(" ")
    path, _, expected = (part.strip() for part in rest.partition("="))
    if verb == "WEBSOCKET":
        found = [r.path for r in router().routes if isinstance(r, WebSocketRoute)]
        return None if path in found else f"no websocket route at {path} (websocket routes: {found})"
    if verb == "IMMUTABLE":
        script = re.search(r'src="\./(static/js/[^"]+\.js)"', SHELL_FILE.read_text(encoding="utf-8"))
        if script is None:
            return "the shell loads no script from ./static/js/"
        status, headers, _ = get(f"/{script[1]}")
        cache = headers.get("cache-control", "")
        lasting = "immutable" in cache or int(re.search(r"max-age=(\d+)", cache + " max-age=0")[1]) >= 31_536_000
        return None if status == 200 and lasting else f"/{script[1]} answered {status} with Cache-Control {cache!r}"
    status, headers, body = get(path)
    if verb == "SHELL":
        html = headers.get("content-type", "").startswith("text/html")
        same = body == SHELL_FILE.read_bytes()
        return (
            None
            if status == 200 and html and same
            else f"GET {path} answered {status}, {headers.get('content-type')}, the shell: {same}"
        )
    if status != 200 or body == SHELL_FILE.read_bytes():  # every unknown address answers the shell
        return f"GET {path} answered {status}" + (", the page shell: no route of its own" if status == 200 else "")
    if expected and body.decode("utf-8", "replace") != expected:
        return f"GET {path} answered {body[:80]!r}, not {expected!r}"
    return None


@pytest.mark.parametrize("item", items(SERVER), ids=named)
def test_the_server_still_answers_as_the_site_expects(item: Internal) -> None:
    problems = [p for p in map(server_problem, item.needs) if p]
    assert not problems, explain(item, "; ".join(problems))


def test_the_server_check_can_fail() -> None:
    assert server_problem("GET /_stcore/no-such-route")
    assert server_problem("GET /_stcore/health = not ok")
    assert server_problem("WEBSOCKET /_stcore/no-such-stream")


# --- Python ---------------------------------------------------------------------------------------------


def resolve(dotted: str) -> Any:
    """The object a dotted name stands for: the longest module prefix imported, then attributes."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:end]))
        except ImportError:
            continue
        return functools.reduce(getattr, parts[end:], found)
    raise ImportError(dotted)


def fields(obj: Any) -> dict[str, Any]:
    """A protobuf message's fields (name -> the field's message, None for a scalar), or a dataclass's (-> None)."""
    descriptor = obj if isinstance(obj, Descriptor) else getattr(obj, "DESCRIPTOR", None) if isinstance(obj, type) else None
    if isinstance(descriptor, Descriptor):
        return {field.name: field.message_type for field in descriptor.fields}
    if isinstance(obj, type) and dataclasses.is_dataclass(obj):
        return dict.fromkeys((field.name for field in dataclasses.fields(obj)), None)
    return {}


def attribute(obj: Any, path: str) -> Any:
    """`path` under `obj`, a field (protobuf, dataclass) or an attribute at each step."""
    for part in path.split("."):
        known = fields(obj)
        obj = known[part] if part in known else getattr(obj, part)
    return obj


def python_problem(obj: Any, need: str) -> str | None:
    """What is wrong with one of a Python item's needs on `obj`, or None."""
    if need.startswith("("):
        name = need.strip("()")
        return None if name in inspect.signature(obj).parameters else f"no parameter {name!r}"
    compared = re.fullmatch(r"(?P<path>[\w.]*)\s*(?P<op>==|startswith)\s+(?P<literal>.+)", need)
    path = compared["path"] if compared else need
    try:
        value = attribute(obj, path) if path else obj
    except AttributeError as error:
        return f"{path}: {error}"
    if compared:
        literal = ast.literal_eval(compared["literal"])
        holds = value == literal if compared["op"] == "==" else str(value).startswith(literal)
        return None if holds else f"{path or 'the value'} is {value!r}, not {compared['op']} {literal!r}"
    return None


@pytest.mark.parametrize("item", items(PYTHON), ids=named)
def test_the_python_names_still_exist(item: Internal) -> None:
    try:
        obj = resolve(item.name)
    except (ImportError, AttributeError) as error:
        pytest.fail(explain(item, f"it no longer imports ({error})"))
    if obj is AppTest:
        obj = AppTest.from_string("import streamlit as st\nst.markdown('x')").run()
    problems = [p for p in (python_problem(obj, need) for need in item.needs) if p]
    assert not problems, explain(item, "; ".join(problems))


def test_the_python_check_can_fail() -> None:
    assert python_problem(BackMsg, "rerun_script.no_such_field")
    assert python_problem(BackMsg, "no_such_field")
    assert python_problem(AppTest.from_file, "(no_such_parameter)")
    assert python_problem("$$ID", "startswith 'ID'")
    assert python_problem(BackMsg, "rerun_script.page_name") is None


# --- configuration --------------------------------------------------------------------------------------


@pytest.mark.parametrize("item", items(CONFIG), ids=named)
def test_the_configuration_options_still_exist(item: Internal) -> None:
    assert item.name in config.get_config_options(), explain(item, "Streamlit has no such option")


def test_every_option_the_project_sets_exists() -> None:
    """Streamlit only warns about an option it does not know, and the site would run without it."""
    options = config.get_config_options()
    written = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    names = [f"{section}.{name}" for section, values in written.items() for name in values]
    for path in [*(ROOT / "bench").glob("*.py"), *(ROOT / "deploy").glob("*.py")]:
        names += re.findall(r"""["']--(\w+\.\w+)["']""", path.read_text(encoding="utf-8"))
    assert "runner.postScriptGC" in names, "the reader of the project's options found none"
    assert [name for name in names if name not in options] == []


# --- every use is listed --------------------------------------------------------------------------------


def uses_in(text: str) -> set[str]:
    """The names of Streamlit's test ids, key classes, classes and ids that `text` uses."""
    return {match[1] for pattern in USES for match in pattern.finditer(text)}


def project_uses() -> dict[str, set[str]]:
    """name -> the project's files that use it."""
    found: dict[str, set[str]] = defaultdict(set)
    for top in SCANNED:
        start = ROOT / top
        paths = [start] if start.is_file() else sorted(start.rglob("*"))
        for path in paths:
            relative = path.relative_to(ROOT).as_posix()
            if path.suffix in SUFFIXES and path.is_file() and relative not in NOT_SCANNED:
                for name in uses_in(path.read_text(encoding="utf-8")):
                    found[name].add(relative)
    return found


def unlisted(found: dict[str, set[str]]) -> list[str]:
    """Uses the list does not give: a name it does not have, or a file it does not name for a name it has."""
    listed = {item.name: set(item.used_in) for item in INTERNALS}
    problems = []
    for name, files in sorted(found.items()):
        if name not in listed:
            problems.append(f"{name!r} (used in {', '.join(sorted(files))}) is not in the list")
        elif files - listed[name]:
            problems.append(f"{name!r} is used in {', '.join(sorted(files - listed[name]))}, not among its uses in the list")
    return problems


def test_every_use_of_streamlit_s_frontend_is_listed() -> None:
    problems = unlisted(project_uses())
    assert not problems, (
        "Streamlit's frontend used where the list of internals does not say so. Add each to "
        f"{LIST} (what the site relies on, where), and check it holds in the pinned Streamlit:\n  " + "\n  ".join(problems)
    )


def test_every_listed_use_is_still_there() -> None:
    found = project_uses()
    stale = [
        f"{item.name!r} in {path}"
        for item in INTERNALS
        if item.kind is TEST_ID or item.name.startswith(("st-key-", ".st", "#st"))
        for path in item.used_in
        if path not in found.get(item.name, set())
    ]
    assert not stale, f"{LIST} lists uses the files no longer have (remove them): {stale}"
    gone = [f"{item.name!r}: {path}" for item in INTERNALS for path in item.used_in if not (ROOT / path).exists()]
    assert not gone, f"{LIST} names files that do not exist: {gone}"


def test_the_scanner_finds_each_form_of_use() -> None:
    text = """
        [data-testid="stSidebar"] { } div[data-testid^=stPageLink] { } [data-testid=\\"stMain\\"]
        el.dataset.testid === "stHeader"; page.get_by_test_id("stApp")
        [class*="st-key-live_"] > .stHtml { } a.href = "#stMain"; st.markdown(); x.stop()
    """
    expected = {"stSidebar", "stPageLink", "stMain", "stHeader", "stApp", "st-key-live_", ".stHtml", "#stMain"}
    assert uses_in(text) == expected
    assert "assets/site.css" in project_uses()["stSidebar"]


def test_an_unlisted_use_is_reported() -> None:
    assert unlisted({"stNoSuchElement": {"assets/site.css"}})
    assert unlisted({"stSidebar": {"assets/a_new_file.css"}})
    assert not unlisted({"stSidebar": {"assets/site.css"}})
