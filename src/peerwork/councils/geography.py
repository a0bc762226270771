"""Distances between councils, from the register's coordinates of each council's area."""

import math

EARTH_RADIUS_KM = 6371.0


def distance_km(a, b) -> float | None:
    """The great-circle distance between two councils' points, in kilometres; None when
    either has no coordinates in the register."""
    if a is None or b is None or None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = (
        math.radians(float(v)) for v in (a.latitude, a.longitude, b.latitude, b.longitude)
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
