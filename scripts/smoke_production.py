"""Production mode as an operator runs it, on the local PostgreSQL: a fresh database,
`migrate`, `collectstatic`, `check --deploy`, the demo's records, then `peerwork serve`
(gunicorn) and `peerwork worker` as separate processes.

Over HTTP it asks for the health check (which must see the worker), the home page, its
stylesheet, a page that is not there, and signed-in pages (signing in with a password and
a code from an authenticator app, as production asks of staff). It asks for a password
reset while the mail server accepts connections but never answers: the person sees no
error; the worker hangs in the send, is killed with SIGKILL, and the next worker notices,
takes the email up again, and keeps it for a retry when its try times out. It starts a batch
team-assembly run, kills the web process with SIGKILL, starts it again, and checks that
the worker finished the run. Stops every process before it exits.

Usage: scripts/smoke_production.py [--database-url postgres://postgres@127.0.0.1:5432]
Exit status 0 when every answer is right; the first wrong one is printed.
"""

import argparse
import contextlib
import datetime
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERWORK = [str(ROOT / ".venv" / "bin" / "peerwork")]
PORT = 8764
BASE = f"http://127.0.0.1:{PORT}"
# The load balancer terminates TLS and says so; peerwork redirects anything else.
HTTPS = {"X-Forwarded-Proto": "https"}
EMAIL, PASSWORD = "smoke@peerwork.test", secrets.token_urlsafe(16)
# Production asks programme staff for a code from an authenticator app after the
# password: the smoke user's app holds this key.
TWO_FACTOR_KEY = secrets.token_hex(20)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def get(path, headers=None, data=None):
    request = urllib.request.Request(BASE + path, headers={**HTTPS, **(headers or {})}, data=data)
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def expect(what, status, wanted):
    if status != wanted:
        sys.exit(f"smoke: {what} answered {status}, not {wanted}")
    print(f"smoke: {what}: {status}")


