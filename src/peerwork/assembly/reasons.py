"""Why a place is unfilled, in words a coordinator can act on, naming the rule to relax.

Two cases:

- Too few peers pass the per-pair rules (static). Each rule is a boolean
  column; dropping one rule at a time (then, if no single rule is enough, two
  at a time) shows which relaxation would bring enough candidates in, and how
  many.
- Enough peers pass, but this run used them (dynamic): each eligible peer is
  put down to what took them (an overlapping engagement of this run, capacity,
  the team's party cap, another place on this team), and the commonest cause
  names the rule to relax.
"""

from __future__ import annotations

from datetime import date
from itertools import combinations

import numpy as np

from peerwork.assembly.candidates import Place
from peerwork.assembly.eligibility import Pool
from peerwork.assembly.instance import Engagement, Slot

MONTHS = (
    "January February March April May June July August September October November December"
).split()


def day_range(first: date, last: date) -> str:
    """'9-12 March 2027', '30 March - 2 April 2027', '9 March 2027'."""
    if first == last:
        return f"{first.day} {MONTHS[first.month - 1]} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {MONTHS[first.month - 1]} {first.year}"
    if first.year == last.year:
        return (
            f"{first.day} {MONTHS[first.month - 1]} - {last.day} {MONTHS[last.month - 1]} "
            f"{first.year}"
        )
    return f"{day_range(first, first)} - {day_range(last, last)}"


_KIND_WORDS: dict[str | None, str] = {"member": "member peer", "officer": "officer peer"}


def describe(slot: Slot, plural: bool = False) -> str:
    """'accredited member peer of party LAB with finance level 2'."""
    words = ["accredited"] if slot.accredited else []
    words.append(_KIND_WORDS.get(slot.kind, "peer"))
    text = " ".join(words) + ("s" if plural else "")
    if slot.party:
        text += " of party " + " or ".join(slot.party)
    if slot.skills:
        text += " with " + " and ".join(f"{n} level {lvl}" for n, lvl in slot.skills.items())
    return text


def rule_label(rule: str, slot: Slot) -> str:
    if rule.startswith("skill:"):
        name = rule.removeprefix("skill:")
        return f"skill rule ({name} level {slot.skills[name]})"
    return {
        "kind": f"kind rule ({slot.kind} peers only)",
        "accreditation": "accreditation rule",
        "party": "party rule",
        "excluded": "excluded list",
        "home": "home council rule",
        "avoid": "councils to avoid (conflicts of interest)",
        "unavailable": "unavailable dates (or move the engagement)",
        "booked": "existing bookings (or move the engagement)",
        "capacity": "capacity",
    }[rule]


# On a tie, the rule a coordinator can most readily relax is named first: the
# party rule is a convention ("normally shares the party"), conflicts of
# interest are not.
RELAX_ORDER = (
    "party", "skill", "accreditation", "kind", "capacity", "excluded",
    "booked", "unavailable", "avoid", "home",
)  # fmt: skip


def _relax_rank(rule: str) -> int:
    return RELAX_ORDER.index(rule.split(":")[0])


def static_reason(pool: Pool, engagement: Engagement, slot: Slot, eligible: int) -> tuple:
    """(text, rules to relax) for a place with fewer eligible peers than its count."""
    masks = pool.rule_masks(engagement, slot)
    names = list(masks)
    when = day_range(engagement.start, engagement.end)
    if eligible == 0:
        text = f"no {describe(slot)} is free on {when} without a conflict"
    else:
        verb = "is" if eligible == 1 else "are"
        text = (
            f"only {eligible} {describe(slot, plural=eligible != 1)} {verb} free on {when} "
            f"without a conflict ({slot.count} needed)"
        )
    if not names:
        return text, []
    stack = np.array([masks[name] for name in names])

    def without(dropped: tuple[int, ...]) -> int:
        keep = [i for i in range(len(names)) if i not in dropped]
        if not keep:
            return pool.size
        return int(np.logical_and.reduce(stack[keep]).sum())

    rank = [_relax_rank(name) for name in names]
    singles = sorted(
        ((without((i,)), i) for i in range(len(names))), key=lambda t: (-t[0], rank[t[1]])
    )
    enough: list[tuple[int, tuple[int, ...]]] = [(n, (i,)) for n, i in singles if n >= slot.count]
    if not enough:
        pairs: list[tuple[int, tuple[int, ...]]] = sorted(
            ((without(pair), pair) for pair in combinations(range(len(names)), 2)),
            key=lambda t: (-t[0], sorted(rank[i] for i in t[1])),
        )
        enough = [(n, pair) for n, pair in pairs if n >= slot.count][:1]
    helpful = enough or [(n, (i,)) for n, i in singles if n > eligible][:1]
    if not helpful:
        return text + " (no single rule or pair of rules is to blame: widen the pool)", []
    options = []
    for n, dropped in helpful[:2]:
        label = " and the ".join(rule_label(names[i], slot) for i in dropped)
        peers = "peer would" if n == 1 else "peers would"
        options.append(f"{label}: {n} {peers} then qualify")
    relax = [names[i] for i in helpful[0][1]]
    return f"{text} (relax: {'; or '.join(options)})", relax


