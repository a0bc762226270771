"""The records behind each annual report figure, as tables for staff.

Survey figures and the diversity shares are shown as counts only: no page names
who answered what, and no page lists a person's special-category data.
"""

from collections import Counter

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from peerwork.core.presenters import Table
from peerwork.councils.models import Council
from peerwork.engagements.models import Engagement, SessionKind
from peerwork.impact.annual.figures import (
    BY_KEY,
    DIVERSITY,
    MIN_BASE,
    SURVEYED,
    Records,
    held_sessions,
)
from peerwork.impact.models import Answer, Question
from peerwork.offers.models import CountsAs
from peerwork.peers.models import DiversityRecord, Peer

LIMIT = 2000


def _engagement_link(engagement) -> str:
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        reverse("engagements:detail", args=[engagement.pk]),
        engagement.council.short_name,
    )


def _council_link(council) -> str:
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        reverse("councils:detail", args=[council.code]),
        council.short_name,
    )


def _day(value) -> str:
    return timezone.localtime(value).strftime("%-d %b %Y") if value else ""


def _engagements(caption, dates: dict) -> Table:
    """The engagements whose ids are the keys of `dates`, each with its day."""
    table = Table(caption, [_("Council"), _("Offer"), _("Day")])
    engagements = (
        Engagement.objects.filter(pk__in=list(dates))
        .select_related("council", "offer")
        .order_by("council__short_name", "pk")
    )
    for engagement in engagements[:LIMIT]:
        table.add(_engagement_link(engagement), engagement.offer.name, _day(dates[engagement.pk]))
    return table


def _councils(caption, ids) -> Table:
    table = Table(caption, [_("Council"), _("Type"), _("Region")])
    for council in (
        Council.objects.filter(pk__in=ids).select_related("region").order_by("short_name")
    ):
        table.add(
            _council_link(council),
            council.get_council_type_display(),
            council.region.name if council.region_id else "",
        )
    return table


def _counts(caption, head, counts) -> Table:
    table = Table(caption, head, numeric={1})
    for label, number in counts:
        table.add(label, number)
    return table


def _peer_challenges(records: Records, key: str) -> Table:
    challenges = records.peer_challenges
    if key == "first_time_councils":
        return _councils(
            _("Councils with their first peer challenge in the year"), records.first_time_ids
        )
    if key == "corporate_peer_challenges":
        challenges = challenges.filter(offer__counts_as=CountsAs.CORPORATE_PEER_CHALLENGE)
    wanted = set(challenges.values_list("pk", flat=True))
    dates = {e.pk: e.delivered_at for e in records.delivered if e.pk in wanted}
    return _engagements(_("Engagements delivered in the year"), dates)


def _progress_reviews(records: Records, key: str) -> Table:
    dates = {e.pk: e.delivered_at for e in records.delivered if e.pk in records.progress_review_ids}
    for session in held_sessions(records.period, records.now, SessionKind.PROGRESS_REVIEW):
        dates.setdefault(session.engagement_id, session.starts_at)
    return _engagements(_("Engagements with a progress review in the year"), dates)


def _remote_sessions(records: Records, key: str) -> Table:
    table = Table(_("Remote panel sessions"), [_("Council"), _("Offer"), _("Held")])
    sessions = (
        held_sessions(records.period, records.now, SessionKind.REMOTE_PANEL)
        .select_related("engagement__council", "engagement__offer")
        .order_by("starts_at")
    )
    for session in sessions[:LIMIT]:
        table.add(
            _engagement_link(session.engagement),
            session.engagement.offer.name,
            _day(session.starts_at),
        )
    return table


def _peers(records: Records, key: str) -> Table:
    table = Table(_("Peers on teams"), [_("Peer"), _("Places"), _("Peer days")], numeric={1, 2})
    places, days = Counter(), Counter()
    for peer_id, member_days in records.places_used.values_list("peer_id", "days"):
        places[peer_id] += 1
        days[peer_id] += member_days
    names = dict(Peer.objects.filter(pk__in=records.peer_ids).values_list("pk", "full_name"))
    for peer_id in sorted(places, key=lambda pk: (names.get(pk, ""), pk)):
        table.add(
            format_html(
                '<a class="govuk-link" href="{}">{}</a>',
                reverse("peers:detail", args=[peer_id]),
                names.get(peer_id, ""),
            ),
            places[peer_id],
            days[peer_id],
        )
    return table


def _diversity(records: Records, key: str) -> Table:
    field = DIVERSITY[key][0]
    choices = dict(DiversityRecord._meta.get_field(field).choices)
    answers = Counter(
        DiversityRecord.objects.filter(peer_id__in=records.peer_ids).values_list(field, flat=True)
    )
    unanswered = len(records.peer_ids) - sum(answers.values())
    counts = [(str(choices.get(value, _("Not answered"))), n) for value, n in answers.items()]
    counts.append((_("No consented record"), unanswered))
    return _counts(_("Answers of the peers used (counts only)"), [_("Answer"), _("Peers")], counts)


