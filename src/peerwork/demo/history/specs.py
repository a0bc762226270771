"""Which demo engagements to make: every active offer at every stage it uses, a few
that ended early, more that ran their course, and some fixed for the demo's own people."""

from dataclasses import dataclass

from peerwork.engagements.models import Exit
from peerwork.offers.models import Offer, Stage


@dataclass(frozen=True)
class Spec:
    """One demo engagement to make: its offer, where it is now, and anything fixed."""

    offer: str
    status: str
    council: str = ""
    exit_from: str = ""
    demo_peer: str = ""


# Fixed so the demo's own people have something to see: the council contact's council
# (Fareham) has a report in its factual-accuracy check and a published report and
# action plan; the demo peer is on some teams and has an invitation waiting.
PINNED = [
    Spec("corporate-peer-challenge", Stage.PROGRESS_REVIEW, "FAR"),
    Spec("planning-peer-challenge", Stage.FACTUAL_ACCURACY_CHECK, "FAR"),
    Spec("communications-peer-challenge", Stage.REQUESTED, "FAR"),
    Spec("finance-peer-challenge", Stage.CLOSED, "NFK", demo_peer="accepted"),
    Spec("governance-peer-challenge", Stage.REPORT_DRAFTING, "WSX", demo_peer="accepted"),
    Spec("corporate-peer-challenge", Stage.TEAM_CONFIRMED, "HAM", demo_peer="accepted"),
    Spec("finance-peer-challenge", Stage.TEAM_FORMING, "ESX", demo_peer="invited"),
    Spec("corporate-peer-challenge", Stage.SCOPING, "TAN"),
    Spec("recovery-and-renewal-panel", Stage.TEAM_CONFIRMED, "DAL"),
    Spec("governance-peer-challenge", Exit.DECLINED, "GRA", exit_from=Stage.REQUESTED),
    Spec("bespoke-remote-peer-support", Exit.WITHDRAWN, "KIN", exit_from=Stage.SCOPING),
]
EXITS = [
    Spec("communications-peer-challenge", Exit.DECLINED, exit_from=Stage.REQUESTED),
    Spec("equalities-peer-challenge", Exit.WITHDRAWN, exit_from=Stage.TEAM_FORMING),
    Spec("corporate-peer-challenge", Exit.CANCELLED, exit_from=Stage.PREPARATION),
    Spec("recovery-and-renewal-panel", Exit.CANCELLED, exit_from=Stage.TEAM_CONFIRMED),
]
# Engagements that ran their course, spread over the years, besides one at each stage.
MORE_CLOSED = {
    "corporate-peer-challenge": 7,
    "finance-peer-challenge": 3,
    "governance-peer-challenge": 3,
    "recovery-and-renewal-panel": 5,
    "bespoke-remote-peer-support": 4,
    "communications-peer-challenge": 2,
    "equalities-peer-challenge": 3,
    "planning-peer-challenge": 2,
    "progress-review": 2,
    "mentoring": 4,
}


def demo_specs(offers: list[Offer]) -> list[Spec]:
    """Every active offer at every stage it uses, a few that ended early, more closed."""
    known = {o.slug: o for o in offers}
    specs = [s for s in PINNED + EXITS if s.offer in known]
    for offer in offers:
        have = {s.status for s in specs if s.offer == offer.slug}
        specs += [Spec(offer.slug, stage) for stage in offer.stages if stage not in have]
        specs += [Spec(offer.slug, Stage.CLOSED)] * MORE_CLOSED.get(offer.slug, 2)
    return specs
