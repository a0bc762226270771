"""The CSV import framework that every peerwork import reads its files with."""

import datetime
import io
import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError
from django.core.management.base import OutputWrapper

from peerwork.core.forms import CsvUploadForm
from peerwork.core.imports import CsvRows, ImportRefused, Lookup, RowError, import_file

COLOURS = ("red", "green", "Blue")
SHAPES = Lookup({"sq": "square", "tri": "triangle"}, "%(column)s '%(value)s' is not a known shape")


def _row(**cells):
    """The one row of a file with these columns and cells."""
    header = ",".join(cells)
    line = ",".join(f'"{v}"' for v in cells.values())
    return next(iter(CsvRows(io.StringIO(f"{header}\n{line}\n"), required=())))


def _problems(row) -> list[str]:
    return [str(e) for e in row.problems]


def test_each_typed_cell_reads_its_text_into_a_value():
    row = _row(
        name="  Ann  ",
        places="24",
        ratio="-1.25",
        paid="£1,250.50",
        share="43.5",
        on="2024-02-29",
        done="Yes",
        colour="BLUE",
        shade="green",
        email="Ann@Example.ORG",
        shape="TRI",
        shapes="sq; tri sq",
        tags="a;; b ;c",
    )

    assert row.text("name") == "Ann"
    assert row.integer("places") == 24
    assert row.decimal("ratio") == Decimal("-1.25")
    assert row.amount("paid") == Decimal("1250.50")
    assert row.percentage("share") == Decimal("43.5")
    assert row.date("on") == datetime.date(2024, 2, 29)
    assert row.yes_no("done") is True
    assert row.choice("colour", COLOURS) == "Blue"
    assert row.choice("shade", COLOURS) == "green"
    assert row.email("email") == "ann@example.org"
    assert row.lookup("shape", SHAPES) == "triangle"
    assert row.lookups("shapes", SHAPES) == ["square", "triangle"]
    assert row.items("tags") == ["a", "b", "c"]
    assert row.ok


def test_empty_cells_give_none_or_the_default_and_are_missing_only_when_required():
    row = _row(id="1", name="", places="", on="", colour="", done="", shape="")

    assert row.text("name", required=False) == ""
    assert row.integer("places", required=False, default=4) == 4
    assert row.date("on", required=False) is None
    assert row.choice("colour", COLOURS, default="red") == "red"
    assert row.yes_no("done") is False
    assert row.lookup("shape", SHAPES, required=False) is None
    assert row.ok

    assert row.date("on") is None
    assert row.integer("places") is None
    assert _problems(row) == ["line 2: on is missing", "line 2: places is missing"]


@pytest.mark.parametrize(
    ("read", "text", "message"),
    [
        (lambda r: r.integer("cell"), "2.5", "cell '2.5' must be a whole number"),
        (lambda r: r.integer("cell", highest=10), "11", "cell '11' must be from 0 to 10"),
        (lambda r: r.decimal("cell"), "lots", "cell 'lots' is not a number"),
        (lambda r: r.decimal("cell"), "NaN", "cell 'NaN' is not a number"),
        (lambda r: r.decimal("cell", places=1), "1.25", "cell '1.25' has more than 1 decimal"),
        (lambda r: r.amount("cell"), "-5", "cell '-5' must not be negative"),
        (lambda r: r.amount("cell"), "£", "cell '£' is not a number"),
        (lambda r: r.amount("cell", max_digits=4), "100", "cell '100' is too large"),
        (lambda r: r.percentage("cell"), "101", "cell '101' must be a percentage from 0 to 100"),
        (lambda r: r.date("cell"), "2023-02-29", "cell '2023-02-29' is not a real date"),
        (lambda r: r.date("cell"), "20230201", "cell '20230201' is not a real date"),
        (lambda r: r.yes_no("cell"), "maybe", "cell 'maybe' must be yes or no"),
        (lambda r: r.choice("cell", COLOURS), "pink", "cell 'pink' is not one of red, green, Blue"),
        (lambda r: r.email("cell"), "ann.example.org", "cell 'ann.example.org' is not an email"),
        (lambda r: r.lookup("cell", SHAPES), "circle", "cell 'circle' is not a known shape"),
        (lambda r: r.lookups("cell", SHAPES), "sq circle", "cell 'circle' is not a known shape"),
        (lambda r: r.text("cell", max_length=3), "abcd", "cell is longer than 3 characters"),
    ],
)
def test_a_cell_that_cannot_be_read_is_a_problem_naming_the_line_and_column(read, text, message):
    row = _row(cell=text)

    read(row)

    [error] = row.problems
    assert (error.line, error.column) == (2, "cell")
    assert error.message.startswith(message)


