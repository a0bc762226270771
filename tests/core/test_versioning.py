import datetime

import pytest

from peerwork.core import versioning as services
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

    with pytest.raises(services.EditConflict):
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

    with pytest.raises(services.EditConflict):
        services.record_save(
            record=response,
            fields={"lasting_positive_impact": False},
            expected_version=began_from,
        )

    assert HousingSurveyResponse.objects.get().lasting_positive_impact is True
