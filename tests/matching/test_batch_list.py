"""The batch page lists every earlier run, ten a page."""

import datetime

import pytest
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.matching.models import BatchRun
from tests.pagination import assert_paginates

pytestmark = pytest.mark.django_db


def test_earlier_runs_are_listed_ten_a_page(client, sign_in):
    staff = sign_in(Role.PROGRAMME_STAFF)
    for day in range(1, 13):
        BatchRun.objects.create(
            period_from=datetime.date(2027, 3, day),
            period_to=datetime.date(2027, 4, day),
            status=BatchRun.Status.DONE,
            created_by=staff,
        )

    page = assert_paginates(client, reverse("matching:batch"), per_page=10, key="runs")

    assert page[0].period_from == datetime.date(2027, 3, 12)  # newest first
