"""Hard rules 2 to 8 for every (peer, place), checked on whole columns at once.

``Pool`` turns the peers into NumPy columns (kind, party, accreditation, home
council, skill levels, capacity left, date ranges...) so that the peers who may
take a place are found with a handful of vectorised comparisons rather than a
Python loop per pair. Each rule is a boolean column of its own: the solver
needs their conjunction, the unfilled-place explanations need them apart
(which single rule, if dropped, would let someone in).

Rules that depend on the engagement only (excluded list, home council, councils
to avoid, unavailable days, existing bookings, capacity) are computed once per
engagement; rules that depend on the place only (kind, accreditation, party,
each minimum skill level) once per distinct place signature.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from peerwork.assembly.instance import Engagement, Instance, Peer, Slot

ENGAGEMENT_RULES = ("excluded", "home", "avoid", "unavailable", "booked", "capacity")
NO_CAP = 1 << 30


class Pool:
    """The peers of an instance as columns, with the eligibility checks over them."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.size = len(instance.peers)
        self.ids = [peer.id for peer in instance.peers]
        self.index = {peer_id: i for i, peer_id in enumerate(self.ids)}
        self.party_code: dict[str, int] = {}
        self.council_code: dict[str, int] = {}
        skill_rows, type_rows = self._columns(instance.peers)
        self._matrices(instance, skill_rows, type_rows)
        self.affinity = _affinity(instance, self.index)
        self._engagement_ok: dict[str, np.ndarray] = {}
        self._slot_ok: dict[tuple, np.ndarray] = {}

    def _columns(
        self, peers: list[Peer]
    ) -> tuple[list[tuple[int, str, int]], list[tuple[int, str]]]:
        """One pass over the peers into plain lists, then columns; returns the (row, skill,
        level) and (row, council type) pairs for the matrices."""
        member, accredited, party, home, load, capacity, lat, lon = ([] for _ in range(8))
        avoid: dict[str, list[int]] = {}
        skill_rows: list[tuple[int, str, int]] = []
        type_rows: list[tuple[int, str]] = []
        unavailable: list[tuple[int, date, date]] = []
        booked: list[tuple[int, date, date]] = []
        party_code, council_code = self.party_code, self.council_code
        for i, peer in enumerate(peers):
            member.append(peer.kind == "member")
            accredited.append(peer.accredited)
            party.append(
                -1 if peer.party is None else party_code.setdefault(peer.party, len(party_code))
            )
            home.append(
                -1
                if peer.home_council is None
                else council_code.setdefault(peer.home_council, len(council_code))
            )
            load.append(peer.load)
            capacity.append(NO_CAP if peer.capacity is None else peer.capacity)
            lat.append(np.nan if peer.lat is None else peer.lat)
            lon.append(np.nan if peer.lon is None else peer.lon)
            for council in peer.avoid_councils:
                avoid.setdefault(council, []).append(i)
            skill_rows.extend((i, name, level) for name, level in peer.skills.items())
            type_rows.extend((i, name) for name in peer.council_types)
            unavailable.extend((i, first, last) for first, last in peer.unavailable)
            booked.extend((i, first, last) for first, last in peer.booked)
        self.member = np.array(member, bool)
        self.accredited = np.array(accredited, bool)
        self.party = np.array(party, np.int32)
        self.home = np.array(home, np.int32)
        self.load = np.array(load, np.int64)
        self.capacity_left = np.array(capacity, np.int64) - self.load
        self.lat = np.array(lat, float)
        self.lon = np.array(lon, float)
        self.avoid = {council: np.array(rows, np.int64) for council, rows in avoid.items()}
        self.unavailable = _ranges(unavailable)
        self.booked = _ranges(booked)
        return skill_rows, type_rows

    def _matrices(
        self,
        instance: Instance,
        skill_rows: list[tuple[int, str, int]],
        type_rows: list[tuple[int, str]],
    ) -> None:
        """Skill levels (a column for every skill a peer has or a rule names) and the
        council types each peer knows."""
        skill_names = {name for _, name, _ in skill_rows}
        for engagement in instance.engagements:
            skill_names.update(engagement.team.cover_skills)
            for slot in engagement.slots:
                skill_names.update(slot.skills)
        self.skill_col = {name: j for j, name in enumerate(sorted(skill_names))}
        self.levels = np.zeros((self.size, len(self.skill_col)), np.int16)
        if skill_rows:
            rows, names, levels = zip(*skill_rows, strict=True)
            columns = [self.skill_col[name] for name in names]
            self.levels[np.array(rows), np.array(columns)] = levels
        self.type_col = {name: j for j, name in enumerate(sorted({t for _, t in type_rows}))}
        self.knows = np.zeros((self.size, len(self.type_col)), bool)
        if type_rows:
            rows, names = zip(*type_rows, strict=True)
            self.knows[np.array(rows), np.array([self.type_col[t] for t in names])] = True

    # Rules that depend on the engagement only.

    def engagement_masks(self, engagement: Engagement) -> dict[str, np.ndarray]:
        """One boolean column per engagement-level rule: True where the peer passes."""
        n = self.size
        masks = {}
        excluded = np.ones(n, bool)
        excluded[[self.index[p] for p in engagement.excluded]] = False
        masks["excluded"] = excluded
        council = self.council_code.get(engagement.council, -2)
        masks["home"] = self.home != council
        avoid = np.ones(n, bool)
        if engagement.council in self.avoid:
            avoid[self.avoid[engagement.council]] = False
        masks["avoid"] = avoid
        first, last = engagement.start.toordinal(), engagement.end.toordinal()
        masks["unavailable"] = _free(self.unavailable, first, last, n)
        masks["booked"] = _free(self.booked, first, last, n)
        masks["capacity"] = self.capacity_left > 0
        return masks

    def engagement_ok(self, engagement: Engagement) -> np.ndarray:
        ok = self._engagement_ok.get(engagement.id)
        if ok is None:
            masks = self.engagement_masks(engagement)
            ok = np.logical_and.reduce(list(masks.values()))
            self._engagement_ok[engagement.id] = ok
        return ok

    # Rules that depend on the place only.

    def slot_masks(self, slot: Slot) -> dict[str, np.ndarray]:
        """One boolean column per place-level rule; each minimum skill level is a rule."""
        n = self.size
        masks = {}
        if slot.kind is not None:
            masks["kind"] = self.member if slot.kind == "member" else ~self.member
        if slot.accredited:
            masks["accreditation"] = self.accredited.copy()
        if slot.party is not None:
            codes = [self.party_code[p] for p in slot.party if p in self.party_code]
            masks["party"] = np.isin(self.party, codes) if codes else np.zeros(n, bool)
        for name, level in slot.skills.items():
            masks[f"skill:{name}"] = self.levels[:, self.skill_col[name]] >= level
        return masks

    def slot_ok(self, slot: Slot) -> np.ndarray:
        key = (slot.kind, slot.accredited, slot.party, tuple(sorted(slot.skills.items())))
        ok = self._slot_ok.get(key)
        if ok is None:
            masks = self.slot_masks(slot)
            ok = np.logical_and.reduce(list(masks.values())) if masks else np.ones(self.size, bool)
            self._slot_ok[key] = ok
        return ok

    def eligible(self, engagement: Engagement, slot: Slot) -> np.ndarray:
        """Indices of the peers who pass every per-pair hard rule for this place."""
        return np.flatnonzero(self.engagement_ok(engagement) & self.slot_ok(slot))

    def rule_masks(self, engagement: Engagement, slot: Slot) -> dict[str, np.ndarray]:
        return {**self.slot_masks(slot), **self.engagement_masks(engagement)}

    def has_skill(self, peers: np.ndarray, name: str, level: int) -> np.ndarray:
        column = self.skill_col.get(name)
        if column is None:
            return np.zeros(len(peers), bool)
        return self.levels[peers, column] >= level

    def knows_type(self, peers: np.ndarray, council_type: str | None) -> np.ndarray:
        column = self.type_col.get(council_type) if council_type else None
        if column is None:
            return np.zeros(len(peers), bool)
        return self.knows[peers, column]

    def release(self, peers: list[int], dates: list[tuple[date, date]]) -> None:
        """Undo ``book_many`` for these bookings (one booking each)."""
        if not peers:
            return
        rows, starts, ends = self.booked
        keep = np.ones(len(rows), bool)
        for peer, (first, last) in zip(peers, dates, strict=True):
            match = (rows == peer) & (starts == first.toordinal()) & (ends == last.toordinal())
            match &= keep
            keep[np.flatnonzero(match)[0]] = False
        self.booked = (rows[keep], starts[keep], ends[keep])
        np.add.at(self.load, peers, -1)
        np.add.at(self.capacity_left, peers, 1)
        self._engagement_ok.clear()

    def book_many(self, peers: list[int], dates: list[tuple[date, date]]) -> None:
        """Record many proposals made earlier in this run as bookings."""
        if not peers:
            return
        rows, starts, ends = self.booked
        self.booked = (
            np.r_[rows, np.array(peers, np.int64)],
            np.r_[starts, np.array([first.toordinal() for first, _ in dates], np.int64)],
            np.r_[ends, np.array([last.toordinal() for _, last in dates], np.int64)],
        )
        np.add.at(self.load, peers, 1)
        np.add.at(self.capacity_left, peers, -1)
        self._engagement_ok.clear()


