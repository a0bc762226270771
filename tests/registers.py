"""Where the tests find the open register of UK local authorities.

mySociety's register may not be committed, so the repository carries an extract of
it (tests/fixtures) and the suite passes on a bare clone. Tests about the size of the
whole register read it from ../shared beside the clone, as CI has it, and are skipped
when it is not there.
"""

from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
EXTRACT = REPOSITORY / "tests" / "fixtures" / "uk_local_authorities_extract.csv"
FULL_REGISTER = (
    REPOSITORY.parent / "shared" / "data" / "uk-local-authorities" / "uk_local_authorities.csv"
)

needs_full_register = pytest.mark.skipif(
    not FULL_REGISTER.exists(),
    reason="the shared register ../shared/data/uk-local-authorities is not beside this clone",
)
