"""The catalogue as the association runs it today (see shared/docs/domain.md).

Loaded once by a data migration; after that staff edit the records, not this file.
"""

ALL_STAGES = [
    "requested", "scoping", "team_forming", "team_confirmed", "preparation", "delivery",
    "feedback_given", "report_drafting", "factual_accuracy_check", "published",
    "action_plan_published", "progress_review", "closed",
]  # fmt: skip
REMOTE_STAGES = [
    "requested", "scoping", "team_forming", "team_confirmed", "delivery", "feedback_given",
    "closed",
]  # fmt: skip
CHALLENGE_STAGES = [s for s in ALL_STAGES if s != "progress_review"]

CPC_COMPONENTS = [
    "Local priorities and outcomes",
    "Organisational and place leadership",
    "Governance and culture",
    "Financial planning and management",
    "Capacity for improvement",
]

ASK = (
    "Contact the principal adviser for your council's region. They will talk it through "
    "with your leader and chief executive and agree the scope with you."
)


def _place(role, kind, count=1, skills=(), accredited=False):
    return {
        "role": role,
        "peer_kind": kind,
        "count": count,
        "required_skills": list(skills),
        "accreditation_required": accredited,
    }


CHALLENGE_DEADLINES = {
    "report_within_weeks": 4,
    "action_plan_within_months": 3,
    "action_plan_latest_months": 5,
    "entitlement_cycle_years": 5,
}

