"""Small hand-built instances for the solver's tests: each test states only what matters to it."""

from peerwork.assembly import solve, violations

MARCH = ("2027-03-09", "2027-03-12")


def peer(peer_id, kind="officer", **fields):
    return {"id": peer_id, "kind": kind, **fields}


def member(peer_id, party="LAB", **fields):
    return peer(peer_id, "member", party=party, **fields)


def slot(role, count=1, **fields):
    return {"role": role, "count": count, **fields}


def engagement(engagement_id, slots, dates=MARCH, council="BIR", **fields):
    first, last = dates
    return {
        "id": engagement_id,
        "council": council,
        "council_type": "MD",
        "start": first,
        "end": last,
        "slots": slots,
        **fields,
    }


def instance(engagements, peers, **fields):
    return {"engagements": engagements, "peers": peers, **fields}


def solved(data, **options):
    """Solve, and check the answer keeps every hard rule whatever the test looks at."""
    result = solve(data, **options)
    assert violations(data, result["assignments"]) == []
    return result


def team(result, engagement_id="E1"):
    """{role: sorted peer ids} of one engagement."""
    roles = {}
    for row in result["assignments"]:
        if row["engagement"] == engagement_id:
            roles.setdefault(row["role"], []).append(row["peer"])
    return {role: sorted(peers) for role, peers in roles.items()}


def peers_of(result, engagement_id="E1"):
    return sorted(p for peers in team(result, engagement_id).values() for p in peers)


def missing(result):
    """{(engagement, role): missing} of the unfilled places."""
    return {(row["engagement"], row["role"]): row["missing"] for row in result["unfilled"]}


def reason(result, role, engagement_id="E1"):
    rows = [r for r in result["unfilled"] if (r["engagement"], r["role"]) == (engagement_id, role)]
    assert rows, f"{engagement_id} {role} is filled"
    return rows[0]["reason"]
