"""Load benchmark: crowds of visitors on every page, through Streamlit's own websocket protocol.

`make bench-load` (or `python -m bench.load`) starts the dashboard as served (server.py) and a
hello-world Streamlit app (bench/hello_app.py, the floor) side by side on free loopback ports, then
for every page of the site:

- one visitor: a first run, then reruns of the same page (p50/p95 of the reruns);
- bursts of N visitors arriving at once (10 and 50 by default): each opens a websocket on
  /_stcore/stream, sends a `rerun_script` BackMsg for the page and reads ForwardMsgs until
  `script_finished`, as the browser does; first-run p50/p95, sessions per second and errors;
- memory per held session: the server's resident memory with one session held, then with H more.

The floor is measured right before each page at the same level, so every ratio compares two
figures taken under the same conditions (other work on the machine changes both). It prints a
Markdown table; it does not assert (targets are in README). Errors are sessions that failed to
connect, timed out, ended without finishing, or whose page raised an exception or was not found.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from core.content.navigation import ROUTES
from deploy.serve import free_port, start_app, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
APP = "server.py"
FLOOR = "bench/hello_app.py"
TIMEOUT = 180.0
FLOOR_SETTINGS = {"site": [], "streamlit": ["--runner.postScriptGC", "true"]}
"""The floor's settings: this site's .streamlit/config.toml (the default: the same settings on both sides), or
with Streamlit's own default of a full garbage collection after every run, which the site turns off."""


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen

    def cpu_seconds(self) -> float:
        """CPU time the server process has used so far (user and system, every thread)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mib(self) -> float:
        """Resident memory of the server process, in MiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")


def start(name: str, script: str, log_dir: Path, options: Sequence[str] = ()) -> Server:
    """`streamlit run script` on a free loopback port with the project's configuration (as deploy/serve.py starts it)."""
    port = free_port()
    process = start_app(port, log_dir / f"{name}.log", script=script, options=options)
    try:
        wait_healthy([port])
    except RuntimeError:
        process.kill()
        raise
    return Server(name, f"http://127.0.0.1:{port}", process)


def stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


class Visitor:
    """One browser tab, as far as the server can tell: a websocket session that runs a page."""

    def __init__(self, base_url: str, page: str, query: str = "") -> None:
        self.stream = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.page, self.query = page, query
        self.websocket = None
        self.elements = 0

    async def open(self) -> None:
        self.websocket = await websockets.connect(
            self.stream, subprotocols=["streamlit"], max_size=None, open_timeout=TIMEOUT, ping_interval=None
        )

    async def run(self) -> float:
        """Ask for a run of the page and wait until the script has finished; the seconds it took."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string, state.page_name, state.page_script_hash = self.query, self.page, ""
        started = time.perf_counter()
        await self.websocket.send(message.SerializeToString())
        self.elements = 0
        while True:
            incoming = ForwardMsg()
            incoming.ParseFromString(await asyncio.wait_for(self.websocket.recv(), TIMEOUT))
            kind = incoming.WhichOneof("type")
            if kind == "delta":
                self.elements += 1
                delta = incoming.delta
                if delta.WhichOneof("type") == "new_element" and delta.new_element.WhichOneof("type") == "exception":
                    raise RuntimeError(f"the page raised: {delta.new_element.exception.message}")
            elif kind == "page_not_found":
                raise RuntimeError(f"page not found: {self.page!r}")
            elif kind == "script_finished":
                if incoming.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    raise RuntimeError(f"script finished with status {incoming.script_finished}")
                return time.perf_counter() - started

    async def close(self) -> None:
        if self.websocket is not None:
            await self.websocket.close()


@dataclass
class Burst:
    """N visitors arriving at once: each one's first run (connect included), the wall time, the errors."""

    visitors: int
    first_runs: list[float] = field(default_factory=list)
    wall: float = 0.0
    cpu: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def cpu_per_session(self) -> float:
        """Server CPU seconds per session: what a visitor costs, whatever else the machine is doing."""
        return self.cpu / len(self.first_runs) if self.first_runs else float("nan")

    @property
    def per_second(self) -> float:
        return len(self.first_runs) / self.wall if self.wall else 0.0


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def burst(server: Server, page: str, visitors: int) -> Burst:
    result = Burst(visitors)
    base_url = server.url

    async def one() -> None:
        visitor = Visitor(base_url, page)
        started = time.perf_counter()
        try:
            await visitor.open()
            await visitor.run()
            result.first_runs.append(time.perf_counter() - started)
        except Exception as error:
            result.errors.append(f"{type(error).__name__}: {error}")
        finally:
            with contextlib.suppress(Exception):
                await visitor.close()

    cpu, started = server.cpu_seconds(), time.perf_counter()
    await asyncio.gather(*(one() for _ in range(visitors)))
    result.wall = time.perf_counter() - started
    await asyncio.sleep(0.2)  # let the server finish closing the sessions before reading its CPU time
    result.cpu = server.cpu_seconds() - cpu
    return result


