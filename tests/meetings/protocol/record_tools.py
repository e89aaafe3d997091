"""The real tools on the signed PDFs: poppler's pdfsig with the portal's CA
trusted, and the stored document of a protokoll.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from django.conf import settings

from council import signing
from meetings.models import (
    Protocol,
    SignedDocument,
)

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "signerad-pdf"


def tool(*args: str) -> str:
    result = subprocess.run(args, capture_output=True, check=False)
    return result.stdout.decode("utf-8", "replace")


def pdfsig(path: Path, tmp_path: Path) -> str:
    """pdfsig's report, with the portal's CA added to a fresh NSS database."""
    nss = tmp_path / "nss"
    if not nss.exists():
        nss.mkdir()
        ca = tmp_path / "ca.pem"
        ca.write_bytes(signing.signing_authority().pem)
        subprocess.run(
            ["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True
        )
        subprocess.run(
            ["certutil", "-A", "-d", f"sql:{nss}", "-n", "CA", "-t", "CT,C,C"]
            + ["-i", str(ca)],
            check=True,
        )
    return tool("pdfsig", "-nssdir", f"sql:{nss}", str(path))


def stored(protocol: Protocol) -> SignedDocument:
    return SignedDocument.objects.get(protocol=protocol, kind="protokoll")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path
