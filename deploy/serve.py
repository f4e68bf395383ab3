"""Serve the dashboard as several app processes behind nginx: `make serve REPLICAS=3 SERVE_PORT=8080`.

One Streamlit process runs every visitor's script under one interpreter lock, so past one core the way
to serve a crowd is more processes. This script:

1. builds deploy/build/: the page nginx shows when no app process answers (core/views/offline.py, from the
   same data as the site), robots.txt, and nginx.conf (below);
2. starts REPLICAS copies of server.py on loopback ports, sharing one cookie secret (Streamlit signs its
   XSRF cookie with it, and a visitor may reach any of them);
3. runs nginx in front of them, and restarts any app process that exits or stops answering its health check.

nginx (Debian's package, open source) does what a host needs in front of Streamlit: websocket upgrade
with long timeouts, the site's security headers on every response (its own included), gzip, robots.txt,
a health check at /healthz, a next-process retry when one is down, and the static crisis page (never a
bare 502) when all of them are. Open-source nginx has no cookie stickiness of its own, so it sets one
cookie, `csec_route` (a random value, for the browser session only), and hashes on it: a browser stays
with the process that holds its session, which a download needs (the file is made in that process and
fetched over HTTP). The safety page names and explains this cookie.
"""

from __future__ import annotations

import argparse
import contextlib
import grp
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.content.problems import CODE_ROOT, ROOT
from core.views.offline import offline_page, robots_txt
from core.views.site import load_site
from core.web.security import SecurityPolicy, inline_scripts, load_policy

BUILD = CODE_ROOT / "deploy" / "build"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ROUTE_COOKIE = "csec_route"
"""The one cookie nginx sets: which app process holds this browser's session. Named on the safety page."""
HEALTH = "/_stcore/health"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def policy() -> SecurityPolicy:
    """The policy the app serves (server.py): the quick exit's script and Streamlit's shell script by hash."""
    import streamlit  # only for the path of its page shell

    shell = Path(streamlit.__file__).parent / "static" / "index.html"
    return load_policy(trusted_scripts=inline_scripts(shell.read_text(encoding="utf-8")))


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_conf(build: Path, listen: str, ports: list[int], security: SecurityPolicy) -> str:
    """nginx.conf for `ports` on loopback behind `listen` (e.g. "127.0.0.1:8080" or "8080")."""
    user = ""
    if os.geteuid() == 0:  # workers drop root; the build folder is readable and its temp folder writable by them
        group = "nogroup" if any(g.gr_name == "nogroup" for g in grp.getgrall()) else "nobody"
        user = f"user nobody {group};\n"
    servers = "\n".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in ports)
    hidden = "\n".join(f"    proxy_hide_header {name};" for name, _ in security.headers())
    headers = "\n".join(f"    add_header {name} {_quote(value)} always;" for name, value in security.headers())
    return f"""# Made by deploy/serve.py; edit that file, not this one.
{user}worker_processes 1;
pid {build}/nginx.pid;
error_log {build}/error.log warn;
events {{ worker_connections 4096; }}

http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;  # nothing a visitor does is logged (README, "Visitor safety")
  server_tokens off;
  client_body_temp_path {build}/tmp/body;
  proxy_temp_path {build}/tmp/proxy;
  fastcgi_temp_path {build}/tmp/fastcgi;
  uwsgi_temp_path {build}/tmp/uwsgi;
  scgi_temp_path {build}/tmp/scgi;

  gzip on;
  gzip_proxied any;
  gzip_vary on;
  gzip_min_length 500;
  gzip_types text/plain text/css application/javascript application/json image/svg+xml;

  # One browser, one app process: hash on the route cookie, or on a fresh random value (then set as the cookie).
  map $cookie_{ROUTE_COOKIE} $csec_route {{ "" $request_id; default $cookie_{ROUTE_COOKIE}; }}
  map $cookie_{ROUTE_COOKIE} $csec_route_cookie {{ "" "{ROUTE_COOKIE}=$request_id; Path=/; HttpOnly; SameSite=Strict"; default ""; }}
  map $http_upgrade $connection_upgrade {{ default upgrade; "" close; }}

  upstream app {{
    hash $csec_route consistent;
{servers}
  }}

  server {{
    listen {listen};
    root {build}/public;

{hidden}
{headers}
    add_header Set-Cookie $csec_route_cookie always;

    proxy_http_version 1.1;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection $connection_upgrade;
    proxy_connect_timeout 2s;
    proxy_read_timeout 60s;
    proxy_next_upstream error timeout http_502 http_503;
    proxy_intercept_errors on;
    error_page 502 503 504 =503 /offline.html;

    location / {{ proxy_pass http://app; }}
    # The websocket: a visitor may keep a page open for hours.
    location /_stcore/stream {{
      proxy_pass http://app;
      proxy_read_timeout 3600s;
      proxy_send_timeout 3600s;
    }}
    location = /healthz {{ proxy_pass http://app{HEALTH}; }}
    location = /robots.txt {{ try_files /robots.txt =404; }}
    location = /offline.html {{ internal; add_header Cache-Control "no-store" always;
{headers.replace("    add_header", "      add_header")}
    }}
  }}
}}
"""


