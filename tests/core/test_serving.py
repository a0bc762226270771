"""A reading request whose client has hung up is answered 499 without running."""

import socket
import subprocess
import sys
import textwrap
import time

import pytest

from peerwork.core.serving import GONE, client_gone, skip_abandoned


class Inner:
    def __init__(self):
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        start_response("200 OK", [])
        return [b"ran"]


def _statuses():
    seen = []
    return seen, lambda status, headers: seen.append(status)


@pytest.fixture
def connection():
    server_end, client_end = socket.socketpair()
    yield server_end, client_end
    server_end.close()
    client_end.close()


def test_a_request_whose_client_waits_is_run(connection):
    server_end, _ = connection
    inner, (seen, start_response) = Inner(), _statuses()

    body = skip_abandoned(inner)(
        {"REQUEST_METHOD": "GET", "gunicorn.socket": server_end}, start_response
    )

    assert inner.calls == 1 and body == [b"ran"] and seen == ["200 OK"]


def test_a_get_whose_client_has_hung_up_is_not_run(connection):
    server_end, client_end = connection
    client_end.close()
    inner, (seen, start_response) = Inner(), _statuses()

    skip_abandoned(inner)({"REQUEST_METHOD": "GET", "gunicorn.socket": server_end}, start_response)

    assert inner.calls == 0 and seen == [GONE]


def test_a_post_is_run_even_when_its_client_has_hung_up(connection):
    server_end, client_end = connection
    client_end.close()
    inner, (seen, start_response) = Inner(), _statuses()

    skip_abandoned(inner)({"REQUEST_METHOD": "POST", "gunicorn.socket": server_end}, start_response)

    assert inner.calls == 1 and seen == ["200 OK"]


def test_more_bytes_waiting_is_not_a_hang_up(connection):
    server_end, client_end = connection
    client_end.sendall(b"GET /next HTTP/1.1\r\n")

    assert not client_gone({"gunicorn.socket": server_end})


def test_without_gunicorns_socket_every_request_is_run():
    inner, (seen, start_response) = Inner(), _statuses()

    skip_abandoned(inner)({"REQUEST_METHOD": "GET"}, start_response)

    assert inner.calls == 1 and seen == ["200 OK"]


APP = """
import pathlib
import time

from peerwork.core.serving import skip_abandoned

HERE = pathlib.Path(__file__).parent


def inner(environ, start_response):
    if environ["PATH_INFO"] == "/hold":
        (HERE / "holding").touch()
        while not (HERE / "release").exists():
            time.sleep(0.02)
    else:
        with open(HERE / "ran", "a") as ran:
            ran.write(environ["PATH_INFO"] + "\\n")
    start_response("200 OK", [("Content-Length", "2")])
    return [b"ok"]


application = skip_abandoned(inner)
"""


def _wait_for(condition, what):
    deadline = time.monotonic() + 30
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


def _request(port, path):
    client = socket.create_connection(("127.0.0.1", port), timeout=30)
    client.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    return client


@pytest.mark.parametrize("threads", [1, 2])
def test_gunicorn_does_not_run_a_queued_request_whose_client_left(tmp_path, threads):
    """One worker with `threads` threads, every thread held; a request that waited
    behind them and was given up is never run, the next one is."""
    (tmp_path / "held_app.py").write_text(textwrap.dedent(APP))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "held_app:application"),
            f"--chdir={tmp_path}",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
            f"--threads={threads}",
            "--log-level=warning",
        ],
    )
    try:
        _wait_for(lambda: _connects(port), "gunicorn to listen")
        held = [_request(port, "/hold") for _ in range(threads)]
        _wait_for(lambda: (tmp_path / "holding").exists(), "the held requests to start")
        given_up = _request(port, "/given-up")
        given_up.close()
        (tmp_path / "release").touch()
        for client in held:
            assert client.recv(100).startswith(b"HTTP/1.1 200")
            client.close()
        waiting = _request(port, "/waited")
        assert waiting.recv(100).startswith(b"HTTP/1.1 200")
        waiting.close()
    finally:
        server.terminate()
        server.wait(timeout=30)

    assert (tmp_path / "ran").read_text().split() == ["/waited"]


def _connects(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False
