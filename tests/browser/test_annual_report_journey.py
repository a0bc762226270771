"""A board member reads the 2019/20 annual report and its downloads; a peer answers a
survey; staff see this year's impact figure change.

The figures come from the demo's records for 2019/20 and 2021/22, computed by the
report; the report code knows nothing of them.
"""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from peerwork.core.periods import LONDON, year_start
from peerwork.demo.loader import (
    demo_engagements_load,
    demo_load,
    demo_peer_record_link,
    demo_pool_load,
)
from peerwork.demo.management.commands.demo import DATA
from peerwork.demo.records import demo_records_load
from peerwork.engagements.models import Engagement
from peerwork.impact.surveys import services
from peerwork.offers.models import Offer
from peerwork.peers.models import Peer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = datetime.date(2026, 11, 25)
# What the association published for 2019/20 and 2021/22; the demo's records give them.
PUBLISHED_2019 = {
    "Peer challenges": "129",
    "Corporate peer challenges": "60",
    "Peers used": "784",
    "Councillors on leadership programmes": "958",
    "Graduates placed in councils (ngdp)": "149",
    "Applications to the graduate programme (ngdp)": "5,000",
    "Savings and income verified": "£38,500,000",
    "Councils with savings or income verified": "43",
}
PEER_FIGURE = "Peers reporting a positive impact on their own development"


@pytest.fixture
def demo_records():
    call_command("import-councils", str(DATA / "councils.csv"), stdout=io.StringIO())
    demo_load()
    demo_peer_record_link()
    demo_pool_load(size=900)
    demo_engagements_load(today=TODAY)
    demo_records_load(today=TODAY)


def _figure(page, label: str) -> str:
    """The "this year" cell of the figure's row in the report's tables."""
    row = page.locator("tr").filter(
        has=page.locator("th", has_text=re.compile(f"^{re.escape(label)}"))
    )
    return " ".join(row.first.locator("td").first.inner_text().split())


def _answered(shown: str) -> int:
    """How many answered, from "75% of 4"; none when it shows "No data"."""
    if shown == "No data":
        return 0
    return int(re.search(r"of ([\d,]+)", shown).group(1).replace(",", ""))


def _peer_survey_link(live_server) -> str:
    """A corporate peer challenge delivered this year closes; its peer is sent a survey."""
    engagement = (
        Engagement.objects.filter(offer__slug="corporate-peer-challenge", team__status="accepted")
        .order_by("-pk")
        .first()
    )
    peer = Peer.objects.filter(memberships__engagement=engagement).first()
    fresh = Engagement.objects.create(
        council=engagement.council,
        offer=Offer.objects.get(slug="corporate-peer-challenge"),
        status="closed",
        description="A corporate peer challenge this year",
        contact_name="Chris Contact",
        contact_email="contact@example.org",
        requested_by=engagement.requested_by,
    )
    delivered_on = timezone.localdate() - datetime.timedelta(days=1)
    day = datetime.datetime.combine(delivered_on, datetime.time(9), LONDON)
    fresh.sessions.create(kind="on_site", starts_at=day, ends_at=day + datetime.timedelta(hours=8))
    fresh.team.create(
        place=1,
        role="Officer peer",
        peer=peer,
        status="accepted",
        days=4,
        invited_by=engagement.requested_by,
    )
    mail.outbox.clear()
    services.surveys_send(fresh, base_url=live_server.url + "/")
    letter = next(m for m in mail.outbox if peer.email in m.to)
    return re.search(r"https?://\S+/surveys/[0-9a-f-]+/", letter.body).group(0)


def test_the_annual_report_its_downloads_and_a_survey_answer(journey, live_server, demo_records):
    page = journey.page
    journey.sign_in("board@peerwork.test", "demo-board-2026")
    journey.follow(page.get_by_role("link", name="Impact", exact=True))
    page.get_by_label("Year").select_option(label="2019/20")
    journey.follow(page.get_by_role("button", name="Show the report"))

    assert page.get_by_role("heading", level=1).inner_text() == "Annual report 2019/20"
    for label, shown in PUBLISHED_2019.items():
        assert _figure(page, label) == shown, label
    assert "£38.5m" in page.locator(".pw-headlines").inner_text()
    assert page.locator("svg.pw-chart").count() >= 2
    assert page.get_by_role("link", name=re.compile("records")).count() == 0  # board: no records

    pdf = page.request.get(
        journey.base_url
        + page.get_by_role("link", name="Download the report (PDF)").get_attribute("href")
    )
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the figures (spreadsheet, XLSX)").click()
    assert download.value.suggested_filename == "annual-report-2019-20.xlsx"
    with open(download.value.path(), "rb") as saved:
        sheet = load_workbook(io.BytesIO(saved.read()))["Figures"]
    # The header is row 1 (frozen); the figures follow it.
    cells = {row[2]: row[4] for row in sheet.iter_rows(min_row=2, values_only=True)}
    for label, shown in PUBLISHED_2019.items():
        # In the PDF's table the figure's row reads: label, this year, the year before.
        assert re.search(rf"{re.escape(label)}\s+{re.escape(shown)}\s", text), label
        assert f"{cells[label]:,}".removesuffix(".00") == shown.lstrip("£"), label

    journey.goto("/impact/annual/2021/")
    assert int(_figure(page, "Councillors on leadership programmes").replace(",", "")) > 2000
    assert _figure(
        page, "Councils reporting a positive impact of a corporate peer challenge"
    ).startswith("100%")
    assert _figure(page, "Councils engaged in the climate change programme").startswith("98.5%")
    assert _figure(
        page, "Housing advisers participants reporting a lasting positive impact"
    ).startswith("97%")

    this_year = year_start(timezone.localdate()).year
    journey.goto(f"/impact/annual/{this_year}/")
    before = _answered(_figure(page, PEER_FIGURE))
    journey.sign_out()

    link = _peer_survey_link(live_server)
    journey.goto(link.removeprefix(live_server.url))
    page.get_by_role("group", name=re.compile("own learning")).get_by_label("Yes").check()
    page.get_by_role("group", name=re.compile("satisfied")).get_by_label("5", exact=False).check()
    journey.follow(page.get_by_role("button", name=re.compile("Send")))
    assert "Thank you" in page.get_by_role("heading", level=1).inner_text()

    journey.sign_in("staff@peerwork.test", "demo-staff-2026")
    journey.goto(f"/impact/annual/{this_year}/")
    after = _figure(page, PEER_FIGURE)
    assert _answered(after) == before + 1, after
    journey.follow(
        page.get_by_role("link", name=re.compile(f"records behind {re.escape(PEER_FIGURE)}"))
    )
    assert "Corporate Peer Challenge" in page.locator("table").inner_text()
