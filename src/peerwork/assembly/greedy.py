"""The hand-made baseline, and a checker that counts the hard-rule violations of any proposal.

``greedy`` does what a person with a spreadsheet does: place by place, in the
order the engagements and their places are listed, it takes the best-scoring
peer of the right kind who is not already on something overlapping *among its
own earlier picks*. It checks nothing else (accreditation, party, skills,
conflicts of interest, unavailable days, bookings, capacity, team rules,
locked and excluded lists), so it finds fast, plausible-looking teams that
break rules. ``violations`` lists every broken rule of any assignment list; the
benchmark and the tests use it to show the solver breaks none.
"""

from __future__ import annotations

import time
from collections import Counter

import numpy as np

from peerwork.assembly.candidates import Place
from peerwork.assembly.eligibility import Pool
from peerwork.assembly.instance import Engagement, Instance, Peer, Slot, validate
from peerwork.assembly.results import assignments
from peerwork.assembly.scoring import SCALE, fit_terms, total, workload_cost


def greedy(instance: dict | Instance) -> dict:
    """The baseline's proposal, in the solver's output shape plus ``violations``."""
    started = time.perf_counter()
    parsed = instance if isinstance(instance, Instance) else validate(instance)
    pool = Pool(parsed)
    weight = parsed.weights.workload
    places: list[Place] = []
    chosen: list[tuple[int, int]] = []
    unfilled = []
    dates: dict[int, list[tuple[int, int]]] = {}
    for run, engagement in enumerate(parsed.engagements):
        first, last = engagement.start.toordinal(), engagement.end.toordinal()
        for slot_index, slot in enumerate(engagement.slots):
            if slot.kind is None:
                peers = np.arange(pool.size)
            else:
                peers = np.flatnonzero(pool.member == (slot.kind == "member"))
            terms = fit_terms(pool, engagement, slot, peers)
            base = total(terms, len(peers))
            if weight:
                base -= workload_cost(weight, pool.load[peers], 1)
            i = len(places)
            need = slot.count
            picked = []
            for pos in np.argsort(-base, kind="stable"):
                if need == 0:
                    break
                peer = int(peers[pos])
                own = dates.get(peer, [])
                if any(a <= last and first <= b for a, b in own):
                    continue
                own.append((first, last))
                dates[peer] = own
                chosen.append((i, peer))
                picked.append(pos)
                need -= 1
            # Keep only the picked candidates: a big pool's full columns would not fit in memory.
            keep = np.sort(np.array(picked, np.int64))
            terms = {name: column[keep] for name, column in terms.items()}
            places.append(
                Place(run, slot_index, engagement, slot, len(peers), peers[keep], terms, base[keep])
            )
            if need:
                unfilled.append(
                    {
                        "engagement": engagement.id,
                        "role": slot.role,
                        "missing": need,
                        "reason": f"no {slot.kind or ''} peer left free on these dates".replace(
                            "  ", " "
                        ),
                    }
                )
    rows, objective = assignments(pool, places, chosen)
    for row in rows:
        row.pop("locked")
    broken = violations(parsed, rows)
    return {
        "status": "infeasible" if broken else "feasible",
        "objective": objective / SCALE,
        "bound": None,
        "gap": None,
        "seconds": round(time.perf_counter() - started, 4),
        "assignments": rows,
        "unfilled": unfilled,
        "violations": broken,
    }


def violations(instance: dict | Instance, rows: list[dict], *, complete: bool = True) -> list[dict]:
    """Every hard rule (numbered as in the specification) that ``rows`` break.

    ``rows`` are assignments ``{"engagement", "role", "peer"}``. With
    ``complete=False`` the rows are a partial team (locked choices checked
    before solving): team coverage and "locked kept" are not judged.
    """
    parsed = instance if isinstance(instance, Instance) else validate(instance)
    engagements = {e.id: e for e in parsed.engagements}
    peers = {p.id: p for p in parsed.peers}
    found: list[dict] = []
    per_slot: Counter = Counter()
    per_pair: Counter = Counter()
    by_peer: dict[str, list[dict]] = {}
    by_team: dict[str, list[dict]] = {}
    for row in rows:
        engagement = engagements.get(row["engagement"])
        peer = peers.get(row["peer"])
        slot = None if engagement is None else _slot(engagement, row["role"])
        if engagement is None or peer is None or slot is None:
            found.append(_broken(1, "unknown", row, "no such engagement, place or peer"))
            continue
        per_slot[engagement.id, slot.role] += 1
        per_pair[engagement.id, peer.id] += 1
        by_peer.setdefault(peer.id, []).append(row)
        by_team.setdefault(engagement.id, []).append(row)
        found += _place_rules(row, slot, peer)
        found += _engagement_rules(row, engagement, peer)

    found += _count_rules(engagements, per_slot, per_pair)
    for peer_id, own in by_peer.items():
        found += _peer_rules(peers[peer_id], own, engagements)
    for engagement_id, team in by_team.items():
        engagement = engagements[engagement_id]
        members = [peers[row["peer"]] for row in team]
        found += _party_rule(engagement, members)
        if complete:
            found += _coverage_rules(engagement, members)
    if complete:
        found += _locked_rules(parsed.engagements, rows)
    return found


def _broken(rule: int, name: str, row: dict, message: str) -> dict:
    return {
        "rule": rule,
        "name": name,
        "engagement": row.get("engagement"),
        "role": row.get("role"),
        "peer": row.get("peer"),
        "message": message,
    }


