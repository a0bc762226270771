"""The fit of a peer for a place, term by term, in integer thousandths.

Every term is computed for a whole column of candidate peers at once and
rounded once to an integer number of thousandths (``SCALE``); the solver works
on those integers and the breakdown shown to staff is the same integers divided
by ``SCALE``, so an assignment's score is exactly the sum of its breakdown and
the objective exactly the sum of the scores. (Resolution 0.001: ten times finer
than the 0.01 rounding that makes other matchers report ties.)

Terms (each multiplied by its weight; a weight of 0 switches the term off):

- ``skill``: for each skill the place requires, or the team must cover, the
  peer's level divided by 3 (the top level).
- ``council_type``: 1 if the peer knows the engagement's council type.
- ``continuity``: 1 if the peer is in the engagement's ``previous_team``.
- ``development``: 1 / (1 + load): a small push towards peers with little work.
- ``travel``: minus the great-circle distance in hundreds of kilometres from the
  peer to the engagement, for on-site engagements where both have a location.
- ``affinity``: an explicit score given for the (peer, engagement) pair; it
  replaces all the terms above for that pair.
- ``workload``: the k-th engagement a peer takes in this run costs
  ``workload * (load + k)``, so each extra engagement costs more than the last
  (convex) and work spreads across the pool.
"""

from __future__ import annotations

from typing import overload

import numpy as np

from peerwork.assembly.eligibility import Pool
from peerwork.assembly.instance import Engagement, Slot

SCALE = 1000
TOP_LEVEL = 3
EARTH_RADIUS_KM = 6371.0


def fit_terms(
    pool: Pool, engagement: Engagement, slot: Slot, peers: np.ndarray
) -> dict[str, np.ndarray]:
    """The fit terms (not workload) of each peer in ``peers`` for this place, in thousandths."""
    weights = pool.instance.weights
    raw: dict[str, np.ndarray] = {}
    relevant = [pool.skill_col[s] for s in {**engagement.team.cover_skills, **slot.skills}]
    if weights.skill and relevant:
        levels = pool.levels[np.ix_(peers, np.array(relevant, np.intp))].sum(axis=1)
        raw["skill"] = weights.skill * levels / TOP_LEVEL
    if weights.council_type and engagement.council_type:
        raw["council_type"] = weights.council_type * pool.knows_type(peers, engagement.council_type)
    if weights.continuity and engagement.previous_team:
        previous = [pool.index[p] for p in engagement.previous_team]
        raw["continuity"] = weights.continuity * np.isin(peers, previous)
    if weights.development:
        raw["development"] = weights.development / (1.0 + pool.load[peers])
    lat, lon = engagement.lat, engagement.lon
    if weights.travel and engagement.on_site and lat is not None and lon is not None:
        km = distance_km(pool.lat[peers], pool.lon[peers], lat, lon)
        raw["travel"] = -weights.travel * np.nan_to_num(km, nan=0.0) / 100.0
    terms = {name: np.rint(values * SCALE).astype(np.int64) for name, values in raw.items()}

    given = pool.affinity.get(engagement.id)
    if given is not None:
        rows, values = given
        at = np.minimum(np.searchsorted(rows, peers), len(rows) - 1)
        found = rows[at] == peers
        if found.any():
            for column in terms.values():
                column[found] = 0
            affinity = np.zeros(len(peers), np.int64)
            affinity[found] = np.rint(values[at[found]] * SCALE).astype(np.int64)
            terms["affinity"] = affinity
    return terms


def total(terms: dict[str, np.ndarray], size: int) -> np.ndarray:
    result = np.zeros(size, np.int64)
    for column in terms.values():
        result += column
    return result


@overload
def workload_cost(weight: float, load: int, k: int) -> int: ...
@overload
def workload_cost(weight: float, load: np.ndarray, k: int | np.ndarray) -> np.ndarray: ...
def workload_cost(weight: float, load: int | np.ndarray, k: int | np.ndarray) -> int | np.ndarray:
    """What the k-th engagement of this run costs a peer who already has ``load``.

    One peer's cost is an int; a column of peers' costs is an array.
    """
    value = np.rint(weight * (np.asarray(load) + k) * SCALE).astype(np.int64)
    return int(value) if value.ndim == 0 else value


def breakdown(terms: dict[str, int], workload: int) -> dict[str, float]:
    """The non-zero terms of one assignment, in score units."""
    parts = {name: value / SCALE for name, value in terms.items() if value}
    if workload:
        parts["workload"] = -workload / SCALE
    return parts


def distance_km(lat: np.ndarray, lon: np.ndarray, to_lat: float, to_lon: float) -> np.ndarray:
    """Great-circle (haversine) distance from each (lat, lon) to one point."""
    phi1, phi2 = np.radians(lat), np.radians(to_lat)
    dphi = phi2 - phi1
    dlambda = np.radians(to_lon) - np.radians(lon)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
