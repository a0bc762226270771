"""Reading a team-assembly instance: plain JSON in, checked dataclasses out.

The format is the interchange contract of ``docs/team-assembly.md``. Every
problem is reported as an ``InstanceError`` naming the offending field by its
path (``engagements[0].slots[1].count``), so a coordinator or another tool can
find it without reading a traceback.

Optional fields this package adds to the contract (all may be left out):

- engagement ``locked``: ``[{"role": "lead_member", "peer": "P7"}]``, places
  staff have decided; they are kept as they are.
- engagement ``excluded``: peer ids never to be proposed for it.
- engagement ``previous_team``: peer ids of the original team (continuity,
  e.g. for a progress review).
- engagement ``on_site`` (bool), ``lat``/``lon``: travel counts only for
  on-site engagements that have a location.
- engagement ``team.min_type_experience``: at least this many of the team know
  the engagement's council type.
- slot ``party`` may also be a list of party codes (any of them will do).
- peer ``booked``: ``[[start, end], ...]``, engagements confirmed outside this
  run; a peer is never placed on anything overlapping them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

KINDS = ("member", "officer")


class InstanceError(ValueError):
    """A malformed instance: ``field`` is the path of the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class Slot:
    role: str
    count: int
    kind: str | None = None
    party: tuple[str, ...] | None = None
    skills: dict[str, int] = field(default_factory=dict)
    accredited: bool = False


@dataclass(frozen=True, slots=True)
class Team:
    cover_skills: dict[str, int] = field(default_factory=dict)
    max_same_party: int | None = None
    min_type_experience: int | None = None

    @property
    def has_rules(self) -> bool:
        return bool(self.cover_skills) or bool(self.min_type_experience)


@dataclass(slots=True)
class Engagement:
    id: str
    council: str
    start: date
    end: date
    slots: list[Slot]
    council_type: str | None = None
    region: str | None = None
    controlling_party: str | None = None
    team: Team = field(default_factory=Team)
    locked: list[tuple[str, str]] = field(default_factory=list)
    excluded: frozenset[str] = frozenset()
    previous_team: frozenset[str] = frozenset()
    on_site: bool = False
    lat: float | None = None
    lon: float | None = None

    @property
    def places(self) -> int:
        return sum(slot.count for slot in self.slots)


@dataclass(slots=True)
class Peer:
    id: str
    kind: str
    party: str | None = None
    home_council: str | None = None
    avoid_councils: frozenset[str] = frozenset()
    skills: dict[str, int] = field(default_factory=dict)
    council_types: frozenset[str] = frozenset()
    accredited: bool = False
    capacity: int | None = None
    load: int = 0
    unavailable: list[tuple[date, date]] = field(default_factory=list)
    booked: list[tuple[date, date]] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Weights:
    """The objective's weights; the defaults are the specification's example values."""

    skill: float = 1.0
    council_type: float = 0.3
    continuity: float = 5.0
    development: float = 0.2
    travel: float = 0.1
    workload: float = 0.5


WEIGHT_NAMES = tuple(Weights.__dataclass_fields__)


@dataclass(slots=True)
class Instance:
    engagements: list[Engagement]
    peers: list[Peer]
    affinity: dict[tuple[str, str], float] = field(default_factory=dict)
    weights: Weights = field(default_factory=Weights)

    def engagement(self, engagement_id: str) -> Engagement:
        for engagement in self.engagements:
            if engagement.id == engagement_id:
                return engagement
        raise KeyError(engagement_id)


def validate(data: object) -> Instance:
    """Check an instance (as loaded from JSON) and return it as dataclasses.

    Raises InstanceError naming the first offending field.
    """
    obj = _object(data, "")
    engagements_data = _list(_required(obj, "engagements", ""), "engagements")
    peers_data = _list(_required(obj, "peers", ""), "peers")
    peers = _peers(peers_data)
    peer_ids = {peer.id for peer in peers}
    engagements = _engagements(engagements_data, peer_ids)
    engagement_ids = {engagement.id for engagement in engagements}
    affinity: dict[tuple[str, str], float] = {}
    if obj.get("affinity") is not None:
        affinity = _affinity(obj["affinity"], peer_ids, engagement_ids)
    weights = Weights()
    if obj.get("weights") is not None:
        weights = _weights(obj["weights"])
    return Instance(engagements=engagements, peers=peers, affinity=affinity, weights=weights)


