from tests.meetings.conftest import (  # noqa: F401  (the protokoll fixtures)
    cast,
    draft,
    future,
    in_justering,
    meeting,
)
