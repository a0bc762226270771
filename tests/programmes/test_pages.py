import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from peerwork.accounts.models import Role
from peerwork.councils.models import Party
from peerwork.programmes.kinds import KINDS
from peerwork.programmes.models import LeadershipParticipant, PollingRound, Saving
from tests.councils.factories import CouncilFactory
from tests.programmes.factories import (
    LeadershipParticipantFactory,
    PollingRoundFactory,
    SavingFactory,
)

pytestmark = pytest.mark.django_db


def _date(prefix, day, month, year):
    return {f"{prefix}-day": day, f"{prefix}-month": month, f"{prefix}-year": year}


def _upload(text, name="records.csv"):
    upload = io.BytesIO(text.encode())
    upload.name = name
    return upload


@pytest.fixture
def manager(sign_in):
    return sign_in(Role.PROGRAMME_STAFF)


@pytest.mark.parametrize("slug", sorted(KINDS))
def test_each_kind_has_a_list_an_add_form_and_an_import_page(client, manager, slug):
    list_page = client.get(reverse("programmes:list", args=[slug]))
    add_page = client.get(reverse("programmes:add", args=[slug]))
    import_page = client.get(reverse("programmes:import", args=[slug]))

    assert list_page.status_code == add_page.status_code == import_page.status_code == 200
    assert escape(str(KINDS[slug].add_title)) in list_page.content.decode()
    assert 'name="version"' in add_page.content.decode()
    assert "Rows are matched to saved records by" in import_page.content.decode()


def test_the_index_counts_each_kind_of_record(client, manager):
    SavingFactory.create_batch(3)

    page = client.get(reverse("programmes:index")).content.decode()

    assert reverse("programmes:list", args=["savings"]) in page
    assert ">3<" in page


def test_adding_a_saving_through_the_page(client, manager):
    council = CouncilFactory()

    response = client.post(
        reverse("programmes:add", args=["savings"]),
        {
            "council": council.pk,
            "kind": "income",
            "amount": "1250.50",
            "description": "Advertising on roundabouts",
            **_date("verified_on", "3", "2", "2025"),
            "version": "",
        },
    )

    assert response.status_code == 302
    saving = Saving.objects.get()
    assert (saving.kind, saving.amount, saving.council) == ("income", Decimal("1250.50"), council)


