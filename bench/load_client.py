"""The load generator of bench/load.py: locust, run as a library in one process.

Runs in the benchmark's own virtual environment (var/bench-venv, from
requirements-bench.lock), which has locust and not peerwork. bench/load.py starts it
with a JSON plan on standard input and reads a JSON result from standard output:

    {"base": "http://127.0.0.1:8790", "headers": {...}, "cookies": ["sessionid=..."],
     "users": 50, "warmup": 5, "duration": 20, "probe": "/health/", "server_pid": 123,
     "database": "bench_load_x1",
     "phases": [{"name": "trivial page", "path": "/health/", "signed_in": false}, ...]}

Each phase: `users` locust users ask for one page with no pause between an answer and
the next request (50 connections, as wrk keeps them), for `warmup` seconds unmeasured
and then `duration` seconds measured. Beside them, one more user asks for the probe
(the trivial page) twice a second, which shows what a light request meets while the
page is under load. When the users stop, the probe is asked once more on a new
connection, and the time it takes to answer says how long the server stayed busy with
requests nobody was waiting for any more.

Every response time is kept (locust's own percentiles round to two figures); a
response other than 200 or an exception counts as an error, a redirect included (a
signed-in page that redirects has lost its session).
"""

import json
import os
import resource
import sys
import time
from collections import Counter

from gevent import monkey

monkey.patch_all()

import gevent  # noqa: E402
import psutil  # noqa: E402
from geventhttpclient import URL, HTTPClient  # noqa: E402
from locust import FastHttpUser, constant, events, task  # noqa: E402
from locust.env import Environment  # noqa: E402

PLAN = json.load(sys.stdin)
TIMEOUT = 120.0


class Recorder:
    """Response times (seconds) and errors per request name, while `on` is set."""

    def __init__(self):
        self.on = False
        self.times: dict[str, list[float]] = {}
        self.errors: dict[str, Counter] = {}

    def reset(self):
        self.times = {"page": [], "probe": []}
        self.errors = {"page": Counter(), "probe": Counter()}

    def __call__(self, name, response_time, exception=None, response=None, **kwargs):
        if not self.on or name not in self.times:
            return
        self.times[name].append(response_time / 1000)
        if exception is not None:
            status = getattr(response, "status_code", 0) or 0
            self.errors[name][str(status) if status else type(exception).__name__] += 1


RECORD = Recorder()
events.request.add_listener(RECORD)


def _get(client, path, name):
    with client.get(
        path,
        headers=PLAN["headers"] | client.user_headers,
        name=name,
        allow_redirects=False,
        catch_response=True,
    ) as response:
        if response.status_code != 200:
            response.failure(f"answered {response.status_code}")


class PageUser(FastHttpUser):
    """One of the users on the phase's page; `path` and `cookies` are set per phase."""

    wait_time = constant(0)
    network_timeout = connection_timeout = TIMEOUT
    path = "/"
    cookies: list[str] = []
    count = 0

    def on_start(self):
        PageUser.count += 1
        cookie = self.cookies[PageUser.count % len(self.cookies)] if self.cookies else None
        self.client.user_headers = {"Cookie": cookie} if cookie else {}

    @task
    def page(self):
        _get(self.client, self.path, "page")


class ProbeUser(FastHttpUser):
    fixed_count = 1
    wait_time = constant(0.5)
    network_timeout = connection_timeout = TIMEOUT

    def on_start(self):
        self.client.user_headers = {}

    @task
    def probe(self):
        _get(self.client, PLAN["probe"], "probe")


def percentile(values, share):
    """The nearest-rank percentile, in seconds; None with no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summary(values, errors, seconds):
    return {
        "count": len(values),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "p50": percentile(values, 0.50),
        "p95": percentile(values, 0.95),
        "p99": percentile(values, 0.99),
        "max": max(values) if values else None,
        "rps": len(values) / seconds,
    }


def server_cpu_seconds():
    """CPU seconds used so far by the server: the master, its live workers, and the
    workers it has reaped (recycled after --max-requests), which count in its children."""
    try:
        master = psutil.Process(PLAN["server_pid"])
        times = master.cpu_times()
        total = times.user + times.system + times.children_user + times.children_system
        workers = master.children(recursive=True)
    except psutil.Error:
        return 0.0
    for process in workers:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def server_memory_mb():
    """The resident memory of the server's processes: all together, and the largest."""
    try:
        master = psutil.Process(PLAN["server_pid"])
        sizes = [p.memory_info().rss for p in [master, *master.children(recursive=True)]]
    except psutil.Error:
        return None, None
    return sum(sizes) / 2**20, max(sizes) / 2**20


