"""Under load: peerwork's busiest pages at 50 concurrent users, beside a trivial page.

    bench/load.sh [--sizes 1,2] [--duration 20] [--warmup 5] [--serve="--threads=8"]

(bench/load.sh installs locust into var/bench-venv and runs this with the app's Python.)

For each size (1: the demo's history; 2: the same history twice, see bench/load_data.py)
it loads a fresh PostgreSQL database `bench_load_x<size>` (the demo on the full councils
register), serves it in production mode as an operator would (`collectstatic`, `peerwork
serve` and a `peerwork worker`, each its own process), signs 50 sessions in over HTTP as
programme staff, and runs one phase per page: the trivial page (`/health/`, which goes
through every middleware and asks the database one question), the staff dashboard, the
peer directory, the engagement list and the latest complete year's annual report (signed
in), then `/reports/` (anonymous). bench/load_client.py (locust) does the asking; it
prints p50, p95, p99, answers a second and errors of each, how the trivial page fared
beside each page, and how long it took to answer once the users had gone.

The baseline is the trivial page in the same run: each page's p95 is also given as a
multiple of the trivial page's p95 (issue 12's target is at most 3x).

The machine has 2 cores and the load generator runs on it too: locust in one process,
its CPU use printed with the results. Results also go to var/bench-load/results.json;
the server's log to var/bench-load/serve-x<size>.log. Every process it starts is stopped
when it ends, is interrupted (Ctrl+C, SIGTERM), or dies (they get SIGTERM from the
kernel when it goes).
"""

import argparse
import contextlib
import ctypes
import datetime
import json
import os
import platform
import re
import secrets
import shlex
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench-load"
CLIENT_PYTHON = ROOT / "var" / "bench-venv" / "bin" / "python"
REGISTER = ROOT.parent / "shared" / "data" / "uk-local-authorities" / "uk_local_authorities.csv"
PEERWORK = [sys.executable, "-c", "from peerwork.cli import main; main()"]
HTTPS = {"X-Forwarded-Proto": "https"}
STAFF = ("staff@peerwork.test", "demo-staff-2026")  # the demo's programme staff


def annual_year() -> int:
    """The latest complete April-to-March year, as the annual report's index offers it."""
    today = datetime.date.today()
    return (today.year if today.month >= 4 else today.year - 1) - 1


def phases() -> list[dict]:
    return [
        {"name": "trivial page", "path": "/health/", "signed_in": False},
        {"name": "staff dashboard", "path": "/", "signed_in": True},
        {"name": "peer directory", "path": "/peers/", "signed_in": True},
        {"name": "engagement list", "path": "/engagements/", "signed_in": True},
        {"name": "annual report", "path": f"/impact/annual/{annual_year()}/", "signed_in": True},
        {"name": "published reports", "path": "/reports/", "signed_in": False},
    ]