def _affinity(
    instance: Instance, index: dict[str, int]
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Explicit affinity by engagement id: (peer rows, values), the rows ascending."""
    if not instance.affinity:
        return {}
    size = len(instance.affinity)
    numbers = {e.id: k for k, e in enumerate(instance.engagements)}
    keys = instance.affinity.keys()
    peer_at = np.fromiter((index[p] for p, _ in keys), np.int64, size)
    engagement_at = np.fromiter((numbers[e] for _, e in keys), np.int64, size)
    values = np.fromiter(instance.affinity.values(), float, size)
    order = np.lexsort((peer_at, engagement_at))
    peer_at, engagement_at, values = peer_at[order], engagement_at[order], values[order]
    cuts = np.flatnonzero(np.r_[True, engagement_at[1:] != engagement_at[:-1], True])
    affinity = {}
    for a, b in zip(cuts[:-1], cuts[1:], strict=True):
        engagement_id = instance.engagements[int(engagement_at[a])].id
        affinity[engagement_id] = (peer_at[a:b], values[a:b])
    return affinity


def _ranges(ranges: list[tuple[int, date, date]]) -> tuple[np.ndarray, ...]:
    rows = np.array([row for row, _, _ in ranges], np.int64)
    starts = np.array([first.toordinal() for _, first, _ in ranges], np.int64)
    ends = np.array([last.toordinal() for _, _, last in ranges], np.int64)
    return rows, starts, ends


def _free(ranges: tuple[np.ndarray, ...], first: int, last: int, n: int) -> np.ndarray:
    rows, starts, ends = ranges
    free = np.ones(n, bool)
    free[rows[(starts <= last) & (ends >= first)]] = False
    return free


def overlaps(a: Engagement, b: Engagement) -> bool:
    return a.start <= b.end and b.start <= a.end
