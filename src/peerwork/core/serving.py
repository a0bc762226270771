"""Serving requests: a reading request whose client has hung up is not run.

Under load, requests wait for a free worker. A person who gives up (or a load balancer
that times out) closes the connection, but the request is still queued, and a worker
that takes it up renders a page nobody will read while the requests behind it wait
longer. In bench/load.py the trivial page took 3 to 17 s to answer once the 50 users of
a slow page had gone, while the workers finished requests no one was waiting for; with
this check, under 0.4 s (docs/performance.md, "Under load").

So before Django runs a GET or HEAD, `skip_abandoned` looks at the client's socket
(gunicorn passes it as `gunicorn.socket`): if the client has closed its end it answers
499 (nginx's "client closed request", for the access log) at once. A request that
changes something (POST and the rest) is always run: the person asked for it, whether
or not they wait to see the answer.
"""

import socket
from collections.abc import Callable, Iterable

READING = frozenset({"GET", "HEAD"})
GONE = "499 Client Closed Request"


def client_gone(environ: dict) -> bool:
    """True if the client has closed the connection this request came on."""
    sock = environ.get("gunicorn.socket")
    if sock is None:
        return False
    try:
        # Without waiting: b"" means the other end closed; bytes mean more is coming
        # (a body or the next request); nothing yet raises BlockingIOError.
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        # Reset by the peer, or no longer a connection.
        return True


def skip_abandoned(application: Callable) -> Callable:
    """Wrap a WSGI application so that it does not run reading requests nobody awaits."""

    def wrapped(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") in READING and client_gone(environ):
            start_response(GONE, [("Content-Length", "0"), ("Connection", "close")])
            return [b""]
        return application(environ, start_response)

    return wrapped