def _die_with_parent() -> None:
    """In the child before exec: the kernel sends it SIGTERM if this script dies."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start(argv, env, log) -> subprocess.Popen:
    return subprocess.Popen(
        argv,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )


def stop(process: subprocess.Popen | None, how: int = signal.SIGTERM) -> None:
    """Signal the process's group (gunicorn and its workers); SIGKILL after 40 s."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, how)
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def fresh_database(url: str, name: str) -> str:
    with psycopg.connect(f"{url}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return f"{url}/{name}"


class Http:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(_NoRedirect)

    def get(self, path, headers=None, data=None, timeout=30):
        request = urllib.request.Request(
            self.base + path, headers={**HTTPS, **(headers or {})}, data=data
        )
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def wait_until_up(self, seconds=60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if self.get("/health/", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        sys.exit(f"load: the server did not answer /health/ within {seconds} s")

    def sign_in(self, email: str, password: str) -> str:
        """Sign in as a person does (the form, its CSRF token); return the Cookie header."""
        jar: dict[str, str] = {}
        status, headers, body = self.get("/sign-in/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        origin = self.base.replace("http://", "https://")
        status, headers, _ = self.get(
            "/sign-in/",
            {
                "Cookie": _cookies(headers, jar),
                "Origin": origin,
                "Referer": f"{origin}/sign-in/",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            data=f"csrfmiddlewaretoken={token}&username={email}&password={password}".encode(),
        )
        cookie = _cookies(headers, jar)
        if status != 302 or "sessionid" not in jar:
            sys.exit(f"load: signing in as {email} answered {status}")
        return cookie


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _cookies(headers, jar: dict[str, str]) -> str:
    for value in headers.get_all("Set-Cookie") or []:
        for morsel in SimpleCookie(value).values():
            jar[morsel.key] = morsel.value
    return "; ".join(f"{key}={value}" for key, value in jar.items())


def environments(database_url: str) -> tuple[dict, dict]:
    """The environment to load data in (local mode) and to serve it in (production)."""
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    local = {**base, "PEERWORK_ENV": "local", "DATABASE_URL": database_url}
    local["PEERWORK_VAR_DIR"] = str(VAR / "local")
    production = {
        **base,
        "PEERWORK_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "EMAIL_HOST": "127.0.0.1",
        "PEERWORK_VAR_DIR": str(VAR),
        "STATIC_ROOT": str(VAR / "static"),
        "MEDIA_ROOT": str(VAR / "media"),
        # The 50 sessions sign in with a password alone: a code a session would measure
        # the sign-in, not the pages.
        "PEERWORK_TWO_FACTOR_REQUIRED_FOR": "",
    }
    return local, production


def run_size(size: int, options, register: Path | None) -> dict:
    database_url = fresh_database(options.database_url, f"bench_load_x{size}")
    local, production = environments(database_url)
    started = time.monotonic()
    councils = ["--councils", str(register)] if register else []
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load_data.py"), *councils, "--times", str(size)],
        env=local,
        check=True,
    )
    loaded = time.monotonic() - started
    subprocess.run(
        [*PEERWORK, "collectstatic", "--no-input", "-v", "0"], env=production, check=True
    )

    port = options.port
    http = Http(f"http://127.0.0.1:{port}")
    log_path = VAR / f"serve-x{size}.log"
    server = worker = client = None
    with open(log_path, "w") as log:
        try:
            server = start(
                [*PEERWORK, "serve", f"--bind=127.0.0.1:{port}", *shlex.split(options.serve)],
                production,
                log,
            )
            worker = start([*PEERWORK, "worker"], production, log)
            http.wait_until_up()
            cookies = [http.sign_in(*STAFF) for _ in range(options.users)]
            status, _, body = http.get("/", {"Cookie": cookies[0]})
            if status != 200 or b"Sam Staff" not in body:
                sys.exit(f"load: the staff dashboard answered {status} to a signed-in session")
            plan = {
                "base": http.base,
                "headers": HTTPS,
                "cookies": cookies,
                "users": options.users,
                "warmup": options.warmup,
                "duration": options.duration,
                "probe": "/health/",
                "server_pid": server.pid,
                "database": database_url.rsplit("/", 1)[1],
                "phases": [p for p in phases() if not options.pages or p["name"] in options.pages],
            }
            client = subprocess.Popen(
                [str(CLIENT_PYTHON), str(ROOT / "bench" / "load_client.py")],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
            out, _ = client.communicate(json.dumps(plan).encode())
            if client.returncode != 0:
                sys.exit(f"load: the load generator failed ({client.returncode})")
        finally:
            stop(client)
            # SIGINT is gunicorn's quick shutdown: requests still running are dropped,
            # not finished (SIGTERM would give them 30 s).
            stop(server, signal.SIGINT)
            stop(worker)
    serving = re.search(r"Serving peerwork .*", log_path.read_text())
    return {
        "size": size,
        "database": database_url.rsplit("/", 1)[1],
        "loaded_seconds": loaded,
        "serve": serving.group(0) if serving else options.serve,
        "phases": json.loads(out),
    }


def _ms(seconds) -> str:
    return "none" if seconds is None else f"{seconds * 1000:,.0f}"


def report(result: dict) -> str:
    phases_ = result["phases"]
    trivial = next((p for p in phases_ if p["path"] == "/health/"), None)
    base = trivial["page"]["p95"] if trivial else None
    lines = [
        f"\nData x{result['size']} ({result['database']}, loaded in "
        f"{result['loaded_seconds']:.0f} s); {result['serve']}",
        "",
        "| page | p50 ms | p95 ms | p99 ms | answers/s | errors | p95 ÷ trivial p95 "
        "| trivial page meanwhile, p95 ms | trivial page after, ms "
        "| CPU (cores): web, database, load generator | web memory MB (largest process) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for phase in phases_:
        page, probe = phase["page"], phase["probe"]
        ratio = f"{page['p95'] / base:.1f}×" if base and page["p95"] else ""
        errors = f"{page['errors']}" + (
            " (" + ", ".join(f"{k}: {v}" for k, v in page["error_kinds"].items()) + ")"
            if page["errors"]
            else ""
        )
        lines.append(
            f"| {phase['name']} (`{phase['path']}`) | {_ms(page['p50'])} | {_ms(page['p95'])} "
            f"| {_ms(page['p99'])} | {page['rps']:.1f} | {errors} | {ratio} "
            f"| {_ms(probe['p95'])} | {_ms(phase['probe_after'])} "
            f"| {phase['server_cpu']:.2f}, {phase['database_cpu']:.2f}, {phase['client_cpu']:.2f} "
            f"| {phase['server_memory_mb'] or 0:,.0f} ({phase['largest_process_mb'] or 0:,.0f}) |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,2", help="data sizes, comma-separated (1,2)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--warmup", type=float, default=5, help="seconds before measuring")
    parser.add_argument("--duration", type=float, default=20, help="seconds measured a page")
    parser.add_argument(
        "--serve",
        default="",
        help='options for `peerwork serve`, as one argument: --serve="--workers=3 --threads=8"',
    )
    parser.add_argument("--pages", nargs="*", help="only these phases, by name")
    parser.add_argument("--councils", type=Path, help="the councils register (default: shared)")
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432")
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not CLIENT_PYTHON.exists():
        sys.exit("load: run bench/load.sh, which installs locust into var/bench-venv")
    if not (ROOT / "build" / "static").is_dir():
        sys.exit("load: build the stylesheet first (scripts/setup)")

    register = options.councils or (REGISTER if REGISTER.exists() else None)
    councils = register or "the demo's sample (not the full register)"
    if register is None:
        print(
            f"load: the full register is not at {REGISTER}; using the demo's sample of councils",
            file=sys.stderr,
        )
    VAR.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    results = []
    for size in (int(s) for s in options.sizes.split(",")):
        results.append(run_size(size, options, register))
        print(report(results[-1]), flush=True)

    (VAR / "results.json").write_text(json.dumps(results, indent=2))
    print(
        f"\n{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PostgreSQL on 127.0.0.1; councils: {councils}; "
        f"{options.users} users a page, {options.warmup:g} s warm-up, {options.duration:g} s "
        f"measured; the load generator (locust, one process) ran on the same machine; "
        f"{time.monotonic() - started:.0f} s in all; load average now "
        f"{os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
