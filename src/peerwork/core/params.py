"""Reading values a browser sends outside any form field: GET parameters, POST values
that no form field reads, and the parts of a form field (a date's day, month and year).

Anything can arrive there (words, "2.5", "²", a null byte, thousands of digits), so
every such value is read here and never by `int()` or straight into a query: a whole
number by `whole_number`, a record's slug by `slug`. A value that is not what was
asked for is None or "", and the page treats it as missing or says what is wrong.
Without bounds, a number is at most what a database's 64-bit integer holds, so it can
go into any query; a slug has no null byte, which PostgreSQL refuses in any query.
"""

import re

BIGGEST = 2**63 - 1
SMALLEST = -(2**63)
# Enough digits for any 64-bit number; longer strings are never given to int().
_MOST_DIGITS = 19


def whole_number(
    value: object,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    clamp: bool = False,
) -> int | None:
    """`value` (a string, or an int) as an int, or None when it is not a whole number
    (an optional minus sign, then ASCII digits, with spaces around allowed) between
    `minimum` and `maximum`.

    With `clamp`, a number outside the bounds, however many digits it has, is the bound
    it passed instead of None (a page number past the end is the last page).
    """
    low = SMALLEST if minimum is None else minimum
    high = BIGGEST if maximum is None else maximum
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    text = value.strip() if isinstance(value, str) else ""
    negative = text.startswith("-")
    digits = text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()):
        return None
    digits = digits.lstrip("0") or "0"
    number = None
    if len(digits) <= _MOST_DIGITS:
        number = -int(digits) if negative else int(digits)
    if number is not None and low <= number <= high:
        return number
    if not clamp:
        return None
    below = negative if number is None else number < low
    return low if below else high


_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


def slug(value: object) -> str:
    """`value` if it is a slug (ASCII letters, digits, hyphens and underscores, as in
    an offer's address), else ""."""
    return value if isinstance(value, str) and _SLUG.fullmatch(value) else ""
