"""The one way to read a whole number or a slug a browser sent outside a form field."""

import pytest

from peerwork.core.params import BIGGEST, SMALLEST, slug, whole_number

NOT_NUMBERS = [
    None,
    "",
    " ",
    "abc",
    "2.5",
    "1e3",
    "0x10",
    "+1",
    "--1",
    "²",
    "١٢",
    "１",
    "\x00",
    "1\x00",
]


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_anything_but_ascii_digits_is_not_a_number(value):
    assert whole_number(value) is None
    assert whole_number(value, minimum=1, maximum=9, clamp=True) is None


@pytest.mark.parametrize(
    "value, number",
    [
        ("0", 0),
        ("-0", 0),
        (" 42 ", 42),
        ("007", 7),
        ("-12", -12),
        (42, 42),
        (str(BIGGEST), BIGGEST),
    ],
)
def test_a_whole_number_is_read(value, number):
    assert whole_number(value) == number


@pytest.mark.parametrize(
    "value", [str(BIGGEST + 1), str(SMALLEST - 1), "9" * 30, "9" * 5000, "-" + "9" * 5000]
)
def test_a_number_no_database_integer_holds_is_none(value):
    assert whole_number(value) is None


def test_bounds_refuse_or_clamp():
    assert whole_number("0", minimum=1) is None
    assert whole_number("13", maximum=12) is None
    assert whole_number("0", minimum=1, maximum=7, clamp=True) == 1
    assert whole_number("-3", minimum=1, maximum=7, clamp=True) == 1
    assert whole_number("8", minimum=1, maximum=7, clamp=True) == 7
    assert whole_number("9" * 5000, minimum=1, maximum=7, clamp=True) == 7
    assert whole_number("-" + "9" * 5000, minimum=1, maximum=7, clamp=True) == 1


def test_a_bool_is_not_a_number():
    assert whole_number(True) is None


@pytest.mark.parametrize("value", ["corporate-peer-challenge", "a_b", "E07000087"])
def test_a_slug_is_kept(value):
    assert slug(value) == value


@pytest.mark.parametrize("value", [None, "", "\x00", "a\x00", "a b", "ü", "a/b", "x" * 201, "a\n"])
def test_anything_else_is_no_slug(value):
    assert slug(value) == ""
