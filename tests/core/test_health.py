"""The health check load balancers ask: 200 while the database answers, 503 when not."""

import json

import pytest
from django.db import DatabaseError
from django.urls import reverse


@pytest.mark.django_db
def test_health_answers_ok_without_signing_in(client):
    response = client.get(reverse("core:health"))

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_answers_503_when_the_database_does_not(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)
    response = client.get(reverse("core:health"))

    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "unreachable"
