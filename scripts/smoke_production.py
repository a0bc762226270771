"""Production mode as an operator runs it, on the local PostgreSQL: a fresh database,
`migrate`, `collectstatic`, `check --deploy`, then `peerwork serve` (gunicorn) in its own
process, asked over HTTP for the health check, the home page, its stylesheet, a page
that is not there, and a signed-in page. Stops the server before it exits.

Usage: scripts/smoke_production.py [--database-url postgres://postgres@127.0.0.1:5432]
Exit status 0 when every answer is right; the first wrong one is printed.
"""

import argparse
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
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
    for value in headers.get_all("Set-Cookie") or []:
        for morsel in SimpleCookie(value).values():
            jar[morsel.key] = morsel.value
    return "; ".join(f"{k}={v}" for k, v in jar.items())


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
    env = {
        **os.environ,
        "PEERWORK_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": make_database(options.database_url),
        "EMAIL_HOST": "127.0.0.1",
        "PEERWORK_VAR_DIR": str(var),
        "STATIC_ROOT": str(var / "static"),
        "MEDIA_ROOT": str(var / "media"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def peerwork(*args):
        subprocess.run([*PEERWORK, *args], env=env, check=True)

    peerwork("migrate", "--no-input", "-v", "0")
    peerwork("collectstatic", "--no-input", "--clear", "-v", "0")
    peerwork("check", "--deploy", "--fail-level", "WARNING")
    peerwork(
        "shell",
        "--no-imports",
        "-c",
        "from peerwork.accounts.models import User; "
        f"User.objects.create_user({EMAIL!r}, {PASSWORD!r}, role='programme_staff', "
        "full_name='Sam Smoke')",
    )

    server = subprocess.Popen(
        [*PEERWORK, "serve", f"--bind=127.0.0.1:{PORT}", "--workers=2"],
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(60):
            try:
                status, _, body = get("/health/")
                break
            except OSError:
                time.sleep(0.5)
        else:
            sys.exit("smoke: the server did not answer within 30 s")
        expect("the health check", status, 200)

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

        jar: dict[str, str] = {}
        status, headers, body = get("/sign-in/")
        expect("the sign-in page", status, 200)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        form = (
            f"csrfmiddlewaretoken={token.decode()}&username={EMAIL}&password={PASSWORD}"
        ).encode()
        status, headers, _ = get(
            "/sign-in/",
            {
                "Cookie": cookies_from(headers, jar),
                "Origin": f"https://127.0.0.1:{PORT}",
                "Referer": f"https://127.0.0.1:{PORT}/sign-in/",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            data=form,
        )
        expect("signing in", status, 302)
        status, _, body = get("/engagements/", {"Cookie": cookies_from(headers, jar)})
        expect("a signed-in page", status, 200)
        if b"Sam Smoke" not in body:
            sys.exit("smoke: the signed-in page does not name the person")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    print("smoke: production mode answered every request rightly")


if __name__ == "__main__":
    main()