async def reruns(base_url: str, page: str, count: int) -> tuple[list[float], int]:
    """One visitor: a first run, then `count` reruns; the rerun times and the elements a run sends."""
    visitor = Visitor(base_url, page)
    await visitor.open()
    try:
        await visitor.run()
        times = [await visitor.run() for _ in range(count)]
        return times, visitor.elements
    finally:
        await visitor.close()


async def held_memory(server: Server, page: str, held: int) -> float:
    """MiB of resident memory each extra session costs while it stays open, after the first."""
    first = Visitor(server.url, page)
    await first.open()
    await first.run()
    await asyncio.sleep(0.5)
    before = server.rss_mib()
    extra = [Visitor(server.url, page) for _ in range(held)]
    try:
        for start_at in range(0, held, 10):
            group = extra[start_at : start_at + 10]
            await asyncio.gather(*(v.open() for v in group))
            await asyncio.gather(*(v.run() for v in group))
        await asyncio.sleep(0.5)
        return (server.rss_mib() - before) / held
    finally:
        for visitor in [first, *extra]:
            with contextlib.suppress(Exception):
                await visitor.close()


@dataclass
class PageResult:
    label: str
    elements: int = 0
    cold: float = 0.0
    rerun: list[float] = field(default_factory=list)
    floor_rerun: list[float] = field(default_factory=list)
    bursts: dict[int, Burst] = field(default_factory=dict)
    floor_bursts: dict[int, Burst] = field(default_factory=dict)
    memory: float = float("nan")
    floor_memory: float = float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


async def measure_page(app: Server, floor: Server, path: str, levels: list[int], count: int, held: int) -> PageResult:
    label = "/" if path == "" else f"/{path}"
    result = PageResult(label)
    cold = Visitor(app.url, path)
    await cold.open()
    result.cold = await cold.run()  # the first run of this page in this process (caches filled here)
    await cold.close()
    result.floor_rerun, _ = await reruns(floor.url, "", count)
    result.rerun, result.elements = await reruns(app.url, path, count)
    for level in levels:
        result.floor_bursts[level] = await burst(floor, "", level)
        result.bursts[level] = await burst(app, path, level)
    if held:
        result.floor_memory = await held_memory(floor, "", held)
        result.memory = await held_memory(app, path, held)
    return result


