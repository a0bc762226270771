"""The import of each kind of programme record: its columns, reader and natural key."""

from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peerwork.core import audit
from peerwork.core.imports import ImportResult
from peerwork.core.signals import bulk_written
from peerwork.programmes.imports.base import Column, ImportSpec, Row
from peerwork.programmes.models import (
    ClimateActivity,
    ClimateParticipation,
    ExpertEngagement,
    HousingBid,
    HousingProject,
    HousingSurveyResponse,
    LeadershipCohort,
    LeadershipParticipant,
    LeadershipProgramme,
    NgdpCohort,
    NgdpPlacement,
    PollingRound,
    Saving,
)

# One reader per kind -----------------------------------------------------------------

# More answers than this for one project on one day is a typing mistake, not a survey.
SURVEY_ANSWERS_A_DAY = 10_000


def _read_leadership_cohort(row: Row) -> dict:
    values = {
        "programme": row.choice("programme", LeadershipProgramme.values),
        "name": row.text("name", max_length=120),
        "starts_on": row.date("starts_on"),
        "ends_on": row.date("ends_on", required=False),
        "places": row.integer("places"),
    }
    row.in_order("starts_on", "ends_on")
    return values


def _read_leadership_participant(row: Row) -> dict:
    programme = row.choice("programme", LeadershipProgramme.values)
    cohort_name = row.text("cohort", max_length=120)
    cohort = None
    if programme and cohort_name:
        cohort = row.refs.leadership_cohorts.get((programme, cohort_name))
        if cohort is None:
            row.problem(
                _("cohort '%(name)s' of programme %(programme)s is not a known cohort")
                % {"name": cohort_name, "programme": programme},
                "cohort",
            )
    values = {
        "cohort": cohort,
        "full_name": row.text("full_name", max_length=200),
        "council": row.council("council"),
        "party": row.party("party"),
        "enrolled": row.yes_no("enrolled"),
        "attended": row.yes_no("attended"),
        "completed": row.yes_no("completed"),
    }
    if values["completed"] and not values["attended"]:
        row.problem(
            _("completed is yes but attended is no: only someone who attended can complete"),
            "completed",
        )
    if values["attended"] and not values["enrolled"]:
        row.problem(
            _("attended is yes but enrolled is no: only someone who took a place can attend"),
            "attended",
        )
    return values


def _read_ngdp_cohort(row: Row) -> dict:
    return {
        "intake_year": row.integer("intake_year", lowest=1990, highest=2100),
        "name": row.text("name", max_length=120),
        "applications": row.integer("applications"),
        "recruitment_closed_on": row.date("recruitment_closed_on"),
    }


def _read_ngdp_placement(row: Row) -> dict:
    year = row.integer("intake_year", lowest=1990, highest=2100)
    cohort = row.refs.ngdp_cohorts.get(year) if year else None
    if year and cohort is None:
        row.problem(
            _("intake_year %(year)s is not a known ngdp cohort") % {"year": year}, "intake_year"
        )
    return {
        "cohort": cohort,
        "graduate_name": row.text("graduate_name", max_length=200),
        "council": row.council("council"),
        "started_on": row.date("started_on"),
    }


def _read_expert_engagement(row: Row) -> dict:
    values = {
        "council": row.council("council"),
        "expert_name": row.text("expert_name", max_length=200),
        "topic": row.text("topic", max_length=200),
        "started_on": row.date("started_on"),
        "ended_on": row.date("ended_on", required=False),
    }
    row.in_order("started_on", "ended_on")
    return values


def _read_saving(row: Row) -> dict:
    return {
        "council": row.council("council"),
        "kind": row.choice("kind", Saving.Kind.values),
        "amount": row.amount("amount", max_digits=14),
        "description": row.text("description", max_length=300),
        "verified_on": row.date("verified_on"),
    }


def _read_climate(row: Row) -> dict:
    return {
        "council": row.council("council"),
        "activity": row.choice("activity", ClimateActivity.values),
        "took_part_on": row.date("took_part_on"),
    }


