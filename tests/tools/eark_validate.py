"""Run the E-ARK community validator (eark-validator 1.1.3) on packages.

Runs in the validator's own venv (`.tools/eark`, see the Makefile), not the
portal's: `python tests/tools/eark_validate.py PACKAGE...` prints one JSON
report per package. The validator reads four CSIP vocabularies from
earkcsip.dilcis.eu when it is imported; it ships the same files, and this
script hands it those, so that it runs without a network.
"""

import io
import sys
import urllib.request
from importlib.util import find_spec
from pathlib import Path

VOCABULARIES = (
    Path(find_spec("eark_validator").submodule_search_locations[0])
    / "ipxml"
    / "resources"
    / "vocabs"
)
_urlopen = urllib.request.urlopen


def _offline(url, *args, **kwargs):
    if isinstance(url, str) and url.startswith("https://earkcsip.dilcis.eu/schema/"):
        return io.BytesIO((VOCABULARIES / url.rsplit("/", 1)[1]).read_bytes())
    return _urlopen(url, *args, **kwargs)


urllib.request.urlopen = _offline

from eark_validator.packages import PackageValidator  # noqa: E402
from eark_validator.specifications.specification import (  # noqa: E402
    SpecificationVersion,
)

for path in sys.argv[1:]:
    report = PackageValidator(Path(path), SpecificationVersion.V2_1_0).validation_report
    print(report.model_dump_json())