def _peers(items: list) -> list[Peer]:
    peers = [_peer(item, f"peers[{i}]") for i, item in enumerate(items)]
    seen: set[str] = set()
    for i, peer in enumerate(peers):
        if peer.id in seen:
            raise InstanceError(f"peers[{i}].id", f"duplicate peer id {peer.id!r}")
        seen.add(peer.id)
    return peers


def _engagements(items: list, peer_ids: set[str]) -> list[Engagement]:
    engagements = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        engagement = _engagement(item, f"engagements[{i}]", peer_ids)
        if engagement.id in seen:
            raise InstanceError(
                f"engagements[{i}].id", f"duplicate engagement id {engagement.id!r}"
            )
        seen.add(engagement.id)
        engagements.append(engagement)
    return engagements


def _affinity(
    data: object, peer_ids: set[str], engagement_ids: set[str]
) -> dict[tuple[str, str], float]:
    affinity: dict[tuple[str, str], float] = {}
    # A dense affinity matrix has millions of rows: check the common case inline.
    for i, item in enumerate(_list(data, "affinity")):
        if type(item) is list and len(item) == 3:
            peer_id, engagement_id, value = item
            kind = type(value)
            try:
                if (
                    peer_id in peer_ids
                    and engagement_id in engagement_ids
                    and (kind is float or kind is int)
                    and -_HUGE < value < _HUGE
                ):
                    affinity[peer_id, engagement_id] = value
                    continue
            except TypeError:  # an unhashable id
                pass
        _affinity_error(item, f"affinity[{i}]", peer_ids, engagement_ids)
    return affinity


def _weights(data: object) -> Weights:
    values = {}
    for name, value in _object(data, "weights").items():
        if name not in WEIGHT_NAMES:
            raise InstanceError(
                f"weights.{name}", f"unknown weight; known: {', '.join(WEIGHT_NAMES)}"
            )
        number = _number(value, f"weights.{name}")
        if number < 0:
            raise InstanceError(f"weights.{name}", "must be 0 or more (0 turns it off)")
        values[name] = number
    return Weights(**values)


_HUGE = float("inf")


def _affinity_error(item: object, path: str, peer_ids: set[str], engagement_ids: set[str]):
    if type(item) is not list or len(item) != 3:
        raise InstanceError(path, "expected [peer id, engagement id, score]")
    peer_id = _string(item[0], f"{path}[0]")
    engagement_id = _string(item[1], f"{path}[1]")
    if peer_id not in peer_ids:
        raise InstanceError(f"{path}[0]", f"unknown peer {peer_id!r}")
    if engagement_id not in engagement_ids:
        raise InstanceError(f"{path}[1]", f"unknown engagement {engagement_id!r}")
    _number(item[2], f"{path}[2]")
    raise InstanceError(path, "is not a valid affinity")


def _engagement(data: object, path: str, peer_ids: set[str]) -> Engagement:
    obj = _object(data, path)
    start = _date(_required(obj, "start", path), path, "start")
    end = _date(_required(obj, "end", path), path, "end")
    if end < start:
        raise InstanceError(f"{path}.end", "is before start")
    slots_data = _list(_required(obj, "slots", path), path, "slots")
    slots = [_slot(item, f"{path}.slots[{i}]") for i, item in enumerate(slots_data)]
    roles: dict[str, int] = {}
    for i, slot in enumerate(slots):
        if slot.role in roles:
            raise InstanceError(
                f"{path}.slots[{i}].role", f"duplicate role {slot.role!r} in this engagement"
            )
        roles[slot.role] = i

    team = Team()
    if obj.get("team") is not None:
        team_obj = _object(obj["team"], path, "team")
        team = Team(
            cover_skills=_levels(team_obj.get("cover_skills"), f"{path}.team.cover_skills"),
            max_same_party=_optional_count(
                team_obj.get("max_same_party"), f"{path}.team.max_same_party", minimum=1
            ),
            min_type_experience=_optional_count(
                team_obj.get("min_type_experience"), f"{path}.team.min_type_experience"
            ),
        )

    locked = []
    for i, item in enumerate(_optional_list(obj.get("locked"), path, "locked")):
        item_path = f"{path}.locked[{i}]"
        lock = _object(item, item_path)
        role = _string(_required(lock, "role", item_path), f"{item_path}.role")
        peer_id = _string(_required(lock, "peer", item_path), f"{item_path}.peer")
        if role not in roles:
            raise InstanceError(f"{item_path}.role", f"no slot with role {role!r}")
        if peer_id not in peer_ids:
            raise InstanceError(f"{item_path}.peer", f"unknown peer {peer_id!r}")
        locked.append((role, peer_id))

    lat, lon = _location(obj, path)
    return Engagement(
        id=_string(_required(obj, "id", path), path, "id"),
        council=_string(_required(obj, "council", path), path, "council"),
        start=start,
        end=end,
        slots=slots,
        council_type=_optional_string(obj.get("council_type"), path, "council_type"),
        region=_optional_string(obj.get("region"), path, "region"),
        controlling_party=_optional_string(
            obj.get("controlling_party"), f"{path}.controlling_party"
        ),
        team=team,
        locked=locked,
        excluded=_peer_set(obj.get("excluded"), f"{path}.excluded", peer_ids),
        previous_team=_peer_set(obj.get("previous_team"), f"{path}.previous_team", peer_ids),
        on_site=_optional_bool(obj.get("on_site"), path, "on_site"),
        lat=lat,
        lon=lon,
    )


