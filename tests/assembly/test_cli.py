"""`peerwork solve INSTANCE.json`: result JSON on stdout; a malformed instance exits 2."""

import json
import subprocess
import sys
from pathlib import Path

from tests.assembly.build import engagement, instance, member, peer, slot

PEERWORK = Path(sys.executable).parent / "peerwork"


def run(*arguments):
    return subprocess.run(
        [sys.executable, "-m", "peerwork.assembly.cli", *map(str, arguments)],
        capture_output=True,
        text=True,
    )


def write(tmp_path, data, name="instance.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def good():
    return instance(
        [engagement("E1", [slot("lead_member", kind="member"), slot("officer", count=2)])],
        [member("M1"), peer("P1"), peer("P2"), peer("P3")],
    )


def test_a_good_instance_prints_the_result_json(tmp_path):
    done = run(write(tmp_path, good()), "--mode", "propose", "--alternates", "1")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {"status", "objective", "bound", "gap", "seconds", "assignments", "unfilled"} <= set(
        result
    )
    assert result["status"] == "optimal"
    assert len(result["assignments"]) == 3
    assert len(result["alternates"]) == 2


def test_the_peerwork_command_runs_the_solver_without_django(tmp_path):
    done = subprocess.run(
        [PEERWORK, "solve", write(tmp_path, good()), "--time-limit", "5"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "optimal"


def test_a_malformed_instance_exits_2_naming_the_field(tmp_path):
    data = good()
    data["engagements"][0]["slots"][1]["count"] = "two"
    done = run(write(tmp_path, data))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "engagements[0].slots[1].count: expected a whole number, got 'two'" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_missing_field_exits_2_naming_it(tmp_path):
    data = good()
    del data["peers"][2]["kind"]
    done = run(write(tmp_path, data))
    assert done.returncode == 2
    assert "peers[2].kind: is required" in done.stderr


def test_a_file_that_is_not_json_exits_2(tmp_path):
    done = run(write(tmp_path, '{"engagements": [}'))
    assert done.returncode == 2
    assert "is not valid JSON" in done.stderr


def test_a_missing_file_exits_2(tmp_path):
    done = run(tmp_path / "nowhere.json")
    assert done.returncode == 2
    assert "cannot read" in done.stderr