OFFERS = [
    {
        "name": "Corporate Peer Challenge",
        "slug": "corporate-peer-challenge",
        "counts_as": "corporate_peer_challenge",
        "summary": (
            "Up to four days on site with a team of member and officer peers, looking at the "
            "five core components and any local focus you choose. Free to every English "
            "council once in each cycle; not an inspection."
        ),
        "format": "on_site",
        "typical_length": "Up to 4 days on site",
        "length_days": "4",
        "themes": CPC_COMPONENTS,
        "stages": ALL_STAGES,
        **CHALLENGE_DEADLINES,
        "progress_review_after_months": 10,
        "progress_review_from": "delivery",
        "team": [
            _place("Lead member peer", "member", skills=["leadership"], accredited=True),
            _place("Lead officer peer", "officer", skills=["leadership"], accredited=True),
            _place("Member peer", "member", accredited=True),
            _place("Officer peer (finance)", "officer", skills=["finance"], accredited=True),
            _place("Officer peer", "officer", accredited=True),
            _place("Peer challenge manager", "staff"),
        ],
    },
    {
        "name": "Finance Peer Challenge",
        "slug": "finance-peer-challenge",
        "counts_as": "peer_challenge",
        "summary": (
            "A peer challenge of financial leadership, strategy and planning, decision-making, "
            "financial outcomes, and partnership and innovation."
        ),
        "format": "on_site",
        "typical_length": "3 to 4 days on site",
        "length_days": "3",
        "themes": [
            "Financial leadership",
            "Financial strategy, planning and forecasting",
            "Decision-making, including audit and scrutiny",
            "Financial outcomes, including controls",
            "Partnership and innovation",
        ],
        "stages": ALL_STAGES,
        **CHALLENGE_DEADLINES,
        "progress_review_after_months": 10,
        "team": [
            _place("Lead member peer", "member", skills=["finance"], accredited=True),
            _place("Director of finance peer", "officer", skills=["finance"], accredited=True),
            _place("Officer peer", "officer", accredited=True),
            _place("Peer challenge manager", "staff"),
        ],
    },
    {
        "name": "Governance Peer Challenge",
        "slug": "governance-peer-challenge",
        "counts_as": "peer_challenge",
        "summary": (
            "A peer challenge of roles and relationships, scrutiny, governance essentials, "
            "risk and audit, and organisational culture."
        ),
        "format": "on_site",
        "typical_length": "3 days on site",
        "length_days": "3",
        "themes": [
            "Roles, responsibilities and relationships",
            "Effective governance and scrutiny",
            "Governance essentials",
            "Risk management and audit",
            "Organisational culture",
        ],
        "stages": ALL_STAGES,
        **CHALLENGE_DEADLINES,
        "progress_review_after_months": 10,
        "team": [
            _place("Lead member peer", "member", skills=["governance"], accredited=True),
            _place("Monitoring officer peer", "officer", skills=["governance"], accredited=True),
            _place("Officer peer", "officer", accredited=True),
            _place("Peer challenge manager", "staff"),
        ],
    },
    {
        "name": "Recovery and Renewal Panel",
        "slug": "recovery-and-renewal-panel",
        "counts_as": "remote_support",
        "summary": (
            "A focused remote session of two to three hours. A small panel of member and "
            "officer peers, chosen by your council from a shortlist we offer, looks at "
            "recovery, resilience, governance and leadership capacity."
        ),
        "format": "remote",
        "host_chooses_team": True,
        "typical_length": "2 to 3 hours",
        "length_days": "0.5",
        "themes": [
            "Community and economic recovery",
            "Resilience and governance",
            "Leadership capacity",
        ],
        "stages": REMOTE_STAGES,
        "team": [
            _place("Member peer", "member"),
            _place("Officer peer", "officer", count=2),
            _place("Facilitator", "staff"),
        ],
    },
    {
        "name": "Bespoke Remote Peer Support",
        "slug": "bespoke-remote-peer-support",
        "counts_as": "remote_support",
        "summary": "Two to three days of remote peer support on issues your council chooses.",
        "format": "remote",
        "typical_length": "2 to 3 days",
        "length_days": "2.5",
        "themes": [],
        "stages": REMOTE_STAGES,
        "team": [
            _place("Member peer", "member"),
            _place("Officer peer", "officer"),
            _place("Facilitator", "staff"),
        ],
    },
    {
        "name": "Communications Peer Challenge",
        "slug": "communications-peer-challenge",
        "counts_as": "peer_challenge",
        "summary": (
            "A one-day health check or a three-day review of your council's communications "
            "and staff engagement."
        ),
        "format": "on_site",
        "typical_length": "1 or 3 days",
        "length_days": "3",
        "themes": ["External communications", "Staff engagement", "Resident engagement"],
        "stages": CHALLENGE_STAGES,
        "report_within_weeks": 4,
        "team": [
            _place("Member peer", "member"),
            _place("Communications peer", "officer", count=3, skills=["communications"]),
            _place("Peer challenge manager", "staff"),
        ],
    },
    {
        "name": "Equalities Peer Challenge",
        "slug": "equalities-peer-challenge",
        "counts_as": "peer_challenge",
        "summary": (
            "A three-day peer challenge against the Equality Framework for Local Government, "
            "for the Achieving or Excellent level. The award lasts three years."
        ),
        "format": "on_site",
        "typical_length": "3 days on site",
        "length_days": "3",
        "themes": [
            "Understanding and working with your communities",
            "Leadership and organisational commitment",
            "Responsive services and customer care",
            "Diverse and engaged workforce",
        ],
        "stages": CHALLENGE_STAGES,
        "report_within_weeks": 4,
        "entitlement_cycle_years": 3,
        "team": [
            _place("Member peer", "member", skills=["equalities"]),
            _place("Officer peer", "officer", count=2, skills=["equalities"]),
            _place("Peer challenge manager", "staff"),
        ],
    },
    {
        "name": "Planning Peer Challenge",
        "slug": "planning-peer-challenge",
        "counts_as": "peer_challenge",
        "summary": (
            "Three days on site, run with the Planning Advisory Service, on your planning "
            "vision, strategy, engagement and service to users."
        ),
        "format": "on_site",
        "typical_length": "3 days on site",
        "length_days": "3",
        "themes": [
            "Local priority outcomes",
            "Planning vision and strategy",
            "Community engagement",
            "Service to users",
            "Partnership working",
        ],
        "stages": CHALLENGE_STAGES,
        "report_within_weeks": 4,
        "team": [
            _place("Member peer", "member", skills=["planning"]),
            _place("Planning director peer", "officer", count=2, skills=["planning"]),
            _place("Peer challenge manager", "staff"),
        ],
    },
    {
        "name": "Progress Review",
        "slug": "progress-review",
        "counts_as": "progress_review",
        "summary": (
            "A return visit by the original peer team, usually a day and a half on site, to "
            "review progress against each recommendation of the peer challenge."
        ),
        "format": "on_site",
        "typical_length": "1 to 2 days on site",
        "length_days": "1.5",
        "themes": ["Progress against each recommendation"],
        "stages": CHALLENGE_STAGES,
        "report_within_weeks": 4,
        "team": [
            _place("Original team member peer", "member"),
            _place("Original team officer peer", "officer"),
            _place("Peer challenge manager", "staff"),
        ],
    },
    {
        "name": "Mentoring",
        "slug": "mentoring",
        "counts_as": "other",
        "summary": (
            "One-to-one mentoring for a councillor by an experienced member peer, arranged "
            "through your principal adviser and the political group offices."
        ),
        "format": "hybrid",
        "typical_length": "A series of one-to-one sessions",
        "length_days": "1",
        "themes": ["Leadership", "Change of control"],
        "stages": ["requested", "scoping", "team_forming", "team_confirmed", "delivery", "closed"],
        "team": [_place("Mentor", "member")],
    },
]


def install_defaults(Offer, TeamPlace) -> None:
    """Create any default offer that does not exist yet; never change an existing one."""
    # A data migration passes the model as it was then: leave out later fields.
    known = {f.name for f in Offer._meta.get_fields()}
    for order, spec in enumerate(OFFERS):
        spec = dict(spec)
        team = spec.pop("team")
        spec = {key: value for key, value in spec.items() if key in known}
        spec.setdefault("how_to_ask", ASK)
        offer, created = Offer.objects.get_or_create(
            slug=spec["slug"], defaults={**spec, "display_order": order * 10}
        )
        if created:
            for index, place in enumerate(team):
                TeamPlace.objects.create(offer=offer, order=index, **place)
