"""Uploaded files: the one check each passes before it is kept (`inspect_upload`),
the safe name it is shown by (`safe_filename`), and the type it is served with
(`served_content_type`). Generic: every app's service uses it, so the pages, the
admin and any command pass the same checks.
"""

from council.uploads.check import inspect_upload
from council.uploads.kinds import (
    ACCEPTED,
    ACCEPTED_TEXT,
    FileKind,
    displayable,
    served_content_type,
)
from council.uploads.names import allow_long_file_names, safe_filename

__all__ = [
    "ACCEPTED",
    "ACCEPTED_TEXT",
    "FileKind",
    "allow_long_file_names",
    "displayable",
    "inspect_upload",
    "safe_filename",
    "served_content_type",
]