def unfilled(
    pool: Pool,
    engagements: list[Engagement],
    places: list[Place],
    chosen: list[tuple[int, int]],
    *,
    complete: bool,
) -> list[dict]:
    """The unfilled places of one run, each with a reason and the rules to relax."""
    filled: dict[int, int] = {}
    runs_of: dict[int, list[int]] = {}
    team: dict[int, set[int]] = {}
    for i, peer in chosen:
        filled[i] = filled.get(i, 0) + 1
        run = places[i].run_index
        runs_of.setdefault(peer, []).append(run)
        team.setdefault(run, set()).add(peer)

    result = []
    for i, place in enumerate(places):
        missing = place.count - filled.get(i, 0)
        if missing <= 0:
            continue
        engagement, slot = place.engagement, place.slot
        team_rule = _impossible_team_rule(pool, place, places)
        if team_rule and not team.get(place.run_index):
            text, relax = team_rule
        elif place.eligible < place.count:
            text, relax = static_reason(pool, engagement, slot, place.eligible)
        else:
            text, relax = _taken_reason(pool, engagements, place, runs_of, team, complete)
        result.append(
            {
                "engagement": engagement.id,
                "role": slot.role,
                "missing": missing,
                "reason": text,
                "relax": relax,
            }
        )
    return result


def _impossible_team_rule(pool: Pool, place: Place, places: list[Place]) -> tuple | None:
    engagement = place.engagement
    team = engagement.team
    if not team.has_rules:
        return None
    own = [p for p in places if p.run_index == place.run_index]
    everyone = np.unique(np.concatenate([pool.eligible(engagement, p.slot) for p in own]))
    for name, level in team.cover_skills.items():
        if not pool.has_skill(everyone, name, level).any():
            return (
                f"the team must include someone with {name} level {level}, and no peer "
                f"eligible for any of its places has it, so no team is proposed "
                f"(relax: team rule cover_skills {name})",
                [f"team:cover_skills:{name}"],
            )
    need = team.min_type_experience or 0
    knowing = int(pool.knows_type(everyone, engagement.council_type).sum())
    if need and knowing < need:
        return (
            f"the team must include {need} peers who know {engagement.council_type} councils, "
            f"and only {knowing} eligible peers do, so no team is proposed "
            "(relax: team rule min_type_experience)",
            ["team:min_type_experience"],
        )
    return None


def _taken_reason(
    pool: Pool,
    engagements: list[Engagement],
    place: Place,
    runs_of: dict[int, list[int]],
    team: dict[int, set[int]],
    complete: bool,
) -> tuple[str, list[str]]:
    engagement, slot, run = place.engagement, place.slot, place.run_index
    members = team.get(run, set())
    cap = engagement.team.max_same_party
    party_count: dict[int, int] = {}
    for peer in members:
        party = int(pool.party[peer])
        party_count[party] = party_count.get(party, 0) + 1
    modelled = set(place.peers.tolist())
    causes = {"overlap": 0, "capacity": 0, "team": 0, "party": 0, "pruned": 0, "free": 0}
    clashes: set[str] = set()
    for peer in pool.eligible(engagement, slot).tolist():
        runs = runs_of.get(peer, [])
        clashing = [
            engagements[r].id
            for r in runs
            if r != run
            and engagements[r].start <= engagement.end
            and engagement.start <= engagements[r].end
        ]
        if peer in members:
            causes["team"] += 1
        elif clashing:
            causes["overlap"] += 1
            clashes.update(clashing)
        elif len(runs) >= pool.capacity_left[peer]:
            causes["capacity"] += 1
        elif (
            cap is not None
            and pool.party[peer] >= 0
            and party_count.get(int(pool.party[peer]), 0) >= cap
        ):
            causes["party"] += 1
        elif peer not in modelled:
            causes["pruned"] += 1
        else:
            causes["free"] += 1

    words = {
        "overlap": "on overlapping engagements in this run ({})",
        "capacity": "at capacity with this run's other engagements",
        "team": "in other places on this team",
        "party": f"of a party already at the team's cap of {cap}",
        "pruned": "not considered (only the best candidates per place are modelled)",
        "free": "free but left out",
    }
    shown = sorted(clashes)[:5] + (["..."] if len(clashes) > 5 else [])
    parts = [f"{n} {words[cause].format(', '.join(shown))}" for cause, n in causes.items() if n]
    eligible = place.eligible
    text = (
        f"all {eligible} eligible {describe(slot, plural=eligible != 1)} free on "
        f"{day_range(engagement.start, engagement.end)} are taken: " + ", ".join(parts)
    )
    main = max(causes, key=lambda cause: causes[cause])
    if causes["free"] and engagement.team.has_rules and not members:
        return (
            text + " (relax: the team's coverage rules, which this team cannot meet "
            "with the peers left)",
            ["team"],
        )
    if causes["free"] and not complete:
        return text + " (the time limit passed first: give the solver longer)", ["time_limit"]
    relax = {
        "overlap": ("move the engagement's dates, or release a peer from " + ", ".join(shown)),
        "capacity": "capacity",
        "team": "the requirements of this place or of the team's other places",
        "party": "team rule max_same_party",
        "pruned": "keep more candidates per place",
        "free": "the team's rules",
    }[main]
    return f"{text} (relax: {relax})", [main]
