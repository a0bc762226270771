"""Hostile input to every URL, as every role: nothing sent in a query string, a form or
the address itself gives a server error.

For each URL pattern (the records and roles of tests/test_url_access.py), hypothesis
sends requests as the roles who may open it (and now and then as anyone else), each
with one to three hostile values: null bytes, huge and negative numbers, long strings,
unicode, malformed dates and months, path fragments, lists where one value is expected.
They go to the query parameters the view reads (the fields of the forms on its page,
the names its source reads from GET or POST, and a fixed list of the usual ones) and,
for a page with a form that posts, into that form's body, every other field keeping
the value the page drew so that the hostile one gets past the form's other checks.
Now and then a part of the address is hostile too. Any 5xx, or an exception a view
lets out, fails the test with the request that caused it.

Each request runs inside a savepoint that is rolled back, so requests do not change
what the next one sees (a failing query on PostgreSQL does not poison the rest), and
each role's session is put back before every request (signing out ends nothing).
"""

import inspect
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter, SlugConverter, StringConverter, UUIDConverter
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from peerwork.accounts.models import Role
from tests.test_url_access import (
    ACCESS,
    ANONYMOUS,
    ARGUMENTS,
    POST_ONLY,
    ROLES,
    _signed_in_as,
    records,  # noqa: F401 - the fixture, used by name
)

# Examples a URL gets; with about 130 URLs, a few minutes a database.
EXAMPLES = 12

# The query parameters peerwork's lists and pages read, sent to every URL besides the
# names its own forms and source give.
USUAL_PARAMETERS = [
    "q",
    "page",
    "year",
    "month",
    "council",
    "region",
    "offer",
    "status",
    "sort",
    "kind",
    "part",
    "role",
    "skill",
    "level",
    "change",
    "next",
    "format",
]

HOSTILE_VALUES = [
    "\x00",
    "a\x00b",
    "%00",
    "",
    " ",
    "0",
    "-1",
    "-0",
    "00000000000000000000001",
    "2147483648",
    "9223372036854775808",
    "99999999999999999999999",
    "-99999999999999999999999",
    "9" * 5000,
    "1e309",
    "NaN",
    "inf",
    "2.5",
    "²",
    "١٢",
    "𝟗",
    "9999-12",
    "0001-01",
    "0000-00",
    "2027-13",
    "2027-02-30",
    "31/12/2027",
    "T00:00",
    "../../../etc/passwd",
    "/\\evil.test",
    "//evil.test/",
    "https://evil.test/",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "%(name)s",
    "x" * 100_000,
    "Siân Ó Ceallaigh 🧪",
    "\u202e\u200b\ufeff",
]


def hostile_value():
    single = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=40))
    # A list: the name sent several times, where a view expects one value (or the other
    # way round).
    return st.one_of(single, single, single, st.lists(single, min_size=2, max_size=3))


# Hostile parts of an address, for each kind of URL converter: always values the
# converter accepts, so that the view itself receives them.
HOSTILE_PATH = {
    IntConverter: st.sampled_from(
        ["0", "00", "2147483648", "9223372036854775808", "99999999999999999999999", "9" * 400]
    ),
    SlugConverter: st.sampled_from(["a" * 400, "-", "_", "x-y", "0", "corporate-peer"]),
    StringConverter: st.sampled_from(
        ["\x00", "a\x00b", "..", "ü", "a" * 400, "<script>", "' OR 1=1", "%2F", " "]
    ),
    UUIDConverter: st.uuids().map(str),
}


UNSENT = ("submit", "button", "image", "reset", "file")