def database_cpu_now():
    """CPU seconds so far of each PostgreSQL backend serving the benchmark's database
    (their process titles name it), by process id; other databases are not counted."""
    used = {}
    for process in psutil.process_iter(["name", "cmdline"]):
        try:
            if process.info["name"] == "postgres" and PLAN["database"] in " ".join(
                process.info["cmdline"] or []
            ):
                times = process.cpu_times()
                used[process.pid] = times.user + times.system
        except psutil.Error:
            pass
    return used


def database_cpu_seconds_since(before):
    """A backend that ended meanwhile is not counted; one that began counts in full."""
    return sum(max(0.0, cpu - before.get(pid, 0.0)) for pid, cpu in database_cpu_now().items())


def client_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def answer_time(path):
    """Seconds for one request on a new connection, or None if none came in TIMEOUT."""
    url = URL(PLAN["base"] + path)
    client = HTTPClient.from_url(url, connection_timeout=TIMEOUT, network_timeout=TIMEOUT)
    start = time.perf_counter()
    try:
        response = client.get(url.request_uri, headers=PLAN["headers"])
        response.read()
        return time.perf_counter() - start
    except Exception:  # noqa: BLE001 - any failure means no answer
        return None
    finally:
        client.close()


def run_phase(runner, phase):
    PageUser.path = phase["path"]
    PageUser.cookies = PLAN["cookies"] if phase["signed_in"] else []
    users = PLAN["users"]
    RECORD.reset()
    runner.start(users + 1, spawn_rate=users + 1)
    gevent.sleep(PLAN["warmup"])
    RECORD.reset()
    RECORD.on = True
    server_before, client_before = server_cpu_seconds(), client_cpu_seconds()
    database_before = database_cpu_now()
    start = time.perf_counter()
    gevent.sleep(PLAN["duration"])
    seconds = time.perf_counter() - start
    RECORD.on = False
    server_cpu = (server_cpu_seconds() - server_before) / seconds
    client_cpu = (client_cpu_seconds() - client_before) / seconds
    database_cpu = database_cpu_seconds_since(database_before) / seconds
    memory, largest = server_memory_mb()
    runner.stop()
    after = answer_time(PLAN["probe"])
    # Let the server finish what it still holds before the next phase starts.
    idle = time.perf_counter()
    while time.perf_counter() - idle < TIMEOUT:
        quick = answer_time(PLAN["probe"])
        if quick is not None and quick < 0.5:
            break
        gevent.sleep(0.5)
    gevent.sleep(1)
    result = {
        **phase,
        "page": summary(RECORD.times["page"], RECORD.errors["page"], seconds),
        "probe": summary(RECORD.times["probe"], RECORD.errors["probe"], seconds),
        "probe_after": after,
        "server_cpu": server_cpu,
        "client_cpu": client_cpu,
        "database_cpu": database_cpu,
        "server_memory_mb": memory,
        "largest_process_mb": largest,
        "load_average": os.getloadavg()[0],
    }
    page = result["page"]
    print(
        f"load: {phase['name']:<18} {page['count']:>6} answers, {page['errors']} errors, "
        f"p95 {page['p95'] or 0:.3f} s; trivial page after it: "
        f"{'no answer' if after is None else f'{after:.2f} s'}",
        file=sys.stderr,
        flush=True,
    )
    return result


def main():
    environment = Environment(user_classes=[PageUser, ProbeUser], host=PLAN["base"], events=events)
    runner = environment.create_local_runner()
    try:
        results = [run_phase(runner, phase) for phase in PLAN["phases"]]
    finally:
        runner.quit()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