def _leadership(records: Records, key: str) -> Table:
    table = Table(_("Councillors who took a place"), [_("Councillor"), _("Council"), _("Cohort")])
    for participant in records.leadership.select_related("council", "cohort")[:LIMIT]:
        table.add(participant.full_name, participant.council.short_name, str(participant.cohort))
    return table


def _ngdp(records: Records, key: str) -> Table:
    if key == "ngdp_applications":
        return _counts(
            _("Recruitment rounds closed in the year"),
            [_("Cohort"), _("Applications")],
            [(c.name, c.applications) for c in records.ngdp_cohorts],
        )
    table = Table(_("Placements started in the year"), [_("Graduate"), _("Council"), _("Started")])
    for placement in records.placements.select_related("council")[:LIMIT]:
        table.add(
            placement.graduate_name,
            placement.council.short_name,
            placement.started_on.strftime("%-d %b %Y"),
        )
    return table


def _savings(records: Records, key: str) -> Table:
    table = Table(
        _("Savings and income verified in the year"),
        [_("Council"), _("Kind"), _("Amount"), _("Verified")],
        numeric={2},
    )
    for saving in records.savings.select_related("council")[:LIMIT]:
        table.add(
            saving.council.short_name,
            saving.get_kind_display(),
            f"£{saving.amount:,.2f}",
            saving.verified_on.strftime("%-d %b %Y"),
        )
    return table


def _survey(records: Records, key: str) -> Table:
    question, audience, filters = SURVEYED[key]
    responses = records.responses.filter(audience=audience, **filters)
    kind = Question.objects.filter(key=question).values_list("kind", flat=True).first()
    agreed = Q(value_bool=True) if kind == "yes_no" else Q(value_int__gte=4)
    rows = (
        Answer.objects.filter(response__in=responses.values("pk"), question__key=question)
        .filter(Q(value_bool__isnull=False) | Q(value_int__isnull=False))
        .values("response__offer__name")
        .annotate(answered=Count("pk"), agreed=Count("pk", filter=agreed))
        .order_by("response__offer__name")
    )
    table = Table(
        _("Answers by offer (counts only)"),
        [_("Offer"), _("Answered"), _("Yes, or satisfied")],
        numeric={1, 2},
    )
    for row in rows:
        table.add(row["response__offer__name"], *_counts_shown(row["answered"], row["agreed"]))
    return table


def _counts_shown(answered: int, agreed: int) -> tuple:
    """Counts of answers, or words saying there were too few to show."""
    if answered < MIN_BASE:
        few = _("Fewer than %(n)s") % {"n": MIN_BASE}
        return few, few
    return answered, agreed


def _housing(records: Records, key: str) -> Table:
    rows = (
        records.housing_responses.values("project__title")
        .annotate(answered=Count("pk"), agreed=Count("pk", filter=Q(lasting_positive_impact=True)))
        .order_by("project__title")
    )
    table = Table(
        _("Answers by project (counts only)"),
        [_("Project"), _("Answered"), _("Lasting positive impact")],
        numeric={1, 2},
    )
    for row in rows:
        table.add(row["project__title"], *_counts_shown(row["answered"], row["agreed"]))
    return table


def _reach(records: Records, key: str) -> Table:
    programme = key.removeprefix("reach_").removesuffix("_share")
    if programme == "any":
        sets = [s for s in records.reached.values() if s is not None]
        reached = set().union(*sets) if sets else set()
    else:
        reached = records.reached[programme] or set()
    return _councils(_("Councils reached"), reached & records.council_ids)


def _never(records: Records, key: str) -> Table:
    return _councils(_("Councils never challenged"), records.never_challenged_ids)


EVIDENCE = {
    "peer_challenges": _peer_challenges,
    "corporate_peer_challenges": _peer_challenges,
    "first_time_councils": _peer_challenges,
    "progress_reviews": _progress_reviews,
    "remote_support_sessions": _remote_sessions,
    "peers_used": _peers,
    "peer_days": _peers,
    **dict.fromkeys(DIVERSITY, _diversity),
    "councillors_on_leadership": _leadership,
    "ngdp_applications": _ngdp,
    "ngdp_graduates_placed": _ngdp,
    "savings_total": _savings,
    "savings_councils": _savings,
    **dict.fromkeys(SURVEYED, _survey),
    "housing_lasting_impact_share": _housing,
    **{key: _reach for key in BY_KEY if key.startswith("reach_")},
    "councils_never_challenged": _never,
}


def evidence_table(records: Records, key: str) -> Table:
    return EVIDENCE[key](records, key)