def _slot(engagement: Engagement, role: str) -> Slot | None:
    return next((s for s in engagement.slots if s.role == role), None)


def _place_rules(row: dict, slot: Slot, peer: Peer) -> list[dict]:
    """Rule 6: the peer is of the kind, accreditation, party and skills the place asks for."""
    found = []
    if slot.kind is not None and peer.kind != slot.kind:
        message = f"{peer.id} is a {peer.kind} peer, the place wants {slot.kind}"
        found.append(_broken(6, "kind", row, message))
    if slot.accredited and not peer.accredited:
        found.append(_broken(6, "accreditation", row, f"{peer.id} is not accredited"))
    if slot.party is not None and peer.party not in slot.party:
        message = f"{peer.id} is of party {peer.party}, not {slot.party}"
        found.append(_broken(6, "party", row, message))
    for name, level in slot.skills.items():
        if peer.skills.get(name, 0) < level:
            found.append(_broken(6, "skills", row, f"{peer.id} lacks {name} level {level}"))
    return found


def _engagement_rules(row: dict, engagement: Engagement, peer: Peer) -> list[dict]:
    """Rules 3, 4 and 8 for one pair: conflicts of interest, the peer's dates, exclusion."""
    found = []
    if peer.home_council == engagement.council:
        found.append(_broken(3, "home", row, f"{peer.id} is from {engagement.council}"))
    if engagement.council in peer.avoid_councils:
        found.append(_broken(3, "avoid", row, f"{peer.id} must avoid {engagement.council}"))
    for name, ranges in (("unavailable", peer.unavailable), ("booked", peer.booked)):
        for first, last in ranges:
            if first <= engagement.end and engagement.start <= last:
                message = f"{peer.id} is {name} {first} to {last}"
                found.append(_broken(4, name, row, message))
    if peer.id in engagement.excluded:
        found.append(_broken(8, "excluded", row, f"{peer.id} is excluded from {engagement.id}"))
    return found


def _count_rules(
    engagements: dict[str, Engagement], per_slot: Counter, per_pair: Counter
) -> list[dict]:
    """Rules 1 and 2: no place over its count, no peer on two places of one engagement."""
    found = []
    for (engagement_id, role), n in per_slot.items():
        slot = next(s for s in engagements[engagement_id].slots if s.role == role)
        if n > slot.count:
            row = {"engagement": engagement_id, "role": role}
            found.append(_broken(1, "count", row, f"{n} peers for a place of {slot.count}"))
    for (engagement_id, peer_id), n in per_pair.items():
        if n > 1:
            row = {"engagement": engagement_id, "peer": peer_id}
            message = f"{peer_id} holds {n} places on {engagement_id}"
            found.append(_broken(2, "one place", row, message))
    return found


def _peer_rules(peer: Peer, own: list[dict], engagements: dict[str, Engagement]) -> list[dict]:
    """Rules 4 and 5 across one peer's rows: no overlapping engagements, capacity kept."""
    found = []
    distinct = sorted({row["engagement"] for row in own}, key=lambda e: engagements[e].start)
    for a, first in enumerate(distinct):
        for second in distinct[a + 1 :]:
            if engagements[second].start > engagements[first].end:
                break
            row = {"engagement": second, "peer": peer.id}
            message = f"{peer.id} is on {first} and {second}, which overlap"
            found.append(_broken(4, "overlap", row, message))
    if peer.capacity is not None and peer.load + len(distinct) > peer.capacity:
        message = (
            f"{peer.id} would have {peer.load + len(distinct)} "
            f"engagements, capacity {peer.capacity}"
        )
        found.append(_broken(5, "capacity", {"peer": peer.id}, message))
    return found


def _party_rule(engagement: Engagement, members: list[Peer]) -> list[dict]:
    """Rule 7's party cap, which a partial team can already break."""
    cap = engagement.team.max_same_party
    if cap is None:
        return []
    row = {"engagement": engagement.id}
    parties = Counter(p.party for p in members if p.party is not None)
    return [
        _broken(7, "max_same_party", row, f"{n} members of {party}, at most {cap}")
        for party, n in parties.items()
        if n > cap
    ]


def _coverage_rules(engagement: Engagement, members: list[Peer]) -> list[dict]:
    """Rule 7's coverage: judged on complete teams only."""
    found = []
    row = {"engagement": engagement.id}
    for name, level in engagement.team.cover_skills.items():
        if not any(p.skills.get(name, 0) >= level for p in members):
            message = f"nobody on the team has {name} level {level}"
            found.append(_broken(7, "cover_skills", row, message))
    need = engagement.team.min_type_experience
    if need:
        knowing = sum(engagement.council_type in p.council_types for p in members)
        if knowing < need:
            message = f"{knowing} know the council type, {need} needed"
            found.append(_broken(7, "min_type_experience", row, message))
    return found


def _locked_rules(engagements: list[Engagement], rows: list[dict]) -> list[dict]:
    """Rule 8: every locked pair is kept."""
    present = {(row["engagement"], row["role"], row["peer"]) for row in rows}
    found = []
    for engagement in engagements:
        for role, peer_id in engagement.locked:
            if (engagement.id, role, peer_id) not in present:
                row = {"engagement": engagement.id, "role": role, "peer": peer_id}
                found.append(_broken(8, "locked", row, f"locked {peer_id} is not kept as {role}"))
    return found
