"""The annual report's pages and downloads, the records behind a figure, and targets."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from peerwork.accounts.models import Role
from peerwork.impact.models import Target
from peerwork.impact.targets.selectors import AMBER, GREEN, RED, quarterly_return, status
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory
from tests.impact.test_annual import delivered
from tests.peers.factories import PeerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    """Three peer challenges in 2019/20, one in 2018/19, with a peer on one team."""
    council = CouncilFactory(short_name="Lowmoor")
    first = delivered(council, "corporate-peer-challenge", datetime.date(2019, 6, 3))
    delivered(CouncilFactory(), "corporate-peer-challenge", datetime.date(2019, 9, 3))
    delivered(CouncilFactory(), "finance-peer-challenge", datetime.date(2020, 1, 3))
    delivered(council, "finance-peer-challenge", datetime.date(2018, 6, 3))
    first.team.create(
        place=1,
        role="Lead peer",
        peer=PeerFactory(full_name="Robin Lead"),
        status="accepted",
        days=4,
        invited_by=UserFactory(role=Role.PROGRAMME_STAFF),
    )
    return council


def _signed_in(client, role):
    client.force_login(UserFactory(role=role))
    return client


def test_staff_read_the_year_with_the_year_before_and_links_to_records(client, records):
    page = _signed_in(client, Role.PROGRAMME_STAFF).get(reverse("impact:annual", args=[2019]))
    html = page.content.decode()

    assert "Annual report 2019/20" in html
    assert reverse("impact:annual-records", args=[2019, "peer_challenges"]) in html
    assert "<svg" in html and 'role="img"' in html
    assert "+2" in html  # 3 peer challenges against 1 the year before


def test_board_members_read_the_report_without_links_to_records(client, records):
    page = _signed_in(client, Role.BOARD_MEMBER).get(reverse("impact:annual", args=[2019]))

    assert page.status_code == 200
    assert "/records/" not in page.content.decode()
    records_page = client.get(reverse("impact:annual-records", args=[2019, "peer_challenges"]))
    assert records_page.status_code == 403


def test_a_year_with_no_records_says_no_data(client, db):
    page = _signed_in(client, Role.PROGRAMME_STAFF).get(reverse("impact:annual", args=[2016]))

    assert "There are no records for this year" in page.content.decode()
    assert "No data" in page.content.decode()


def test_a_year_out_of_range_is_not_found(client, db):
    _signed_in(client, Role.PROGRAMME_STAFF)

    assert client.get(reverse("impact:annual", args=[1999])).status_code == 404
    assert client.get(reverse("impact:annual-download", args=[2019, "doc"])).status_code == 404


def test_the_year_picker_opens_the_chosen_year(client, db):
    page = _signed_in(client, Role.BOARD_MEMBER).get(reverse("impact:annual-index"), {"year": 2019})

    assert page.url == reverse("impact:annual", args=[2019])


def test_the_records_behind_a_figure_list_what_it_counted(client, records):
    _signed_in(client, Role.PROGRAMME_STAFF)
    challenges = client.get(reverse("impact:annual-records", args=[2019, "peer_challenges"]))
    peers = client.get(reverse("impact:annual-records", args=[2019, "peers_used"]))

    assert challenges.content.decode().count("govuk-table__row") == 1 + 3
    assert "Lowmoor" in challenges.content.decode()
    assert "Robin Lead" in peers.content.decode()
    assert client.get(reverse("impact:annual-records", args=[2019, "nonsense"])).status_code == 404


def test_csv_xlsx_and_json_hold_the_same_numbers(client, records, tmp_path):
    _signed_in(client, Role.BOARD_MEMBER)
    url = reverse("impact:annual-download", args=[2019, "csv"])
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("impact:annual-download", args=[2019, "xlsx"])).content)
    )
    output = tmp_path / "report.json"
    call_command("report", "annual", "--year", "2019", "--format", "json", "--output", str(output))
    figures = {f["key"]: f for f in json.loads(output.read_text())["figures"]}
    sheet = {row[1]: row for row in workbook["Figures"].iter_rows(min_row=2, values_only=True)}

    by_key = {row["key"]: row for row in rows}
    assert client.get(url).content.startswith(b"\xef\xbb\xbfsection,key,")
    for each in workbook.worksheets:  # the header in row 1, frozen
        assert each.freeze_panes == "A2"
    assert [c.value for c in workbook["Figures"][1]][:3] == ["section", "key", "figure"]
    assert by_key["peer_challenges"]["value"] == "3"
    assert by_key["peer_challenges"]["previous_year_value"] == "1"
    assert by_key["councillors_on_leadership"]["value"] == ""  # no data, not 0
    assert by_key["councillors_on_leadership"]["note"] == "No data"
    assert by_key["reach_peer_support_share"]["value"] == "75.0"  # 3 of the 4 councils
    assert by_key["trend_peer_challenges"]["value"] == "3"
    # Every figure, this year and last, is the same number in all three files.
    for key, row in by_key.items():
        if key == "by_type":
            continue
        for column, index in (("value", 4), ("previous_year_value", 6)):
            in_sheet = sheet[key][index]
            in_json = figures[key][column] if key in figures else in_sheet
            assert (row[column] == "") == (in_sheet is None) == (in_json is None), key
            if in_sheet is not None:
                assert float(row[column]) == float(in_sheet) == float(in_json), key


def test_the_pdf_is_a_real_pdf_with_the_figures(client, records, tmp_path):
    from pypdf import PdfReader

    _signed_in(client, Role.PROGRAMME_STAFF)
    response = client.get(reverse("impact:annual-download", args=[2019, "pdf"]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.getvalue())).pages)

    assert response["Content-Type"] == "application/pdf"
    assert "Annual report 2019/20" in text
    # The figure's row as on the page: this year, the year before, the change.
    assert re.search(r"Peer challenges\s+3\s+1\s+\+2", text), text
    assert re.search(r"Corporate Peer Challenge\s+2\s+0", text)


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "pdf"])
def test_the_command_writes_every_format(records, tmp_path, fmt):
    output = tmp_path / f"annual.{fmt}"

    call_command("report", "annual", "--year", "2019", "--format", fmt, "--output", str(output))

    start = output.read_bytes()[:4]
    bom = b"\xef\xbb\xbf"
    expected = {"json": b"{\n  ", "csv": bom + b"s", "xlsx": b"PK\x03\x04", "pdf": b"%PDF"}[fmt]
    assert start == expected


def test_status_is_green_on_track_amber_within_ten_percent_red_below():
    assert status(90, Decimal(90)) == GREEN
    assert status(Decimal("81"), Decimal(90)) == AMBER
    assert status(80, Decimal(90)) == RED
    assert status(None, Decimal(90)) is None


def test_the_quarterly_return_compares_each_target_with_the_year_so_far(records):
    Target.objects.create(year=2019, figure="peer_challenges", value=8, due_quarter=4)
    Target.objects.create(year=2019, figure="corporate_peer_challenges", value=2, due_quarter=2)
    Target.objects.create(year=2019, figure="councillors_on_leadership", value=5, due_quarter=4)

    lines = {line.target.figure: line for line in quarterly_return(2019, 2)}

    # Two peer challenges by 30 September; half of 8 expected by Q2 of 4.
    assert lines["peer_challenges"].expected == 4
    assert lines["peer_challenges"].status == RED
    assert lines["corporate_peer_challenges"].status == GREEN
    assert lines["councillors_on_leadership"].status is None


def test_managers_add_a_target_and_see_it_in_the_return(client, records):
    _signed_in(client, Role.PROGRAMME_STAFF)
    response = client.post(
        reverse("impact:target-add"),
        {"year": 2019, "figure": "peer_challenges", "value": "3", "due_quarter": 4, "note": ""},
    )
    page = client.get(reverse("impact:quarterly"), {"year": 2019, "quarter": 4})

    assert response.status_code == 302
    assert "Green" in page.content.decode()


def test_a_target_with_a_negative_value_is_refused_with_a_message(client, db):
    _signed_in(client, Role.PROGRAMME_STAFF)
    response = client.post(
        reverse("impact:target-add"),
        {"year": 2019, "figure": "peer_challenges", "value": "-3", "due_quarter": 4},
    )

    assert "The target value must be 0 or more" in response.content.decode()
    assert not Target.objects.exists()


def test_a_stale_target_edit_changes_nothing(client, db):
    target = Target.objects.create(year=2019, figure="peer_challenges", value=8, due_quarter=4)
    Target.objects.filter(pk=target.pk).update(version=2, value=9)
    _signed_in(client, Role.PROGRAMME_STAFF)

    response = client.post(
        reverse("impact:target-edit", args=[target.pk]),
        {"year": 2019, "figure": "peer_challenges", "value": "7", "due_quarter": 4, "version": 1},
    )

    assert "Someone else changed this target" in response.content.decode()
    target.refresh_from_db()
    assert target.value == 9


def test_advisers_see_records_behind_figures_but_not_behind_diversity_shares(client, records):
    _signed_in(client, Role.PRINCIPAL_ADVISER)
    page = client.get(reverse("impact:annual", args=[2019])).content.decode()

    assert reverse("impact:annual-records", args=[2019, "peers_used"]) in page
    assert reverse("impact:annual-records", args=[2019, "peers_women_share"]) not in page
    assert (
        client.get(reverse("impact:annual-records", args=[2019, "peers_used"])).status_code == 200
    )
    women = client.get(reverse("impact:annual-records", args=[2019, "peers_women_share"]))
    assert women.status_code == 403


def test_the_command_says_plainly_when_it_cannot_write(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="cannot write"):
        call_command(
            "report",
            "annual",
            "--year",
            "2019",
            "--format",
            "csv",
            "--output",
            str(tmp_path / "no-such-folder" / "annual.csv"),
        )


def test_the_records_behind_a_survey_share_count_that_question_s_answers_only(client, records):
    from tests.impact.factories import respond
    from tests.impact.test_annual import at

    engagement = records.engagements.first()
    for _ in range(10):
        respond(
            engagement,
            submitted_at=at(datetime.date(2019, 8, 1)),
            positive_impact=False,
            would_recommend=True,
        )
    _signed_in(client, Role.PROGRAMME_STAFF)

    page = client.get(
        reverse("impact:annual-records", args=[2019, "council_positive_impact_share"])
    )

    cells = re.findall(r"govuk-table__cell[^>]*>([^<]*)<", page.content.decode())
    assert cells == ["10", "0"]
