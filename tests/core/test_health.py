"""The health check load balancers ask: 200 while the database answers, 503 when not."""

import json

import pytest
from django.db import DatabaseError
from django.urls import reverse


@pytest.mark.django_db
def test_health_answers_ok_without_signing_in(client):
    response = client.get(reverse("core:health"))

    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["database"] == "ok" and set(answer["queue"]) >= {"state", "workers"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_answers_503_when_the_database_does_not(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)
    response = client.get(reverse("core:health"))

    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "unreachable"


@pytest.mark.django_db
def test_every_response_carries_a_request_id_kept_from_the_load_balancer(client):
    made = client.get(reverse("core:health"))
    kept = client.get(reverse("core:health"), headers={"X-Request-ID": "lb-7f3a"})

    assert len(made["X-Request-ID"]) == 32
    assert kept["X-Request-ID"] == "lb-7f3a"


@pytest.mark.django_db
def test_with_the_database_down_a_signed_in_person_gets_the_error_page(monkeypatch):
    from django.db import OperationalError
    from django.test import Client

    from tests.accounts.factories import UserFactory

    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(role="programme_staff"))

    def refuse(*args, **kwargs):
        raise OperationalError("the database system is starting up")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)
    response = client.get(reverse("engagements:list"))

    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert b"Nothing you saved before the problem has been lost" in response.content