def _read_housing_bid(row: Row) -> dict:
    values = {
        "title": row.text("title", max_length=200),
        "council": row.council("council"),
        "submitted_on": row.date("submitted_on"),
        "outcome": row.choice(
            "outcome", HousingBid.Outcome.values, default=HousingBid.Outcome.PENDING
        ),
        "awarded_amount": row.amount("awarded_amount", required=False),
    }
    if values["awarded_amount"] is not None and values["outcome"] != HousingBid.Outcome.AWARDED:
        row.problem(_("awarded_amount is given but the outcome is not awarded"), "awarded_amount")
    return values


def _read_housing_project(row: Row) -> dict:
    values = {
        "title": row.text("title", max_length=200),
        "bid": row.one_titled("bid", row.refs.bids, _("housing bid")),
        "councils": row.councils("councils"),
        "started_on": row.date("started_on"),
        "completed_on": row.date("completed_on", required=False),
        "outcome": row.text("outcome", required=False),
    }
    row.in_order("started_on", "completed_on")
    return values


def _read_housing_survey(row: Row) -> dict:
    return {
        "project": row.one_titled("project", row.refs.projects, _("housing project")),
        "submitted_on": row.date("submitted_on"),
        "answered_yes": row.integer("answered_yes", highest=SURVEY_ANSWERS_A_DAY),
        "answered_no": row.integer("answered_no", highest=SURVEY_ANSWERS_A_DAY),
    }


def _read_polling_round(row: Row) -> dict:
    values = {
        "number": row.integer("number", lowest=1, highest=32767),
        "fieldwork_from": row.date("fieldwork_from"),
        "fieldwork_to": row.date("fieldwork_to"),
        "sample_size": row.integer("sample_size"),
    }
    values.update({name: row.percentage(name) for name in PollingRound.INDICATORS})
    row.in_order("fieldwork_from", "fieldwork_to")
    return values


