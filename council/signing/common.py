"""What the signing service's parts share: the signer, the slot, the CA, and a
validator's finding on one signature.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.utils.translation import gettext as _
from pyhanko.sign.fields import SigFieldSpec

TEST_CA_NAME = "Samverkansportalen TEST-CA (endast för utveckling och test)"


STAMP_FONT = "fonts/NotoSans-Regular.ttf"


STAMP_FONT_SIZE = 8


class SigningError(Exception):
    """The document could not be signed; nothing was changed."""


@dataclass(frozen=True)
class Authority:
    """The portal's signing CA."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey | object
    is_test: bool

    @property
    def asn1_certificate(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(
            self.certificate.public_bytes(serialization.Encoding.DER)
        )

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


@dataclass(frozen=True)
class SignerIdentity:
    """Who signs, as the certificate in the public PDF names them: name, role and
    body only. Never contact details: the signed PDF is a public document."""

    name: str
    role: str  # "Ordförande", "Justerare", "Sekreterare"
    body: str = ""


@dataclass(frozen=True)
class Slot:
    """A signature field: its name, page index and box in PDF points."""

    field_name: str
    page: int
    box: tuple[float, float, float, float]

    def spec(self) -> SigFieldSpec:
        return SigFieldSpec(
            sig_field_name=self.field_name,
            on_page=self.page,
            box=tuple(round(v, 2) for v in self.box),
        )


@dataclass(frozen=True)
class SignatureCheck:
    """One signature as a validator finds it: checked now (`validate_pdf`, an
    upload at /verifiera/) or as kept since it was made (a SignatureRecord)."""

    field_name: str
    signer: str
    signed_at: datetime.datetime | None
    serial: str
    issuer: str
    intact: bool
    valid: bool
    trusted: bool
    summary: str
    # Whether the signature covers the file to its end; None when not known (a
    # kept record).
    covers_whole_file: bool | None = None
    role: str = ""

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted

    @property
    def problems(self) -> list[str]:
        """What is wrong, in Swedish, most telling first."""
        if not self.intact:
            # A broken signature is judged no further: trust is then not assessed.
            return [
                _("filen har ändrats efter underskriften (underskriften är bruten)")
            ]
        found = []
        if not self.valid:
            found.append(_("underskriften går inte att bekräfta"))
        if not self.trusted:
            found.append(
                _("certifikatet är inte betrott: det leder inte till portalens CA")
            )
        return found


def _blocking(function, /, *args, **kwargs):
    """Call a pyHanko sync wrapper (it uses asyncio.run) even inside a running loop.

    Under an ASGI server, or beside a browser driver, the calling thread may
    already run an event loop; pyHanko then runs in a worker thread of its own.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()