class _Forms(HTMLParser):
    """Every form on a page: its method, action and fields, with the values drawn."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            method = (a.get("method") or "get").lower()
            self.forms.append(
                {"method": method, "action": a.get("action") or "", "fields": [], "names": set()}
            )
        elif tag == "option" and self._select is not None:
            if "selected" in a:
                self._select[2].append(a.get("value", ""))
        elif self.forms and a.get("name"):
            self._named(tag, a, self.forms[-1])

    def _named(self, tag, a, form):
        name = a["name"]
        form["names"].add(name)
        kind = (a.get("type") or "text").lower()
        # What the browser would send: a ticked box, a typed value, the first button.
        sent = (
            (tag == "input" and kind in ("checkbox", "radio") and "checked" in a)
            or (tag == "input" and kind not in ("checkbox", "radio", *UNSENT))
            or (tag == "button" and not any(n == name for n, _ in form["fields"]))
        )
        if sent:
            ticked = kind in ("checkbox", "radio")
            form["fields"].append((name, a.get("value", "on" if ticked else "")))
        elif tag == "select":
            self._select = (name, "multiple" in a, [])
        elif tag == "textarea":
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None and self.forms:
            name, _multiple, chosen = self._select
            self.forms[-1]["fields"] += [(name, value) for value in chosen]
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self.forms:
            self.forms[-1]["fields"].append(tuple(self._textarea))
            self._textarea = None


@dataclass
class Form:
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    names: set[str] = field(default_factory=set)


def _forms_on(html: str, page: str, target: str) -> list[Form]:
    """The forms of the page at `page` that send to `target`."""
    parser = _Forms()
    parser.feed(html)
    found = []
    for form in parser.forms:
        if (urlsplit(form["action"]).path or page) == target:
            found.append(Form(form["method"], form["fields"], form["names"]))
    return found


# Where the form of a URL that only takes POST is drawn (when the records show it).
FORM_PAGES = {
    "engagements:move": "engagements:detail",
    "engagements:note": "engagements:detail",
    "engagements:session-cancel": "engagements:sessions",
    "engagements:documents-send": "engagements:documents",
    "engagements:shortlist-send": "engagements:team",
    "matching:repair": "engagements:team",
    "matching:batch-cancel": "matching:batch-run",
    "reports:start": "reports:report",
    "reports:summary": "reports:report",
    "reports:send": "reports:report",
    "reports:publish": "reports:report",
    "reports:resolve": "reports:report",
    "reports:comment": "reports:section",
    "reports:action-plan-publish": "reports:action-plan",
    "accounts:sign-out": "home:home",
    "peers:my-availability-remove": "peers:my-availability",
    "peers:my-interests-withdraw": "peers:my-interests",
}

# The role whose page shows a URL's forms, best first.
FORM_ROLES = [
    Role.ADMINISTRATOR,
    Role.PROGRAMME_STAFF,
    Role.PRINCIPAL_ADVISER,
    Role.PEER,
    Role.COUNCIL_CONTACT,
    Role.BOARD_MEMBER,
    ANONYMOUS,
]

_READS = re.compile(r"""\b(?:GET|POST|data)(?:\.get\(|\[)\s*f?["']([\w-]+)""")


def _view_source(name: str, url: str) -> str:
    view = inspect.unwrap(resolve(urlsplit(url).path).func)
    view = getattr(view, "view_class", view)
    try:
        return inspect.getsource(inspect.getmodule(view))
    except (OSError, TypeError):
        return ""


def _names_read(source: str) -> set[str]:
    """The GET and POST names the view's module reads itself (a name built with an
    f-string, like f"place-{n}", is sent as place-1)."""
    return {n + "1" if n.endswith("-") else n for n in _READS.findall(source)}


def _converters(resolver=None, namespace="", inherited=None):
    """url name -> {argument: converter} for every pattern."""
    resolver = resolver or get_resolver()
    inherited = inherited or {}
    for entry in resolver.url_patterns:
        converters = {**inherited, **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _converters(entry, inner, converters)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", converters


CONVERTERS = dict(_converters())


def _allowed(name: str) -> list[str]:
    allowed = ACCESS.get(name) or POST_ONLY.get(name) or set()
    return [role for role in ROLES if role in allowed]


@dataclass
class Plan:
    """What the test knows about one URL before it attacks it."""

    name: str
    kwargs: dict
    roles: list[str]  # who may open it
    forms: list[Form]  # the forms drawn for it, then a bare GET and (if it takes one) POST
    names: list[str]  # every name it may read
    read: list[str]  # the names its view's module reads from GET or POST itself
    drawn_as: str | None = None  # the role its forms were drawn for


def _plan(name: str, found: dict, clients: dict) -> Plan:
    kwargs = found[ARGUMENTS[name]] if name in ARGUMENTS else {}
    url = reverse(name, kwargs=kwargs)
    plan = Plan(name, kwargs, _allowed(name), [], [], [])
    page_name = FORM_PAGES.get(name, name if name in ACCESS else None)
    if page_name:
        page_kwargs = found[ARGUMENTS[page_name]] if page_name in ARGUMENTS else {}
        page = reverse(page_name, kwargs=page_kwargs)
        for role in FORM_ROLES:
            if role not in ACCESS[page_name]:
                continue
            response = clients[role].get(page)
            if response.status_code == 200 and "text/html" in response["Content-Type"]:
                plan.forms = _forms_on(response.content.decode(), page, url)
                plan.drawn_as = role
                break
    source = _view_source(name, url)
    plan.forms.append(Form("get"))
    if name in POST_ONLY or "POST" in source or any(f.method == "post" for f in plan.forms):
        plan.forms.append(Form("post"))
    plan.read = sorted(_names_read(source))
    names = set(USUAL_PARAMETERS) | set(plan.read)
    for form in plan.forms:
        names |= form.names
    names.discard("csrfmiddlewaretoken")
    plan.names = sorted(names)
    return plan


def _clients() -> dict:
    clients = {}
    for role in ROLES:
        client = Client()
        if role != ANONYMOUS:
            _signed_in_as(client, role)
        clients[role] = client
    return clients


@st.composite
def _attack(draw, plan: Plan):
    roles = plan.roles or ROLES
    role = draw(st.sampled_from(roles) if draw(st.integers(0, 4)) else st.sampled_from(ROLES))
    form = draw(st.sampled_from(plan.forms))
    own = sorted(form.names - {"csrfmiddlewaretoken"})
    keys = st.sampled_from(own) if own else st.sampled_from(plan.names)
    hostile = draw(st.dictionaries(keys, hostile_value(), min_size=1, max_size=2))
    if draw(st.booleans()):
        hostile.update(draw(st.dictionaries(st.sampled_from(plan.names), hostile_value())))
    kwargs = dict(plan.kwargs)
    if kwargs and draw(st.integers(0, 5)) == 0:
        argument = draw(st.sampled_from(sorted(kwargs)))
        converter = type(CONVERTERS[plan.name][argument])
        if converter in HOSTILE_PATH:
            kwargs[argument] = draw(HOSTILE_PATH[converter])
    return role, form, hostile, kwargs


def _send(client, form: Form, url: str, hostile: dict):
    data: dict[str, list[str]] = {}
    for name, value in form.fields:
        if name not in hostile:
            data.setdefault(name, []).append(value)
    for name, value in hostile.items():
        data[name] = value if isinstance(value, list) else [value]
    if form.method == "post":
        return client.post(url, data)
    return client.get(url, data)


def _short(value, most=80):
    text = repr(value)
    return text if len(text) <= most else f"{text[:most]}… ({len(text)} characters)"


class Attacker:
    """Sends one hostile request at a time, each as if it were the first."""

    def __init__(self, name: str, clients: dict):
        self.name = name
        self.clients = clients
        self.sessions = {
            role: client.cookies.get(settings.SESSION_COOKIE_NAME)
            for role, client in clients.items()
        }
        self.sent = 0

    def send(self, role: str, form: Form, hostile: dict, kwargs: dict) -> None:
        client = self.clients[role]
        if self.sessions[role] is not None:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role].value
        url = reverse(self.name, kwargs=kwargs)
        savepoint = transaction.savepoint()
        try:
            response = _send(client, form, url, hostile)
        finally:
            transaction.savepoint_rollback(savepoint)
        self.sent += 1
        assert response.status_code < 500, (
            f"{response.status_code} for {role} at {form.method.upper()} {_short(url)} "
            f"with {_short(hostile, 300)}"
        )


# Sent to every name a URL reads at once, as every role; and to each field of each form
# drawn for it, one at a time, the others as drawn: not a number and a null byte
# (PostgreSQL refuses it in any query), and a number no database integer holds.
SWEEP = ["x\x00", "99999999999999999999999"]


def _one_of_each(names) -> list[str]:
    """The names, with a formset's fields taken from its first form only (team-0-role
    stands for team-1-role and the rest)."""
    kept = {}
    for name in sorted(names):
        kept.setdefault(re.sub(r"-\d+-", "-#-", name), name)
    return sorted(kept.values())


@pytest.mark.parametrize("name", sorted(set(ACCESS) | set(POST_ONLY)))
def test_no_hostile_input_gives_a_server_error(records, name):  # noqa: F811
    clients = _clients()
    plan = _plan(name, records, clients)
    attacker = Attacker(name, clients)
    bare = [form for form in plan.forms if not form.names]
    for role in ROLES:
        for form in bare:
            for value in SWEEP if role in plan.roles else SWEEP[:1]:
                attacker.send(role, form, dict.fromkeys(plan.names, value), plan.kwargs)
    for form in plan.forms:
        fields = form.names - {"csrfmiddlewaretoken"} if form.names else set(plan.read)
        for field_name in _one_of_each(fields):
            for value in SWEEP:
                attacker.send(
                    plan.drawn_as or plan.roles[-1], form, {field_name: value}, plan.kwargs
                )

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(_attack(plan))
    def attack(case):
        attacker.send(*case)

    attack()


def test_every_url_is_attacked_and_every_post_only_url_has_its_form_page():
    assert set(CONVERTERS) == set(ACCESS) | set(POST_ONLY)
    assert set(FORM_PAGES) <= set(POST_ONLY)
    assert set(FORM_PAGES.values()) <= set(ACCESS)