def _slot(data: object, path: str) -> Slot:
    obj = _object(data, path)
    kind = _optional_string(obj.get("kind"), path, "kind")
    if kind is not None and kind not in KINDS:
        raise InstanceError(f"{path}.kind", f"must be one of {', '.join(KINDS)}, got {kind!r}")
    party = obj.get("party")
    parties: tuple[str, ...] | None = None
    if isinstance(party, list):
        parties = tuple(_string(p, f"{path}.party[{i}]") for i, p in enumerate(party))
    elif party is not None:
        parties = (_string(party, path, "party"),)
    count = _optional_count(_required(obj, "count", path), path, "count")
    if count is None:
        raise InstanceError(f"{path}.count", "expected a whole number, got null")
    return Slot(
        role=_string(_required(obj, "role", path), path, "role"),
        count=count,
        kind=kind,
        party=parties,
        skills=_levels(obj.get("skills"), path, "skills"),
        accredited=_optional_bool(obj.get("accredited"), path, "accredited"),
    )


def _peer(data: object, path: str) -> Peer:
    obj = _object(data, path)
    kind = _string(_required(obj, "kind", path), path, "kind")
    if kind not in KINDS:
        raise InstanceError(f"{path}.kind", f"must be one of {', '.join(KINDS)}, got {kind!r}")
    avoid = obj.get("avoid_councils")
    types = obj.get("council_types")
    lat, lon = _location(obj, path)
    return Peer(
        id=_string(_required(obj, "id", path), path, "id"),
        kind=kind,
        party=_optional_string(obj.get("party"), path, "party"),
        home_council=_optional_string(obj.get("home_council"), path, "home_council"),
        avoid_councils=frozenset(_strings(avoid, path, "avoid_councils")) if avoid else _EMPTY,
        skills=_levels(obj.get("skills"), path, "skills"),
        council_types=frozenset(_strings(types, path, "council_types")) if types else _EMPTY,
        accredited=_optional_bool(obj.get("accredited"), path, "accredited"),
        capacity=_optional_count(obj.get("capacity"), path, "capacity"),
        load=_optional_count(obj.get("load"), path, "load") or 0,
        unavailable=_ranges(obj.get("unavailable"), path, "unavailable"),
        booked=_ranges(obj.get("booked"), path, "booked"),
        lat=lat,
        lon=lon,
    )


_EMPTY: frozenset[str] = frozenset()


def _required(obj: dict, name: str, path: str) -> object:
    if name not in obj:
        raise InstanceError(f"{path}.{name}" if path else name, "is required")
    return obj[name]


def _at(path: str, name: str) -> str:
    """The field path of an error (built only when there is one: parsing stays quick)."""
    if not name:
        return path
    return f"{path}.{name}" if path else name


def _object(value: object, path: str, name: str = "") -> dict:
    if type(value) is not dict:
        raise InstanceError(_at(path, name), f"expected an object, got {_type(value)}")
    return value


def _list(value: object, path: str, name: str = "") -> list:
    if type(value) is not list:
        raise InstanceError(_at(path, name), f"expected a list, got {_type(value)}")
    return value


def _optional_list(value: object, path: str, name: str = "") -> list:
    return [] if value is None else _list(value, path, name)


