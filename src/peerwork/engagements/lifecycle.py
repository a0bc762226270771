"""The transition table: which status may follow which, for a given offer.

The canonical order is the Stage list; an offer uses a subset of it (a remote
panel has no report stages), so the next stage is the next one *the offer
uses*. Any unfinished engagement may be withdrawn or cancelled; only a request
may be declined.
"""

from peerwork.engagements.models import FINISHED, Exit
from peerwork.offers.models import Stage

ORDER = list(Stage.values)


def next_stage(status: str, offer_stages: list[str]) -> str | None:
    if status not in ORDER:
        return None
    later = ORDER[ORDER.index(status) + 1 :]
    return next((stage for stage in later if stage in offer_stages), None)


def allowed(status: str, offer_stages: list[str]) -> list[str]:
    """Every status an engagement in `status` may move to."""
    if status in FINISHED:
        return []
    moves = []
    following = next_stage(status, offer_stages)
    if following:
        moves.append(following)
    if status == Stage.REQUESTED:
        moves.append(Exit.DECLINED)
    moves += [Exit.WITHDRAWN, Exit.CANCELLED]
    return moves


# Moves that need a reason, in words for the person making them.
NEEDS_REASON = {Exit.DECLINED, Exit.WITHDRAWN, Exit.CANCELLED}

# Stages entered only from the report pages, where what they need is checked:
# a report to check, every comment resolved, an action for every recommendation.
ENTERED_FROM_REPORT = {
    Stage.FACTUAL_ACCURACY_CHECK,
    Stage.PUBLISHED,
    Stage.ACTION_PLAN_PUBLISHED,
    Stage.PROGRESS_REVIEW,
}
