"""All-or-nothing CSV imports of programme records, read with peerwork.core.imports.

Each kind of record has an ImportSpec (specs.py): its columns, how one row becomes the
record's field values, and the natural key that matches a row to a saved record.
`records_import` (apply.py) reads the whole file and checks every row; it either
refuses the file (every bad row listed by line number, the database untouched) or
applies every row in one transaction. A row whose key matches a saved record updates
it, any other row adds one, and a row that would change nothing is left alone, so
importing the same file twice changes nothing the second time.
"""

from peerwork.core.imports import ImportRefused, ImportResult, RowError
from peerwork.programmes.imports.apply import records_import
from peerwork.programmes.imports.base import Column, ImportSpec
from peerwork.programmes.imports.specs import IMPORTS

__all__ = [
    "IMPORTS",
    "Column",
    "ImportRefused",
    "ImportResult",
    "ImportSpec",
    "RowError",
    "records_import",
]