def _string(value: object, path: str, name: str = "") -> str:
    if type(value) is not str or not value:
        raise InstanceError(_at(path, name), f"expected a non-empty string, got {_type(value)}")
    return value


def _optional_string(value: object, path: str, name: str = "") -> str | None:
    return None if value is None else _string(value, path, name)


def _strings(value: object, path: str, name: str = "") -> list[str]:
    items = _list(value, path, name)
    for i, item in enumerate(items):
        if type(item) is not str or not item:
            _string(item, f"{_at(path, name)}[{i}]")
    return items


def _peer_set(value: object, path: str, peer_ids: set[str]) -> frozenset[str]:
    ids = _strings(value, path) if value is not None else []
    for i, peer_id in enumerate(ids):
        if peer_id not in peer_ids:
            raise InstanceError(f"{path}[{i}]", f"unknown peer {peer_id!r}")
    return frozenset(ids) if ids else _EMPTY


def _optional_bool(value: object, path: str, name: str = "") -> bool:
    if value is None:
        return False
    if type(value) is not bool:
        raise InstanceError(_at(path, name), f"expected true or false, got {_type(value)}")
    return value


def _number(value: object, path: str, name: str = "") -> float:
    # type() rather than isinstance(): true and false are not numbers here.
    if (type(value) is int or type(value) is float) and math.isfinite(value):
        return float(value)
    raise InstanceError(_at(path, name), f"expected a number, got {_type(value)}")


def _optional_count(value: object, path: str, name: str = "", minimum: int = 0) -> int | None:
    if value is None:
        return None
    if type(value) is not int:
        raise InstanceError(_at(path, name), f"expected a whole number, got {_type(value)}")
    if value < minimum:
        raise InstanceError(_at(path, name), f"must be {minimum} or more, got {value}")
    return value


def _levels(value: object, path: str, name: str = "") -> dict[str, int]:
    if value is None:
        return {}
    levels = _object(value, path, name)
    for skill, level in levels.items():
        if type(level) is not int or level < 1:
            where = _at(path, name)
            if level is None:
                raise InstanceError(f"{where}.{skill}", "expected a whole number, got null")
            _optional_count(level, where, skill, minimum=1)
    return levels


def _date(value: object, path: str, name: str = "") -> date:
    if type(value) is not str:
        raise InstanceError(
            _at(path, name), f"expected an ISO date (YYYY-MM-DD), got {_type(value)}"
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InstanceError(
            _at(path, name), f"expected an ISO date (YYYY-MM-DD), got {value!r}"
        ) from None


def _ranges(value: object, path: str, name: str = "") -> list[tuple[date, date]]:
    if value is None:
        return []
    ranges = []
    for i, item in enumerate(_list(value, path, name)):
        if type(item) is not list or len(item) != 2:
            raise InstanceError(f"{_at(path, name)}[{i}]", "expected [first day, last day]")
        try:
            first, last = date.fromisoformat(item[0]), date.fromisoformat(item[1])
        except (TypeError, ValueError):
            where = f"{_at(path, name)}[{i}]"
            first, last = _date(item[0], f"{where}[0]"), _date(item[1], f"{where}[1]")
        if last < first:
            raise InstanceError(f"{_at(path, name)}[{i}][1]", "is before the first day")
        ranges.append((first, last))
    return ranges


def _location(obj: dict, path: str) -> tuple[float | None, float | None]:
    lat, lon = obj.get("lat"), obj.get("lon")
    if lat is None and lon is None:
        return None, None
    if lat is None or lon is None:
        missing = "lat" if lat is None else "lon"
        raise InstanceError(f"{path}.{missing}", "is required when the other coordinate is given")
    lat_value = _number(lat, path, "lat")
    lon_value = _number(lon, path, "lon")
    if not -90 <= lat_value <= 90:
        raise InstanceError(f"{path}.lat", f"must be between -90 and 90, got {lat_value}")
    if not -180 <= lon_value <= 180:
        raise InstanceError(f"{path}.lon", f"must be between -180 and 180, got {lon_value}")
    return lat_value, lon_value


def _type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return repr(value) if len(value) < 30 else "a string"
    if isinstance(value, int | float):
        return repr(value)
    return _CONTAINERS.get(type(value), type(value).__name__)


_CONTAINERS: dict[type, str] = {dict: "an object", list: "a list"}