def build(build_dir: Path, listen: str, ports: list[int]) -> Path:
    """Write the offline page, robots.txt and nginx.conf into `build_dir`; the path of nginx.conf."""
    public = build_dir / "public"
    public.mkdir(parents=True, exist_ok=True)
    (public / "offline.html").write_text(offline_page(load_site(ROOT)), encoding="utf-8")
    (public / "robots.txt").write_bytes(robots_txt(ROOT))
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (build_dir / "tmp" / name).mkdir(parents=True, exist_ok=True)
    for folder in (build_dir, public, build_dir / "tmp"):
        folder.chmod(0o755)
    for folder in (build_dir / "tmp").iterdir():
        folder.chmod(0o1777)
    for path in public.iterdir():
        path.chmod(0o644)
    conf = build_dir / "nginx.conf"
    conf.write_text(nginx_conf(build_dir, listen, ports, policy()), encoding="utf-8")
    return conf


def start_app(
    port: int, log: Path, script: str = "server.py", cookie_secret: str | None = None, options: Sequence[str] = ()
) -> subprocess.Popen:
    """`streamlit run script` (server.py: the app as `make run` serves it) on a loopback port, with the project's
    configuration and any further `--section.option value` flags in `options`; its output goes to `log`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    if cookie_secret:
        env["STREAMLIT_SERVER_COOKIE_SECRET"] = cookie_secret
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.address", "127.0.0.1"]
    command += options
    with log.open("a") as out:
        return subprocess.Popen(command, cwd=CODE_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def healthy(port: int, timeout: float = 2.0) -> bool:
    with contextlib.suppress(OSError), urllib.request.urlopen(f"http://127.0.0.1:{port}{HEALTH}", timeout=timeout) as response:
        return response.read() == b"ok"
    return False


def wait_healthy(ports: list[int], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    waiting = set(ports)
    while waiting and time.monotonic() < deadline:
        waiting = {port for port in waiting if not healthy(port)}
        time.sleep(0.3)
    if waiting:
        raise RuntimeError(f"app processes on ports {sorted(waiting)} did not start in {seconds:.0f} s")


def start_nginx(conf: Path) -> subprocess.Popen:
    check = subprocess.run([NGINX, "-t", "-q", "-c", str(conf), "-p", str(conf.parent)], capture_output=True, text=True)
    if check.returncode:
        raise RuntimeError(f"nginx refused {conf}:\n{check.stderr}")
    return subprocess.Popen([NGINX, "-c", str(conf), "-p", str(conf.parent), "-g", "daemon off;"])


@dataclass
class Deployment:
    """Replicas and nginx, started together; `stop()` ends every process it started."""

    listen: str
    build_dir: Path = BUILD
    replicas: int = 2
    ports: list[int] = field(default_factory=list)
    processes: dict[int, subprocess.Popen] = field(default_factory=dict)
    nginx: subprocess.Popen | None = None
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    def start(self) -> None:
        self.ports = self.ports or [free_port() for _ in range(self.replicas)]
        conf = build(self.build_dir, self.listen, self.ports)
        for port in self.ports:
            self.start_replica(port)
        wait_healthy(self.ports)
        self.nginx = start_nginx(conf)

    def start_replica(self, port: int) -> None:
        self.processes[port] = start_app(port, self.build_dir / f"app-{port}.log", cookie_secret=self.secret)

    def stop_replica(self, port: int) -> None:
        process = self.processes.pop(port, None)
        if process and process.poll() is None:
            process.kill()
            process.wait(timeout=10)

    def watch(self, every: float = 5.0) -> None:
        """Restart any app process that exits or fails its health check twice in a row; return when nginx exits."""
        failures = dict.fromkeys(self.ports, 0)
        while self.nginx is not None and self.nginx.poll() is None:
            time.sleep(every)
            for port in self.ports:
                process = self.processes.get(port)
                alive = process is not None and process.poll() is None
                failures[port] = 0 if alive and healthy(port) else failures[port] + 1
                if not alive or failures[port] >= 2:
                    print(f"app process on port {port} is down; restarting it", flush=True)
                    self.stop_replica(port)
                    self.start_replica(port)
                    failures[port] = -6  # give it time to start before judging it again

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.nginx.wait(timeout=10)
        for port in list(self.processes):
            process = self.processes.pop(port)
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="app processes (default 2; about one per core)")
    parser.add_argument("--listen", default="127.0.0.1:8080", help="where nginx listens (default 127.0.0.1:8080)")
    parser.add_argument("--build", type=Path, default=BUILD, help="where nginx.conf and the offline page go")
    args = parser.parse_args()
    deployment = Deployment(listen=args.listen, build_dir=args.build.resolve(), replicas=args.replicas)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        deployment.start()
        print(
            f"serving {args.replicas} app processes on ports {deployment.ports} behind nginx at http://{args.listen}", flush=True
        )
        deployment.watch()
    except KeyboardInterrupt:
        pass
    finally:
        deployment.stop()


if __name__ == "__main__":
    main()
