import io
from decimal import Decimal

import pytest

from peerwork.accounts.models import Role
from peerwork.councils.models import Party
from peerwork.programmes.imports import IMPORTS, ImportRefused, records_import
from peerwork.programmes.models import (
    ClimateParticipation,
    ExpertEngagement,
    HousingBid,
    HousingProject,
    HousingSurveyResponse,
    LeadershipCohort,
    LeadershipParticipant,
    NgdpCohort,
    NgdpPlacement,
    PollingRound,
    Saving,
)
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory
from tests.programmes.factories import (
    HousingBidFactory,
    HousingProjectFactory,
    LeadershipCohortFactory,
    NgdpCohortFactory,
    SavingFactory,
)

pytestmark = pytest.mark.django_db


def _import(slug, text):
    return records_import(
        spec=IMPORTS[slug],
        stream=io.StringIO(text, newline=""),
        by=UserFactory(role=Role.PROGRAMME_STAFF),
    )


def _refusal(slug, text) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        _import(slug, text)
    return [str(e) for e in refused.value.errors]


@pytest.fixture
def references():
    """What the example row of each import's template refers to."""
    birmingham = CouncilFactory(code="BIR", short_name="Birmingham")
    CouncilFactory(code="SOL", short_name="Solihull")
    LeadershipCohortFactory(programme="academy", name="Academy 2024 cohort 1")
    NgdpCohortFactory(intake_year=2024)
    bid = HousingBidFactory(title="Temporary accommodation review", council=birmingham)
    HousingProjectFactory(title="Shared allocations policy", bid=bid)
    return birmingham


# What each import's example row saves: the model, and the values the row gives.
EXPECTED = {
    "leadership-cohorts": (
        LeadershipCohort,
        {"name": "Academy 2024 cohort 1", "places": 24, "ends_on": "2025-02-20"},
    ),
    "leadership-participants": (
        LeadershipParticipant,
        {"full_name": "Alex Example", "council__code": "BIR", "party__short_name": "Lab"},
    ),
    "ngdp-cohorts": (NgdpCohort, {"intake_year": 2024, "applications": 3100}),
    "ngdp-placements": (
        NgdpPlacement,
        {"graduate_name": "Sam Example", "cohort__intake_year": 2024, "council__code": "BIR"},
    ),
    "expert-engagements": (
        ExpertEngagement,
        {"expert_name": "Jo Expert", "ended_on": "2024-11-30"},
    ),
    "savings": (Saving, {"amount": Decimal("125000.00"), "council__code": "BIR", "kind": "saving"}),
    "climate": (ClimateParticipation, {"activity": "training", "took_part_on": "2024-06-12"}),
    "housing-bids": (
        HousingBid,
        {"title": "Temporary accommodation review", "awarded_amount": Decimal("75000.00")},
    ),
    "housing-projects": (HousingProject, {"title": "Shared allocations policy"}),
    "housing-survey": (HousingSurveyResponse, {"project__title": "Shared allocations policy"}),
    "polling": (PollingRound, {"number": 38, "value_for_money": Decimal("43.5")}),
}


def _snapshot(model):
    return sorted(map(str, model.objects.values_list()))


@pytest.mark.parametrize("slug", sorted(IMPORTS))
def test_the_template_example_row_imports(references, slug):
    model, values = EXPECTED[slug]
    before = model.objects.count()

    _import(slug, IMPORTS[slug].example_csv())

    assert model.objects.filter(**values).exists()
    if slug == "housing-survey":
        assert model.objects.count() == before + 9  # seven answered yes, two no
    elif slug not in ("housing-bids", "housing-projects", "leadership-cohorts", "ngdp-cohorts"):
        assert model.objects.count() == before + 1


@pytest.mark.parametrize("slug", sorted(IMPORTS))
def test_importing_the_same_file_again_changes_nothing(references, slug):
    model, _values = EXPECTED[slug]
    text = IMPORTS[slug].example_csv()
    _import(slug, text)
    before = _snapshot(model)

    result = _import(slug, text)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert _snapshot(model) == before


def test_a_changed_row_updates_the_record_and_its_version():
    CouncilFactory(code="BIR")
    header = "council,kind,amount,description,verified_on\n"
    _import("savings", header + "BIR,saving,100.00,Shared waste contract,2024-12-01\n")

    result = _import("savings", header + "BIR,saving,250.50,Shared waste contract,2024-12-01\n")

    saving = Saving.objects.get()
    assert (result.created, result.updated) == (0, 1)
    assert saving.amount == Decimal("250.50")
    assert saving.version == 2