def cookies_from(headers, jar):
    for value in (headers.get_all("Set-Cookie") if headers else None) or []:
        for morsel in SimpleCookie(value).values():
            jar[morsel.key] = morsel.value
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def form_post(path, fields: dict, jar: dict, headers):
    """POST a form the way a browser does: with the CSRF token of the page it is on."""
    status, page_headers, body = get(path, {"Cookie": cookies_from(headers, jar)})
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
    return get(
        path,
        {
            "Cookie": cookies_from(page_headers, jar),
            "Origin": f"https://127.0.0.1:{PORT}",
            "Referer": f"https://127.0.0.1:{PORT}{path}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        data=data,
    )


def query(url: str, sql: str, *params):
    import psycopg

    with psycopg.connect(url) as connection:
        return connection.execute(sql, params).fetchone()


def wait_for(what, check, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if answer := check():
            return answer
        time.sleep(0.5)
    sys.exit(f"smoke: {what} did not happen within {seconds} s")


STARTED: list[subprocess.Popen] = []  # every process started, all stopped at the end


def start(env, *args) -> subprocess.Popen:
    process = subprocess.Popen([*PEERWORK, *args], env=env, start_new_session=True)
    STARTED.append(process)
    return process


def kill(process: subprocess.Popen, sig=signal.SIGKILL) -> None:
    """Signal the process and its children; SIGKILL them if they outlive 40 s."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def silent_mail_server() -> int:
    """A mail server that takes connections and never says a word; returns its port."""
    listener = socket.create_server(("127.0.0.1", 0))
    held = []

    def accept():
        while True:
            held.append(listener.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    return listener.getsockname()[1]


def make_database(url: str) -> str:
    import psycopg

    name = "peerwork_smoke"
    with psycopg.connect(f"{url}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return f"{url}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432")
    options = parser.parse_args()
    var = ROOT / "var" / "smoke"
    database_url = make_database(options.database_url)
    env = {
        **os.environ,
        "PEERWORK_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        # A mail server that never answers: every email fails to send, and must be kept.
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(silent_mail_server()),
        "EMAIL_TIMEOUT": "5",
        "PEERWORK_VAR_DIR": str(var),
        "STATIC_ROOT": str(var / "static"),
        "MEDIA_ROOT": str(var / "media"),
        "PEERWORK_WORKER_BEAT_SECONDS": "1",
        "PEERWORK_TASK_STALE_SECONDS": "4",
        "LOG_LEVEL": "WARNING",
    }
    for name in ("DJANGO_SETTINGS_MODULE", "PEERWORK_TASKS"):
        env.pop(name, None)

    def peerwork(*args, environment=env):
        subprocess.run([*PEERWORK, *args], env=environment, check=True)

    peerwork("migrate", "--no-input", "-v", "0")
    peerwork("collectstatic", "--no-input", "--clear", "-v", "0")
    peerwork("check", "--deploy", "--fail-level", "WARNING")
    # The demo's records (engagements forming teams, a pool of peers), loaded as the
    # demo does; production leaves the demo app out, so it is loaded in local mode.
    local = {**env, "PEERWORK_ENV": "local", "PEERWORK_EMAIL_DIR": str(var / "demo-mail")}
    subprocess.run(
        [*PEERWORK, "demo", "--no-serve"], env=local, check=True, stdout=subprocess.DEVNULL
    )
    peerwork(
        "shell",
        "--no-imports",
        "-c",
        "from peerwork.accounts.models import User; "
        "from django_otp.plugins.otp_totp.models import TOTPDevice; "
        f"user = User.objects.create_user({EMAIL!r}, {PASSWORD!r}, role='programme_staff', "
        "full_name='Sam Smoke'); "
        f"TOTPDevice.objects.create(user=user, key={TWO_FACTOR_KEY!r}, name='smoke')",
    )

    server = start(env, "serve", f"--bind=127.0.0.1:{PORT}", "--workers=2")
    worker = start(env, "worker")
    try:
        check_pages(database_url)
        check_an_email_survives_a_killed_worker(env, database_url, worker)
        check_a_batch_run_survives_a_killed_web_process(env, database_url, server)
    finally:
        for process in STARTED:
            kill(process, signal.SIGTERM)
    print("smoke: production mode answered every request rightly and lost no work")


def wait_for_server() -> None:
    def answers():
        try:
            return get("/health/")[0] == 200
        except OSError:
            return False

    wait_for("the server answering", answers, seconds=30)


def check_pages(database_url: str) -> None:
    wait_for_server()

    def worker_seen():
        return json.loads(get("/health/")[2])["queue"]["workers"] >= 1

    wait_for("the health check seeing the worker", worker_seen, seconds=30)
    status, _, body = get("/health/")
    expect("the health check", status, 200)
    health = json.loads(body)
    if health["status"] != "ok" or health["queue"]["state"] != "ok":
        sys.exit(f"smoke: the health check says {health}")

    status, _, body = get("/")
    expect("the home page", status, 200)
    stylesheet = re.search(rb'href="(/static/peerwork/peerwork\.[0-9a-f]+\.css)"', body)
    if not stylesheet:
        sys.exit("smoke: the home page does not link a hashed stylesheet")
    status, headers, css = get(stylesheet.group(1).decode(), {"Accept-Encoding": "gzip"})
    expect("the stylesheet", status, 200)
    if headers.get("Content-Encoding") != "gzip" or len(css) < 1000:
        sys.exit(f"smoke: the stylesheet came {len(css)} bytes, not compressed: {headers}")
    if "max-age=315360000" not in headers.get("Cache-Control", ""):
        sys.exit(f"smoke: the stylesheet is not cached for ever: {headers}")

    status, _, body = get("/no-such-page/")
    expect("a page that is not there", status, 404)


TASK_STATUS = "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s"


def check_an_email_survives_a_killed_worker(env, database_url, worker):
    status, _, _ = form_post("/password-reset/", {"email": EMAIL}, {}, None)
    expect("a password reset while the mail server does not answer", status, 302)

    def email():
        return query(
            database_url,
            "SELECT status, attempts, last_error, task_id FROM core_outgoingemail "
            "WHERE recipients::text LIKE %s",
            f"%{EMAIL}%",
        )

    def sending():
        row = email()
        if row is None or row[3] is None:
            return None
        task = query(
            database_url,
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s",
            row[3],
        )
        return row[3] if task and task[0] == "RUNNING" else None

    first_task = wait_for("the worker sending the email", sending, seconds=30)
    kill(worker)
    print("smoke: the worker was killed (SIGKILL) while it waited for the mail server")
    start(env, "worker")
    status, attempts, error, task_id = wait_for(
        "the next worker trying the email", lambda: (r := email()) and r[1] >= 1 and r, 60
    )
    abandoned = query(
        database_url,
        "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s",
        first_task,
    )[0]
    if status != "waiting" or not error or task_id == first_task or abandoned != "FAILED":
        sys.exit(
            f"smoke: the email is {status!r} after {attempts} tries ({error!r}); "
            f"the killed worker's task is {abandoned!r}"
        )
    print(f"smoke: the next worker took the email up and keeps it for a retry: {error[:50]}")


def sign_in(jar) -> dict:
    from django_otp.oath import totp

    status, headers, _ = form_post(
        "/sign-in/", {"username": EMAIL, "password": PASSWORD}, jar, None
    )
    expect("the password", status, 302)
    if headers["Location"] != "/sign-in/code/":
        sys.exit(f"smoke: the password led to {headers['Location']}, not the code page")
    code = f"{totp(bytes.fromhex(TWO_FACTOR_KEY)):06d}"
    status, headers, _ = form_post("/sign-in/code/", {"code": code}, jar, headers)
    expect("signing in with a code from the app", status, 302)
    return headers


def check_a_batch_run_survives_a_killed_web_process(env, database_url, server):
    jar: dict[str, str] = {}
    headers = sign_in(jar)
    status, _, body = get("/engagements/", {"Cookie": cookies_from(headers, jar)})
    expect("a signed-in page", status, 200)
    if b"Sam Smoke" not in body:
        sys.exit("smoke: the signed-in page does not name the person")

    today = datetime.date.today()
    until = today + datetime.timedelta(days=150)
    fields = {"time_limit": "8"}
    for name, day in (("period_from", today), ("period_to", until)):
        fields |= {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}
    status, headers, _ = form_post("/matching/batch/", fields, jar, headers)
    expect("starting a batch run", status, 302)
    run_id = int(re.search(r"/matching/batch/(\d+)/", headers["Location"]).group(1))

    kill(server)
    print("smoke: the web process was killed (SIGKILL) just after starting the run")
    start(env, "serve", f"--bind=127.0.0.1:{PORT}", "--workers=2")
    wait_for_server()

    def finished():
        row = query(database_url, "SELECT status FROM matching_batchrun WHERE id = %s", run_id)
        return row[0] if row[0] in {"done", "failed", "cancelled"} else None

    if (status := wait_for("the worker finishing the run", finished, seconds=120)) != "done":
        sys.exit(f"smoke: the batch run ended {status!r}")
    # Sessions live in the database: the person is still signed in after the restart.
    status, _, body = get(f"/matching/batch/{run_id}/", {"Cookie": cookies_from(None, jar)})
    expect("the finished run's page, still signed in", status, 200)
    if b"Proposals to review" not in body:
        sys.exit("smoke: the finished run's page shows no proposals")
    print("smoke: the worker finished the batch run the killed web process started")


if __name__ == "__main__":
    main()
