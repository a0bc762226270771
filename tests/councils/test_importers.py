import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from peerwork.councils.importers import ImportRefused, control_import, councils_import
from peerwork.councils.models import Council, PoliticalControl
from tests.registers import EXTRACT, FULL_REGISTER, needs_full_register


@dataclass(frozen=True)
class Register:
    """A register file and what importing it into an empty database counts."""

    path: Path
    rows: int
    ended: int
    principal_by_nation: dict[str, int]
    principal_total: int


THE_EXTRACT = Register(
    EXTRACT,
    rows=34,
    ended=8,
    principal_by_nation={"England": 19, "Wales": 1, "Scotland": 1, "Northern Ireland": 1},
    principal_total=22,
)
THE_FULL_REGISTER = Register(
    FULL_REGISTER,
    rows=470,
    ended=73,
    principal_by_nation={"England": 317, "Wales": 22, "Scotland": 32, "Northern Ireland": 11},
    principal_total=382,
)
either_register = pytest.mark.parametrize(
    "register",
    [
        pytest.param(THE_EXTRACT, id="extract"),
        pytest.param(THE_FULL_REGISTER, id="full-register", marks=needs_full_register),
    ],
)
HEADER = (
    "local-authority-code,official-name,nice-name,gss-code,start-date,end-date,replaced-by,"
    "nation,region,local-authority-type,county-la,combined-authority,pop-2020,lat,long\n"
)

pytestmark = pytest.mark.django_db


def _import_register(path=EXTRACT):
    with path.open(newline="") as stream:
        return councils_import(stream=stream)


def _snapshot():
    return sorted(Council.objects.values_list("code", "short_name", "end_date", "county__code"))


@either_register
def test_register_import_counts_current_principal_councils(register):
    result = _import_register(register.path)

    assert result.created == register.rows
    assert result.principal_by_nation == register.principal_by_nation
    assert result.principal_total == register.principal_total


def test_register_import_links_regions_counties_and_successors():
    _import_register()

    tandridge = Council.objects.get(code="TAN")
    assert tandridge.region.name == "South East"
    assert tandridge.county.code == "SRY"
    northamptonshire = Council.objects.get(code="NTH")
    assert northamptonshire.end_date is not None
    assert set(northamptonshire.successors.values_list("code", flat=True)) == {"NNT", "WNT"}
    current_english = Council.objects.current().principal().filter(nation="England")
    assert not current_english.filter(region__isnull=True).exists()
    districts = current_english.filter(council_type="NMD")
    assert not districts.filter(county__isnull=True).exists()


@either_register
def test_importing_the_register_again_changes_nothing(register):
    _import_register(register.path)
    before = _snapshot()

    again = _import_register(register.path)

    assert (again.created, again.updated, again.ended) == (0, 0, 0)
    assert again.unchanged == register.rows
    assert _snapshot() == before


def test_a_changed_name_is_counted_as_updated():
    _import_register()
    rows = EXTRACT.read_text().replace("Tandridge District Council", "Tandridge Council", 1)

    result = councils_import(stream=io.StringIO(rows))

    assert result.updated == 1
    assert Council.objects.get(code="TAN").official_name == "Tandridge Council"


def test_a_file_with_bad_rows_is_refused_whole_and_names_every_row():
    _import_register()
    before = _snapshot()
    bad = HEADER + (
        "ZNW,New Council,New,E1,2026-04-01,,,England,South East,UA,,,1,,\n"
        ",No Code Council,No Code,E2,,,,England,South East,UA,,,,,\n"
        "ZBD,Bad Date Council,Bad Date,E3,2023-02-30,,,England,South East,UA,,,,,\n"
        "ZTY,Odd Type Council,Odd Type,E4,,,,England,South East,XYZ,,,,,\n"
        "ZCT,Lost District Council,Lost,E5,,,,England,South East,NMD,NOPE,,,,\n"
    )

    with pytest.raises(ImportRefused) as refused:
        councils_import(stream=io.StringIO(bad))

    lines = {error.line for error in refused.value.errors}
    assert lines == {3, 4, 5, 6}
    messages = " ".join(str(e) for e in refused.value.errors)
    assert "local-authority-code is missing" in messages
    assert "'2023-02-30' is not a real date" in messages
    assert "'XYZ' is not a known type" in messages
    assert "county-la 'NOPE' is not a known council" in messages
    assert _snapshot() == before
    assert not Council.objects.filter(code="ZNW").exists()


@either_register
def test_the_command_prints_counts_and_refuses_bad_files(register, tmp_path):
    out = io.StringIO()
    call_command("import-councils", str(register.path), stdout=out)
    assert (
        f"created {register.rows}, updated 0, unchanged 0, ended {register.ended}" in out.getvalue()
    )
    assert f"total: {register.principal_total}" in out.getvalue()

    broken = tmp_path / "broken.csv"
    broken.write_text(HEADER + ",Nameless,,,,,,England,,UA,,,,,\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("import-councils", str(broken), stderr=err)
    assert "line 2: local-authority-code is missing" in err.getvalue()


def test_control_import_builds_a_dated_history():
    _import_register()
    rows = "code,control,leader_party,from\nKEN,Con,Con,2021-05-07\nKEN,Reform,,2025-05-02\n"

    result = control_import(stream=io.StringIO(rows))

    assert result.created == 2
    first, second = PoliticalControl.objects.filter(council__code="KEN").order_by("valid_from")
    assert str(first.valid_to) == "2025-05-01"
    assert second.valid_to is None
    assert second.party_in_control.short_name == "Reform"
    assert second.leader_party is None


def test_control_import_is_all_or_nothing():
    _import_register()
    rows = (
        "code,control,leader_party,from\n"
        "KEN,Con,Con,2021-05-07\n"
        "ZZZ,Lab,Lab,2021-05-07\n"
        "MAN,Martians,,2021-05-07\n"
        "LDS,NOC,Lab,2021-13-01\n"
    )

    with pytest.raises(ImportRefused) as refused:
        control_import(stream=io.StringIO(rows))

    assert [e.line for e in refused.value.errors] == [3, 4, 5]
    assert not PoliticalControl.objects.exists()


def test_control_import_again_is_unchanged():
    _import_register()
    rows = "code,control,leader_party,from\nDUR,NOC,Ind,2021-05-07\n"
    control_import(stream=io.StringIO(rows))

    result = control_import(stream=io.StringIO(rows))

    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert PoliticalControl.objects.get().party_in_control is None