def test_a_file_with_bad_rows_imports_nothing_and_lists_every_bad_row():
    CouncilFactory(code="BIR")
    kept = SavingFactory(description="Already here", amount=Decimal("10.00"))
    text = (
        "council,kind,amount,description,verified_on\n"
        "BIR,saving,-20,Negative,2024-12-01\n"
        "NOPE,income,30,Unknown council,2024-12-01\n"
        "BIR,saving,40,Bad date,2024-13-01\n"
        "BIR,income,50,Twice,2024-12-02\n"
        "BIR,income,60,Twice,2024-12-02\n"
        "BIR,saving,70,Good row,2024-12-03\n"
    )

    problems = _refusal("savings", text)

    assert problems == [
        "line 2: amount '-20' must not be negative",
        "line 3: council 'NOPE' is not a council in the register",
        "line 4: verified_on '2024-13-01' is not a real date in the form YYYY-MM-DD",
        "line 6: council BIR, kind income, description Twice, verified_on 2024-12-02 "
        "is also on line 5",
    ]
    assert list(Saving.objects.all()) == [kept]


def test_completed_without_attended_and_an_unknown_cohort_are_refused():
    CouncilFactory(code="BIR")
    LeadershipCohortFactory(programme="academy", name="Cohort 1")
    text = (
        "programme,cohort,full_name,council,party,enrolled,attended,completed\n"
        "academy,Cohort 1,Ann,BIR,,yes,no,yes\n"
        "academy,Cohort 9,Bob,BIR,,yes,yes,no\n"
        "academy,Cohort 1,Cat,BIR,Nonesuch,no,yes,no\n"
        "academy,Cohort 1,Dan,BIR,Lab,yes,yes,yes\n"
    )

    problems = _refusal("leadership-participants", text)

    assert problems == [
        "line 2: completed is yes but attended is no: only someone who attended can complete",
        "line 3: cohort 'Cohort 9' of programme academy is not a known cohort",
        "line 4: party 'Nonesuch' is not a known party",
        "line 4: attended is yes but enrolled is no: only someone who took a place can attend",
    ]
    assert not LeadershipParticipant.objects.exists()


def test_polling_rounds_out_of_order_or_outside_a_percentage_are_refused():
    header = ",".join(IMPORTS["polling"].header) + "\n"
    text = header + (
        "1,2024-06-09,2024-06-03,1000,79,61,43.5,55,58,57\n"
        "2,2024-09-01,2024-09-07,1000,79,61,143.5,55,58,57\n"
        "3,2024-12-01,2024-12-07,1000,79,61,43.55,55,58,57\n"
    )

    problems = _refusal("polling", text)

    assert problems == [
        "line 2: fieldwork_to 2024-06-03 is before fieldwork_from 2024-06-09",
        "line 3: value_for_money '143.5' must be a percentage from 0 to 100",
        "line 4: value_for_money '43.55' has more than 1 decimal places",
    ]
    assert not PollingRound.objects.exists()


def test_a_file_missing_a_column_is_refused_at_the_header():
    problems = _refusal("climate", "council,activity\nBIR,training\n")

    assert problems == ["line 1: the header lacks column(s): took_part_on"]


def test_a_project_names_its_councils_separated_by_spaces_or_semicolons():
    for code in ("AAA", "BBB", "CCC"):
        CouncilFactory(code=code)
    HousingBidFactory(title="Joint bid")
    header = "title,bid,councils,started_on,completed_on,outcome\n"

    _import("housing-projects", header + "Joint work,Joint bid,AAA; BBB CCC,2024-10-01,,\n")
    result = _import("housing-projects", header + "Joint work,Joint bid,AAA;BBB,2024-10-01,,\n")

    project = HousingProject.objects.get(title="Joint work")
    assert result.updated == 1
    assert sorted(project.councils.values_list("code", flat=True)) == ["AAA", "BBB"]


def test_a_project_completed_before_it_started_is_refused():
    CouncilFactory(code="AAA")
    HousingBidFactory(title="Joint bid")

    problems = _refusal(
        "housing-projects",
        "title,bid,councils,started_on,completed_on,outcome\n"
        "Late,Joint bid,AAA,2024-10-01,2024-09-01,\n"
        "Lost,No such bid,AAA ZZZ,2024-10-01,,\n",
    )

    assert problems == [
        "line 2: completed_on 2024-09-01 is before started_on 2024-10-01",
        "line 3: bid 'No such bid' is not a known housing bid",
        "line 3: councils 'ZZZ' is not a council in the register",
    ]


def test_survey_counts_set_the_answers_for_a_project_and_day():
    HousingProjectFactory(title="Allocations")
    header = "project,submitted_on,answered_yes,answered_no\n"
    _import("housing-survey", header + "Allocations,2025-04-20,7,2\n")

    result = _import("housing-survey", header + "Allocations,2025-04-20,5,2\n")

    answers = HousingSurveyResponse.objects.filter(project__title="Allocations")
    assert result.updated == 1
    assert answers.filter(lasting_positive_impact=True).count() == 5
    assert answers.filter(lasting_positive_impact=False).count() == 2


def test_parties_are_named_by_short_name():
    CouncilFactory(code="BIR")
    LeadershipCohortFactory(programme="leaders", name="Leaders 1")

    _import(
        "leadership-participants",
        "programme,cohort,full_name,council,party,enrolled,attended,completed\n"
        "leaders,Leaders 1,Ann,BIR,LD,yes,yes,yes\n",
    )

    assert LeadershipParticipant.objects.get().party == Party.objects.get(short_name="LD")