def table(results: list[PageResult], levels: list[int]) -> Iterator[str]:
    head = ["page", "elements", "rerun p50 / p95 (×floor)"]
    for level in levels:
        head += [f"{level} at once: first run p50 / p95", f"{level}: sessions/s (×floor)"]
    head += ["server CPU per session (×floor)", "errors", "MiB per held session"]
    yield "| " + " | ".join(head) + " |"
    yield "|" + "---|" * len(head)
    floor_row = ["hello-world floor", "-", _pair(_all(results, "floor_rerun"))]
    for level in levels:
        floors = [r.floor_bursts[level] for r in results]
        floor_row += [
            _pair([t for b in floors for t in b.first_runs]),
            f"{statistics.median(b.per_second for b in floors):.1f}",
        ]
    floor_errors = sum(len(b.errors) for r in results for b in r.floor_bursts.values())
    floor_cpu = statistics.median(_cpu(r.floor_bursts) for r in results)
    floor_row += [ms(floor_cpu), str(floor_errors), _mib(statistics.median(r.floor_memory for r in results))]
    yield "| " + " | ".join(floor_row) + " |"
    for r in results:
        ratio = statistics.median(r.rerun) / statistics.median(r.floor_rerun)
        row = [r.label, str(r.elements), f"{_pair(r.rerun)} ({ratio:.1f}×)"]
        for level in levels:
            mine, floors = r.bursts[level], r.floor_bursts[level]
            share = mine.per_second / floors.per_second if floors.per_second else 0.0
            row += [_pair(mine.first_runs), f"{mine.per_second:.1f} ({share:.2f}×)"]
        cpu = _cpu(r.bursts)
        row += [f"{ms(cpu)} ({cpu / _cpu(r.floor_bursts):.1f}×)"]
        row += [str(sum(len(b.errors) for b in r.bursts.values())), _mib(r.memory)]
        yield "| " + " | ".join(row) + " |"


def _cpu(bursts: dict[int, Burst]) -> float:
    """Server CPU seconds per session over every burst of a page."""
    sessions = sum(len(b.first_runs) for b in bursts.values())
    return sum(b.cpu for b in bursts.values()) / sessions if sessions else float("nan")


def _all(results: list[PageResult], name: str) -> list[float]:
    return [t for r in results for t in getattr(r, name)]


def _pair(values: list[float]) -> str:
    return f"{ms(percentile(values, 0.5))} / {ms(percentile(values, 0.95))}" if values else "-"


def _mib(value: float) -> str:
    return "-" if value != value else f"{value:.2f}"  # NaN when not measured


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


async def main_async(args: argparse.Namespace) -> None:
    paths = ["" if index == 0 else route.path for index, route in enumerate(ROUTES)]
    if args.pages:
        paths = ["" if p in ("/", "") else p.strip("/") for p in args.pages]
    levels = sorted(set(args.levels))
    with tempfile.TemporaryDirectory(prefix="bench-load-") as logs:
        app = start("app", APP, Path(logs))
        floor = start("floor", FLOOR, Path(logs), FLOOR_SETTINGS[args.floor])
        try:
            print(
                f"# bench-load {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
                f"load average {load_average()} at start; floor: hello-world with {args.floor} settings",
                flush=True,
            )
            results = []
            for path in paths:
                result = await measure_page(app, floor, path, levels, args.reruns, args.held)
                results.append(result)
                errors = [e for b in result.bursts.values() for e in b.errors]
                print(
                    f"  {result.label}: cold first run {ms(result.cold)}, {result.elements} elements a run"
                    + (f", first error: {errors[0]}" if errors else ""),
                    flush=True,
                )
            print(f"# load average {load_average()} at end\n")
            for line in table(results, levels):
                print(line)
        finally:
            stop(app)
            stop(floor)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", help="pages to measure, e.g. / statistics directory (default: every page)")
    parser.add_argument("--levels", nargs="*", type=int, default=[10, 50], help="visitors arriving at once (default: 10 50)")
    parser.add_argument("--reruns", type=int, default=20, help="reruns timed for one visitor (default: 20)")
    parser.add_argument("--held", type=int, default=20, help="extra sessions held open to measure memory (0: skip)")
    parser.add_argument(
        "--floor",
        choices=sorted(FLOOR_SETTINGS),
        default="site",
        help="the hello-world floor with this site's settings (default) or with Streamlit's default per-run garbage collection",
    )
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
