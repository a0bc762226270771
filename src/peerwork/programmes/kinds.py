"""The kinds of programme record, so one set of views serves them all.

A kind names its model, its form, its CSV import, and the date that places its
records in an April-to-March year.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from peerwork.programmes import forms
from peerwork.programmes import models as records
from peerwork.programmes.imports import IMPORTS, ImportSpec

LEADERSHIP = _("Leadership programmes")
NGDP = _("National graduate development programme (ngdp)")
PRODUCTIVITY = _("Productivity and income generation")
CLIMATE = _("Climate change programme")
HOUSING = _("Housing advisers programme")
POLLING = _("Resident satisfaction polling")


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type[models.Model]
    form: type[forms.RecordForm]
    programme: str
    plural: str  # the list page's heading, like "Leadership cohorts"
    noun: str  # the same in the middle of a sentence, like "leadership cohorts"
    add_title: str
    year_field: str
    year_basis: str  # which date places a record in a year, in words
    year_end_field: str = ""  # for records that run over a period
    related: tuple[str, ...] = ()
    many: tuple[str, ...] = ()
    # The fields the list's search box looks in (none: the list has no search box).
    search: tuple[str, ...] = ()

    @property
    def search_hint(self) -> str:
        """Where the list's search box looks, in words ("" for a kind without one)."""
        if not self.search:
            return ""
        labels = [
            str(self.model._meta.get_field(name.split("__")[0]).verbose_name)
            for name in self.search
        ]
        return _("Looks in: %(fields)s") % {"fields": ", ".join(labels)}

    @property
    def importer(self) -> ImportSpec:
        return IMPORTS[self.slug]

    def __str__(self) -> str:
        return self.slug


KINDS: dict[str, Kind] = {
    kind.slug: kind
    for kind in (
        Kind(
            "leadership-cohorts",
            records.LeadershipCohort,
            forms.LeadershipCohortForm,
            LEADERSHIP,
            _("Leadership cohorts"),
            _("leadership cohorts"),
            _("Add a leadership cohort"),
            year_field="starts_on",
            year_basis=_("A cohort counts in the year it starts."),
            search=("name",),
        ),
        Kind(
            "leadership-participants",
            records.LeadershipParticipant,
            forms.LeadershipParticipantForm,
            LEADERSHIP,
            _("Leadership participants"),
            _("leadership participants"),
            _("Add a leadership participant"),
            year_field="cohort__starts_on",
            year_basis=_("A participant counts in the year their cohort starts."),
            related=("cohort", "council", "party"),
            search=("full_name", "council__short_name"),
        ),
        Kind(
            "ngdp-cohorts",
            records.NgdpCohort,
            forms.NgdpCohortForm,
            NGDP,
            _("ngdp cohorts"),
            _("ngdp cohorts"),
            _("Add an ngdp cohort"),
            year_field="recruitment_closed_on",
            year_basis=_("A cohort counts in the year its recruitment round closed."),
            search=("name",),
        ),
        Kind(
            "ngdp-placements",
            records.NgdpPlacement,
            forms.NgdpPlacementForm,
            NGDP,
            _("ngdp placements"),
            _("ngdp placements"),
            _("Add an ngdp placement"),
            year_field="started_on",
            year_basis=_("A placement counts in the year the graduate started."),
            related=("cohort", "council"),
            search=("graduate_name", "council__short_name"),
        ),
        Kind(
            "expert-engagements",
            records.ExpertEngagement,
            forms.ExpertEngagementForm,
            PRODUCTIVITY,
            _("Expert engagements"),
            _("expert engagements"),
            _("Add an expert engagement"),
            year_field="started_on",
            year_end_field="ended_on",
            year_basis=_("An engagement counts in every year it was running."),
            related=("council",),
            search=("expert_name", "topic", "council__short_name"),
        ),
        Kind(
            "savings",
            records.Saving,
            forms.SavingForm,
            PRODUCTIVITY,
            _("Savings and income"),
            _("savings and income"),
            _("Add a saving or income"),
            year_field="verified_on",
            year_basis=_("A saving or income counts in the year it was verified."),
            related=("council",),
            search=("description", "council__short_name"),
        ),
        Kind(
            "climate",
            records.ClimateParticipation,
            forms.ClimateParticipationForm,
            CLIMATE,
            _("Climate change participation"),
            _("climate change participation"),
            _("Add a council's part in a climate activity"),
            year_field="took_part_on",
            year_basis=_("A council's part counts in the year it took part."),
            related=("council",),
            search=("council__short_name",),
        ),
        Kind(
            "housing-bids",
            records.HousingBid,
            forms.HousingBidForm,
            HOUSING,
            _("Housing bids"),
            _("housing bids"),
            _("Add a housing bid"),
            year_field="submitted_on",
            year_basis=_("A bid counts in the year it was submitted."),
            related=("council",),
            search=("title", "council__short_name"),
        ),
        Kind(
            "housing-projects",
            records.HousingProject,
            forms.HousingProjectForm,
            HOUSING,
            _("Housing projects"),
            _("housing projects"),
            _("Add a housing project"),
            year_field="started_on",
            year_end_field="completed_on",
            year_basis=_("A project counts in every year it was running."),
            related=("bid",),
            many=("councils",),
            search=("title",),
        ),
        Kind(
            "housing-survey",
            records.HousingSurveyResponse,
            forms.HousingSurveyResponseForm,
            HOUSING,
            _("Housing advisers survey responses"),
            _("housing advisers survey responses"),
            _("Add a housing advisers survey response"),
            year_field="submitted_on",
            year_basis=_("A response counts in the year it was submitted."),
            related=("project",),
            search=("project__title",),
        ),
        Kind(
            "polling",
            records.PollingRound,
            forms.PollingRoundForm,
            POLLING,
            _("Resident polling rounds"),
            _("resident polling rounds"),
            _("Add a polling round"),
            year_field="fieldwork_to",
            year_basis=_("A round counts in the year its fieldwork ended."),
        ),
    )
}
