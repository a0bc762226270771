import datetime
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import transaction

from peerwork.core import versioning as services
from peerwork.core.errors import EditConflict
from peerwork.programmes.models import HousingSurveyResponse, PollingRound
from tests.programmes.factories import HousingSurveyResponseFactory, PollingRoundFactory

pytestmark = pytest.mark.django_db


def test_saving_from_the_current_version_raises_the_version():
    polling = PollingRoundFactory(sample_size=1000)

    saved = services.record_save(record=polling, fields={"sample_size": 1200}, expected_version="1")

    assert saved.version == 2
    assert PollingRound.objects.get().sample_size == 1200


def test_saving_from_a_stale_version_changes_nothing():
    polling = PollingRoundFactory(sample_size=1000)
    services.record_save(record=polling, fields={"sample_size": 1200}, expected_version="1")

    with pytest.raises(EditConflict):
        services.record_save(record=polling, fields={"sample_size": 999}, expected_version="1")

    saved = PollingRound.objects.get()
    assert (saved.sample_size, saved.version) == (1200, 2)


def test_a_record_without_a_version_is_protected_by_its_values():
    response = HousingSurveyResponseFactory(lasting_positive_impact=True)
    began_from = services.edit_token(response)
    services.record_save(
        record=response,
        fields={"submitted_on": datetime.date(2025, 5, 1)},
        expected_version=began_from,
    )

    with pytest.raises(EditConflict):
        services.record_save(
            record=response,
            fields={"lasting_positive_impact": False},
            expected_version=began_from,
        )

    assert HousingSurveyResponse.objects.get().lasting_positive_impact is True


def test_claiming_an_edit_raises_the_version_once():
    polling = PollingRoundFactory()

    claimed = services.edit_claim(PollingRound, polling.pk, 1)

    assert claimed.version == 2
    assert PollingRound.objects.get().version == 2
    with pytest.raises(EditConflict):
        services.edit_claim(PollingRound, polling.pk, 1)
    assert PollingRound.objects.get().version == 2


def test_a_refusal_after_the_claim_gives_the_version_back():
    polling = PollingRoundFactory()

    with pytest.raises(ValueError), transaction.atomic():
        services.edit_claim(PollingRound, polling.pk, 1)
        raise ValueError("the change was refused")

    assert PollingRound.objects.get().version == 1


@pytest.mark.parametrize("expected", [None, "", "not a number"])
def test_an_edit_without_a_readable_version_is_a_conflict(expected):
    polling = PollingRoundFactory()

    with pytest.raises(EditConflict):
        services.edit_claim(PollingRound, polling.pk, expected)

    assert PollingRound.objects.get().version == 1


def test_editing_a_record_deleted_meanwhile_is_a_conflict():
    polling = PollingRoundFactory()
    PollingRound.objects.all().delete()

    with pytest.raises(EditConflict):
        services.edit_claim(PollingRound, polling.pk, 1)


def test_a_claim_outside_a_transaction_is_refused(monkeypatch):
    polling = PollingRoundFactory()
    monkeypatch.setattr(
        services.transaction, "get_connection", lambda: SimpleNamespace(in_atomic_block=False)
    )

    with pytest.raises(RuntimeError):
        services.edit_claim(PollingRound, polling.pk, 1)


def test_every_model_with_a_version_is_versioned():
    hand_written = [
        model
        for model in apps.get_models()
        if any(f.name == "version" for f in model._meta.fields)
        and not issubclass(model, services.Versioned)
    ]

    assert hand_written == []