def test_a_choice_may_say_what_is_wrong_in_its_own_words():
    row = _row(kind="robot")

    row.choice("kind", ("member", "officer"), message="%(column)s '%(value)s' must be a person")

    assert _problems(row) == ["line 2: kind 'robot' must be a person"]


def test_dates_out_of_order_are_a_problem_of_the_later_column():
    row = _row(starts="2024-05-01", ends="2024-04-30")
    row.date("starts")
    row.date("ends")

    row.in_order("starts", "ends")

    assert [(e.column, e.message) for e in row.problems] == [
        ("ends", "ends 2024-04-30 is before starts 2024-05-01")
    ]


def _import(text: str, saved: list) -> int:
    """A small import: each row is a name and a count, saved only when the file is good."""
    rows = CsvRows(
        io.StringIO(text, newline=""), required=("name", "count"), known=("name", "count")
    )
    parsed = []
    for row in rows:
        name, count = row.text("name"), row.integer("count")
        row.once((name,), ("name",))
        if row.ok:
            parsed.append((name, count))
    rows.refuse_if_bad()
    saved.extend(parsed)
    return len(parsed)


def test_a_file_with_any_bad_row_saves_nothing_and_lists_every_bad_row():
    saved = []
    text = "name,count\nann,1\n,2\nbob,x\nann,3\n\n,,\ncat,4\ncat,five\n"

    with pytest.raises(ImportRefused) as refused:
        _import(text, saved)

    assert saved == []
    assert [(e.line, e.column, str(e)) for e in refused.value.errors] == [
        (3, "name", "line 3: name is missing"),
        (4, "count", "line 4: count 'x' must be a whole number"),
        (5, "name", "line 5: name ann is also on line 2"),
        (9, "count", "line 9: count 'five' must be a whole number"),
        (9, "name", "line 9: name cat is also on line 8"),
    ]


def test_a_good_file_is_read_whole_skipping_empty_rows():
    saved = []

    assert _import("name,count\nann,1\n\n , \nbob,2\n", saved) == 2
    assert saved == [("ann", 1), ("bob", 2)]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name\nann\n", "line 1: the header lacks column(s): count"),
        (
            "name,count,colour\nann,1,red\n",
            "line 1: the header has column(s) this import does not use: colour",
        ),
        ("name,count\n", "line 1: the file has no rows after the header"),
        ("", "line 1: the header lacks column(s): name, count"),
    ],
)
def test_a_file_without_the_columns_or_without_rows_is_refused(text, problem):
    with pytest.raises(ImportRefused) as refused:
        _import(text, [])

    assert [str(e) for e in refused.value.errors] == [problem]


def test_other_columns_are_ignored_unless_the_import_names_every_column():
    rows = CsvRows(io.StringIO(" name ,extra\nann,x\n"), required=("name",))

    assert [row.text("name") for row in rows] == ["ann"]


def test_problems_found_after_reading_are_listed_in_line_order():
    rows = CsvRows(io.StringIO("name\nann\nbob\n"), required=("name",))
    read = list(rows)
    read[1].problem("bob is not welcome", "name")
    read[0].problem("ann is not welcome", "name")

    with pytest.raises(ImportRefused) as refused:
        rows.refuse_if_bad()

    assert refused.value.errors == [
        RowError(2, "ann is not welcome", "name"),
        RowError(3, "bob is not welcome", "name"),
    ]


def test_the_upload_form_reports_a_refusal_with_its_rows():
    upload = SimpleUploadedFile("counts.csv", b"name,count\nann,x\n")
    form = CsvUploadForm({}, {"file": upload})
    assert form.is_valid()
    saved = []

    result, problems = form.import_with(lambda stream: _import(stream.read(), saved))

    assert result is None
    assert saved == []
    assert [str(p) for p in problems] == ["line 2: count 'x' must be a whole number"]
    assert form.errors["file"] == ["The file has 1 problem(s) listed below. Nothing was imported."]


def test_a_command_prints_every_problem_and_fails(tmp_path):
    path = tmp_path / "counts.csv"
    path.write_text("\ufeffname,count\nann,x\nbob,\n", encoding="utf-8")
    stderr = OutputWrapper(io.StringIO())

    with pytest.raises(CommandError, match="2 problem\\(s\\). Nothing was changed"):
        import_file(lambda stream: _import(stream.read(), []), str(path), stderr=stderr)

    assert stderr._out.getvalue() == (
        "line 2: count 'x' must be a whole number\nline 3: count is missing\n"
    )
    with pytest.raises(CommandError, match="No such file"):
        import_file(lambda stream: 0, str(tmp_path / "none.csv"), stderr=stderr)


def test_the_framework_imports_no_peerwork_app():
    code = (
        "import sys, peerwork.core.imports; "
        "apps = sorted(m for m in sys.modules if m.startswith('peerwork.') "
        "and not m.startswith('peerwork.core')); "
        "assert not apps, apps"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
