"""Programme staff import savings (a bad file first), set a target, and follow the
annual report's savings figure back to the rows they imported."""

import datetime

import pytest
from django.utils import timezone

from peerwork.core.periods import year_label, year_start
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long demo password 2026"


@pytest.fixture
def staff():
    user = UserFactory(role="programme_staff", email="sam@example.org")
    user.set_password(PASSWORD)
    user.save()
    return user


def _csv(tmp_path, name, rows):
    path = tmp_path / name
    header = "council,kind,amount,description,verified_on\n"
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return str(path)


def test_staff_import_savings_set_a_target_and_trace_the_figure(journey, staff, tmp_path):
    CouncilFactory(code="LWM", short_name="Lowmoor")
    CouncilFactory(code="HIG", short_name="Highfield")
    year = year_start(timezone.localdate()).year
    # Two days this year that have passed (1 April is always in this year).
    first, second = datetime.date(year, 4, 1), datetime.date(year, 4, 2)
    page = journey.page
    journey.sign_in("sam@example.org", PASSWORD)
    journey.follow(page.get_by_role("link", name="Programmes", exact=True))
    journey.follow(page.get_by_role("link", name="Savings and income"))
    journey.follow(page.get_by_role("link", name="Import savings and income from a CSV file"))

    bad = _csv(
        tmp_path,
        "bad.csv",
        [
            f"LWM,saving,-20,Shared waste contract,{first}",
            f"XXX,income,500,Trading company,{first}",
            f"HIG,saving,250000,Joint procurement,{second}",
        ],
    )
    page.get_by_label("CSV file").set_input_files(bad)
    journey.follow(page.get_by_role("button", name="Import"))

    summary = page.locator(".govuk-error-summary").inner_text()
    assert "2 problem(s)" in summary and "Nothing was imported" in summary
    problems = page.locator("#import-problems").inner_text()
    assert "Line 2:" in problems and "must not be negative" in problems
    assert "Line 3:" in problems and "XXX" in problems

    good = _csv(
        tmp_path,
        "good.csv",
        [
            f"LWM,saving,1200000,Shared waste contract,{first}",
            f"HIG,income,300000.50,Trading company,{second}",
        ],
    )
    page.get_by_label("CSV file").set_input_files(good)
    journey.follow(page.get_by_role("button", name="Import"))
    assert "2 added" in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator("table").get_by_text("Shared waste contract").count() == 1

    journey.goto("/programmes/polling/import/")
    polling = tmp_path / "polling.csv"
    polling.write_text(
        "number,fieldwork_from,fieldwork_to,sample_size,satisfied_with_area,"
        "satisfied_with_council,value_for_money,acts_on_concerns,keeps_informed,trust_council\n"
        "40,2025-02-10,2025-02-14,1026,76.8,57.7,40.7,53.4,57.2,57.7\n"
        "41,2025-06-09,2025-06-13,1000,76.8,56.0,41.2,54.5,57.7,56.3\n",
        encoding="utf-8",
    )
    page.get_by_label("CSV file").set_input_files(str(polling))
    journey.follow(page.get_by_role("button", name="Import"))
    journey.follow(page.get_by_role("link", name="See resident satisfaction across polling rounds"))
    assert page.locator("svg.pw-chart").count() == 1
    assert "56.0%" in page.locator("table").inner_text()

    journey.goto("/impact/quarterly-return/")
    journey.follow(page.get_by_role("link", name="Add a target"))
    page.get_by_label("Year").select_option(label=year_label(year))
    page.get_by_label("Figure").select_option(value="savings_total")
    page.get_by_label("Target value").fill("1000000")
    page.get_by_label("Due by the end of quarter").select_option(label="Q4")
    journey.follow(page.get_by_role("button", name="Save the target"))
    row = page.locator("tr", has_text="Savings and income verified")
    assert "£1,500,000.50" in row.inner_text()
    assert "Green" in row.inner_text()

    journey.goto(f"/impact/annual/{year}/")
    row = page.locator("tr", has=page.locator("th", has_text="Savings and income verified"))
    assert "£1,500,000.50" in row.inner_text()
    journey.follow(row.get_by_role("link", name="records"))
    table = page.locator("table").inner_text()
    assert "Lowmoor" in table and "£1,200,000.00" in table and "Highfield" in table
