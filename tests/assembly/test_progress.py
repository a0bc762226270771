"""A long solve reports its progress and stops when asked, keeping what it found."""

from peerwork.assembly import solve


def _instance(engagements=3, peers=12):
    return {
        "engagements": [
            {
                "id": f"E{e}",
                "council": f"C{e}",
                "start": f"2027-03-{10 + e:02d}",
                "end": f"2027-03-{10 + e:02d}",
                "slots": [{"role": "officer", "kind": "officer", "count": 2}],
            }
            for e in range(engagements)
        ],
        "peers": [
            {"id": f"P{p}", "kind": "officer", "home_council": "HOME", "load": p % 3}
            for p in range(peers)
        ],
    }


def test_progress_is_reported_between_engagements_and_with_each_better_solution():
    seen = []

    result = solve(_instance(), mode="propose", time_limit=5, on_progress=seen.append)

    assert seen, "the hook was never called"
    assert all({"solutions", "seconds"} <= set(info) for info in seen)
    assert "stopped" not in result
    assert len(result["assignments"]) == 6


def test_asking_to_stop_keeps_the_teams_found_so_far():
    def stop_at_once(info):
        return False

    result = solve(_instance(), mode="propose", time_limit=5, on_progress=stop_at_once)

    assert result["stopped"] is True
    # The first engagement was solved before the hook could stop the run.
    assert {row["engagement"] for row in result["assignments"]} <= {"E0"}