def _apply_survey_counts(parsed: list[dict]) -> ImportResult:
    """Make the responses for each project and day number what the row says."""
    result = ImportResult()
    for values in parsed:
        responses = HousingSurveyResponse.objects.filter(
            project=values["project"], submitted_on=values["submitted_on"]
        )
        had_any = responses.exists()
        changed = False
        for answer, wanted in ((True, values["answered_yes"]), (False, values["answered_no"])):
            have = list(
                responses.filter(lasting_positive_impact=answer)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            if len(have) < wanted:
                audit.log_created(
                    HousingSurveyResponse.objects.bulk_create(
                        [
                            HousingSurveyResponse(
                                project=values["project"],
                                submitted_on=values["submitted_on"],
                                lasting_positive_impact=answer,
                            )
                            for _n in range(wanted - len(have))
                        ]
                    )
                )
                bulk_written.send(sender=HousingSurveyResponse)
                changed = True
            elif len(have) > wanted:
                HousingSurveyResponse.objects.filter(pk__in=have[wanted:]).delete()
                changed = True
        if not had_any:
            result.created += 1
        elif changed:
            result.updated += 1
        else:
            result.unchanged += 1
    return result


# Help texts are translated when shown, not when this module is imported.
_later = lazy(lambda message, **values: str(message) % values, str)


def _dates(example="2024-04-01"):
    return _later(gettext_lazy("A date as YYYY-MM-DD, like %(example)s"), example=example)


_COUNCIL_HELP = gettext_lazy("The council's local-authority code, like BIR")
_YES_NO_HELP = gettext_lazy("yes or no (empty means no)")


def _choices_help(choices) -> str:
    return _later(gettext_lazy("One of: %(values)s"), values=", ".join(choices.values))


IMPORTS: dict[str, ImportSpec] = {
    "leadership-cohorts": ImportSpec(
        model=LeadershipCohort,
        columns=(
            Column("programme", _choices_help(LeadershipProgramme), "academy"),
            Column("name", gettext_lazy("The cohort's name"), "Academy 2024 cohort 1"),
            Column("starts_on", _dates(), "2024-09-10"),
            Column("ends_on", _dates(), "2025-02-20", required=False),
            Column("places", gettext_lazy("Places on the cohort, a whole number"), "24"),
        ),
        key_fields=("programme", "name"),
        key_columns=("programme", "name"),
        key_text=gettext_lazy("the programme and the cohort's name"),
        read=_read_leadership_cohort,
    ),
    "leadership-participants": ImportSpec(
        model=LeadershipParticipant,
        columns=(
            Column("programme", _choices_help(LeadershipProgramme), "academy"),
            Column("cohort", gettext_lazy("The cohort's name"), "Academy 2024 cohort 1"),
            Column("full_name", gettext_lazy("The councillor's full name"), "Alex Example"),
            Column("council", _COUNCIL_HELP, "BIR"),
            Column(
                "party",
                gettext_lazy("Political group: a party's short name, like Lab (special-category)"),
                "Lab",
                required=False,
            ),
            Column("enrolled", _YES_NO_HELP, "yes", required=False),
            Column("attended", _YES_NO_HELP, "yes", required=False),
            Column("completed", _YES_NO_HELP, "no", required=False),
        ),
        key_fields=("cohort", "full_name", "council"),
        key_columns=("programme", "cohort", "full_name", "council"),
        key_text=gettext_lazy(
            "the programme, the cohort's name, the councillor's name and council"
        ),
        read=_read_leadership_participant,
        note=gettext_lazy(
            "Import the cohorts first: a row names its cohort by programme and name."
        ),
    ),
    "ngdp-cohorts": ImportSpec(
        model=NgdpCohort,
        columns=(
            Column("intake_year", gettext_lazy("The year of the intake, like 2024"), "2024"),
            Column("name", gettext_lazy("The cohort's name"), "ngdp cohort 26"),
            Column("applications", gettext_lazy("Applications received"), "3100"),
            Column("recruitment_closed_on", _dates("2024-01-15"), "2024-01-15"),
        ),
        key_fields=("intake_year",),
        key_columns=("intake_year",),
        key_text=gettext_lazy("the intake year"),
        read=_read_ngdp_cohort,
    ),
    "ngdp-placements": ImportSpec(
        model=NgdpPlacement,
        columns=(
            Column("intake_year", gettext_lazy("The intake year of the graduate's cohort"), "2024"),
            Column("graduate_name", gettext_lazy("The graduate's full name"), "Sam Example"),
            Column("council", _COUNCIL_HELP, "BIR"),
            Column("started_on", _dates("2024-09-02"), "2024-09-02"),
        ),
        key_fields=("cohort", "graduate_name", "council"),
        key_columns=("intake_year", "graduate_name", "council"),
        key_text=gettext_lazy("the intake year, the graduate's name and the council"),
        read=_read_ngdp_placement,
        note=gettext_lazy("Import the cohorts first: a row names its cohort by intake year."),
    ),
    "expert-engagements": ImportSpec(
        model=ExpertEngagement,
        columns=(
            Column("council", _COUNCIL_HELP, "BIR"),
            Column("expert_name", gettext_lazy("The expert's name"), "Jo Expert"),
            Column("topic", gettext_lazy("What the work is about"), "Commercial income review"),
            Column("started_on", _dates(), "2024-05-01"),
            Column("ended_on", _dates("2024-11-30"), "2024-11-30", required=False),
        ),
        key_fields=("council", "expert_name", "topic", "started_on"),
        key_columns=("council", "expert_name", "topic", "started_on"),
        key_text=gettext_lazy("the council, the expert's name, the topic and the start date"),
        read=_read_expert_engagement,
    ),
    "savings": ImportSpec(
        model=Saving,
        columns=(
            Column("council", _COUNCIL_HELP, "BIR"),
            Column("kind", _choices_help(Saving.Kind), "saving"),
            Column("amount", gettext_lazy("Pounds, not negative, like 125000.00"), "125000.00"),
            Column("description", gettext_lazy("What it came from"), "Shared waste contract"),
            Column("verified_on", _dates("2024-12-01"), "2024-12-01"),
        ),
        key_fields=("council", "kind", "description", "verified_on"),
        key_columns=("council", "kind", "description", "verified_on"),
        key_text=gettext_lazy(
            "the council, the kind, what it came from and the day it was verified"
        ),
        read=_read_saving,
    ),
    "climate": ImportSpec(
        model=ClimateParticipation,
        columns=(
            Column("council", _COUNCIL_HELP, "BIR"),
            Column("activity", _choices_help(ClimateActivity), "training"),
            Column("took_part_on", _dates("2024-06-12"), "2024-06-12"),
        ),
        key_fields=("council", "activity", "took_part_on"),
        key_columns=("council", "activity", "took_part_on"),
        key_text=gettext_lazy("the council, the activity and the day"),
        read=_read_climate,
    ),
    "housing-bids": ImportSpec(
        model=HousingBid,
        columns=(
            Column("title", gettext_lazy("The bid's title"), "Temporary accommodation review"),
            Column("council", gettext_lazy("The lead council's local-authority code"), "BIR"),
            Column("submitted_on", _dates("2024-07-01"), "2024-07-01"),
            Column(
                "outcome",
                _later(
                    gettext_lazy("One of: %(values)s (empty means pending)"),
                    values=", ".join(HousingBid.Outcome.values),
                ),
                "awarded",
                required=False,
            ),
            Column(
                "awarded_amount",
                gettext_lazy("Pounds awarded, only when awarded"),
                "75000.00",
                required=False,
            ),
        ),
        key_fields=("title",),
        key_columns=("title",),
        key_text=gettext_lazy("the bid's title"),
        read=_read_housing_bid,
    ),
    "housing-projects": ImportSpec(
        model=HousingProject,
        columns=(
            Column("title", gettext_lazy("The project's title"), "Shared allocations policy"),
            Column(
                "bid",
                gettext_lazy("The title of the bid that funded it"),
                "Temporary accommodation review",
            ),
            Column(
                "councils",
                gettext_lazy("Council codes separated by spaces or semicolons"),
                "BIR;SOL",
            ),
            Column("started_on", _dates("2024-10-01"), "2024-10-01"),
            Column("completed_on", _dates("2025-03-31"), "2025-03-31", required=False),
            Column("outcome", gettext_lazy("What the project achieved"), "", required=False),
        ),
        key_fields=("title",),
        key_columns=("title",),
        key_text=gettext_lazy("the project's title"),
        read=_read_housing_project,
        many=("councils",),
        note=gettext_lazy("Import the bids first: a row names its bid by title."),
    ),
    "housing-survey": ImportSpec(
        model=HousingSurveyResponse,
        columns=(
            Column("project", gettext_lazy("The project's title"), "Shared allocations policy"),
            Column("submitted_on", _dates("2025-04-20"), "2025-04-20"),
            Column(
                "answered_yes",
                gettext_lazy("How many reported a lasting positive impact"),
                "7",
            ),
            Column("answered_no", gettext_lazy("How many did not"), "2"),
        ),
        key_fields=("project", "submitted_on"),
        key_columns=("project", "submitted_on"),
        key_text=gettext_lazy("the project's title and the day the answers were submitted"),
        read=_read_housing_survey,
        apply=_apply_survey_counts,
        note=gettext_lazy(
            "Answers are anonymous, so each row gives how many people answered yes and no "
            "for one project on one day, and importing makes the saved answers for that "
            "project and day number exactly that."
        ),
    ),
    "polling": ImportSpec(
        model=PollingRound,
        columns=(
            Column("number", gettext_lazy("The round's number"), "38"),
            Column("fieldwork_from", _dates("2024-06-03"), "2024-06-03"),
            Column("fieldwork_to", _dates("2024-06-09"), "2024-06-09"),
            Column("sample_size", gettext_lazy("How many residents answered"), "1002"),
            *(
                Column(
                    name,
                    _later(
                        gettext_lazy("Per cent of residents who said: %(label)s (0 to 100)"),
                        label=PollingRound._meta.get_field(name).verbose_name,
                    ),
                    example,
                )
                for name, example in zip(
                    PollingRound.INDICATORS, ("79", "61", "43.5", "55", "58", "57"), strict=True
                )
            ),
        ),
        key_fields=("number",),
        key_columns=("number",),
        key_text=gettext_lazy("the round's number"),
        read=_read_polling_round,
    ),
}