def test_a_negative_saving_is_refused_with_an_error_summary_and_nothing_saved(client, manager):
    response = client.post(
        reverse("programmes:add", args=["savings"]),
        {
            "council": CouncilFactory().pk,
            "kind": "saving",
            "amount": "-20",
            "description": "Oops",
            **_date("verified_on", "3", "2", "2025"),
        },
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "The amount must not be negative" in content
    assert not Saving.objects.exists()


def test_completed_without_attending_is_refused_on_the_form(client, manager):
    participant = LeadershipParticipantFactory(enrolled=True, attended=False)
    url = reverse("programmes:edit", args=["leadership-participants", participant.pk])

    response = client.post(
        url,
        {
            "cohort": participant.cohort.pk,
            "full_name": participant.full_name,
            "council": participant.council.pk,
            "enrolled": "on",
            "completed": "on",
            "version": "1",
        },
    )

    assert "Only a councillor who attended can complete" in response.content.decode()
    assert LeadershipParticipant.objects.get().completed is False


def _polling_form(polling, **changes):
    form = {
        "number": polling.number,
        **_date("fieldwork_from", "3", "6", "2024"),
        **_date("fieldwork_to", "9", "6", "2024"),
        "sample_size": polling.sample_size,
        **{name: getattr(polling, name) for name in PollingRound.INDICATORS},
        "version": polling.version,
    }
    return form | changes


def test_editing_a_polling_round_through_the_page(client, manager):
    polling = PollingRoundFactory()
    url = reverse("programmes:edit", args=["polling", polling.pk])
    assert "79.0" in client.get(url).content.decode()

    response = client.post(url, _polling_form(polling, trust_council="60.5"))

    assert response.status_code == 302
    saved = PollingRound.objects.get()
    assert (saved.trust_council, saved.version) == (Decimal("60.5"), 2)


def test_a_stale_edit_is_told_and_changes_nothing(client, manager):
    polling = PollingRoundFactory()
    url = reverse("programmes:edit", args=["polling", polling.pk])
    assert client.post(url, _polling_form(polling, trust_council="60.5")).status_code == 302

    second = client.post(url, _polling_form(polling, trust_council="12.0"))

    assert second.status_code == 200
    assert "Someone else changed this record" in second.content.decode()
    assert PollingRound.objects.get().trust_council == Decimal("60.5")


def test_a_percentage_over_100_is_refused(client, manager):
    polling = PollingRoundFactory()
    url = reverse("programmes:edit", args=["polling", polling.pk])

    response = client.post(url, _polling_form(polling, keeps_informed="101"))

    assert "must be a percentage from 0 to 100" in response.content.decode()
    assert PollingRound.objects.get().version == 1


def test_importing_through_the_page_applies_a_good_file(client, manager):
    CouncilFactory(code="BIR")
    text = "council,activity,took_part_on\nBIR,training,2024-06-12\nBIR,webinar,2024-07-01\n"

    response = client.post(reverse("programmes:import", args=["climate"]), {"file": _upload(text)})

    assert response.status_code == 302
    listing = client.get(response["Location"]).content.decode()
    assert "2 added, 0 changed, 0 already up to date" in listing


def test_importing_a_bad_file_lists_every_bad_line_and_imports_nothing(client, manager):
    CouncilFactory(code="BIR")
    text = (
        "council,kind,amount,description,verified_on\n"
        "BIR,saving,100,Fine,2024-12-01\n"
        "BIR,saving,-20,Negative,2024-12-01\n"
        "XYZ,income,30,Unknown,2024-12-01\n"
    )

    response = client.post(reverse("programmes:import", args=["savings"]), {"file": _upload(text)})

    content = response.content.decode()
    assert "The file has 2 problem(s) listed below. Nothing was imported." in content
    assert "Line 3: amount &#x27;-20&#x27; must not be negative" in content
    assert "Line 4: council &#x27;XYZ&#x27; is not a council in the register" in content
    assert not Saving.objects.exists()


def test_the_import_template_is_the_header_and_one_example_row(client, manager):
    response = client.get(reverse("programmes:import-template", args=["savings"]))

    lines = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert lines[0] == "\ufeffcouncil,kind,amount,description,verified_on"
    assert len(lines) == 2


def test_the_polling_trend_shows_a_chart_and_a_table_of_the_same_numbers(client, sign_in):
    sign_in(Role.PRINCIPAL_ADVISER)
    PollingRoundFactory(number=1, trust_council=Decimal("57.0"))
    PollingRoundFactory(number=2, trust_council=Decimal("63.5"))

    content = client.get(reverse("programmes:polling-trend")).content.decode()

    svg = '<svg class="pw-chart pw-chart--own-width" role="img"'
    assert f'{svg} aria-labelledby="trend-title trend-desc"' in content
    assert "round 1 to round 2" in content
    assert content.count("<polyline") == 6
    table = content[content.index('<table class="govuk-table"') :]
    assert "57.0%" in table and "63.5%" in table
    assert "Trust their council" in table


def test_the_list_filters_by_april_to_march_year(client, manager):
    SavingFactory(description="Late March", verified_on="2025-03-31")
    SavingFactory(description="Early April", verified_on="2025-04-01")

    page = client.get(reverse("programmes:list", args=["savings"]), {"year": "2024"})

    assert [s.description for s in page.context["page"]] == ["Late March"]


def test_a_principal_adviser_sees_records_but_not_political_group(client, sign_in):
    sign_in(Role.PRINCIPAL_ADVISER)
    LeadershipParticipantFactory(party=Party.objects.get(short_name="LD"))

    page = client.get(reverse("programmes:list", args=["leadership-participants"]))

    assert page.status_code == 200
    assert "Political group" not in page.content.decode()
    assert ">LD<" not in page.content.decode()


def test_a_manager_sees_political_group(client, manager):
    LeadershipParticipantFactory(party=Party.objects.get(short_name="LD"))

    page = client.get(reverse("programmes:list", args=["leadership-participants"]))

    assert "Political group" in page.content.decode()
    assert ">LD<" in page.content.decode()


def test_a_principal_adviser_cannot_add_edit_or_import(client, sign_in):
    sign_in(Role.PRINCIPAL_ADVISER)
    saving = SavingFactory(amount=Decimal("10.00"))
    CouncilFactory(code="BIR")
    form = {
        "council": saving.council.pk,
        "kind": "saving",
        "amount": "99",
        "description": saving.description,
        **_date("verified_on", "1", "12", "2024"),
        "version": "1",
    }

    edit = client.post(reverse("programmes:edit", args=["savings", saving.pk]), form)
    add = client.post(reverse("programmes:add", args=["savings"]), form)
    upload = _upload("council,kind,amount,description,verified_on\nBIR,saving,5,New,2024-12-01\n")
    imported = client.post(reverse("programmes:import", args=["savings"]), {"file": upload})

    assert edit.status_code == add.status_code == imported.status_code == 403
    assert list(Saving.objects.values_list("amount", flat=True)) == [Decimal("10.00")]
    assert (
        reverse("programmes:add", args=["savings"])
        not in client.get(reverse("programmes:list", args=["savings"])).content.decode()
    )


def test_an_unknown_kind_is_not_found(client, manager):
    assert client.get("/programmes/no-such-kind/").status_code == 404


def test_staff_see_programmes_in_the_navigation(client, sign_in):
    sign_in(Role.PRINCIPAL_ADVISER)

    page = client.get(reverse("programmes:index")).content.decode()

    assert 'href="/programmes/"' in page


def test_a_cohort_shows_its_applications_places_taken_attendance_and_completion(client, manager):
    from tests.programmes.factories import LeadershipCohortFactory

    cohort = LeadershipCohortFactory(name="Spring academy")
    for enrolled, attended, completed in [
        (False, False, False),
        (True, False, False),
        (True, True, False),
        (True, True, True),
    ]:
        LeadershipParticipantFactory(
            cohort=cohort, enrolled=enrolled, attended=attended, completed=completed
        )

    page = client.get(reverse("programmes:list", args=["leadership-cohorts"])).content.decode()

    row = page[page.index("Spring academy") :].split("</tr>")[0]
    cells = [c.split(">")[-1] for c in row.split("</td>")[:-1]]
    assert cells[-5:] == ["24", "4", "3", "2", "1"]
