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


class Passkey:
    """Whether a signature comes with a justeringsbevis (a passkey assertion over
    the hash of the justerat text), and how it held when checked."""

    NONE = ""  # signed after a password step-up, or no evidence was looked for
    VALID = "giltig"  # the assertion verifies against the text's hash
    INVALID = "ogiltig"  # present, but it does not verify against this text


@dataclass(frozen=True)
class SignatureCheck:
    """One signature as a validator finds it: checked now (`validate_pdf`, an
    upload at /verifiera/) or as kept since it was made (a SignatureRecord).

    `valid` and `trusted` are judged at the time the signature's RFC 3161
    timestamp proves, never at the time the signer's software claims
    (`signed_at`). A signature without a timestamp has no proven time.
    """

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
    # The signature's timestamp token: its time, the authority that issued it,
    # and whether the token is intact and its authority trusted. None: no token.
    timestamp_at: datetime.datetime | None = None
    timestamp_authority: str = ""
    timestamp_trusted: bool = False
    # Whether the file's DSS holds what is needed to validate this signature
    # offline (chain and revocation data); None when not known.
    validation_data_embedded: bool | None = None
    # A document timestamp (ETSI.RFC3161) rather than a person's signature.
    is_document_timestamp: bool = False
    # The justeringsbevis for this signature (Passkey.NONE, VALID or INVALID).
    passkey: str = Passkey.NONE

    @property
    def has_trusted_time(self) -> bool:
        return self.timestamp_at is not None and self.timestamp_trusted

    @property
    def ok(self) -> bool:
        return (
            self.intact
            and self.valid
            and self.trusted
            and self.has_trusted_time
            and self.passkey != Passkey.INVALID
        )

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
        if self.timestamp_at is None:
            found.append(
                _(
                    "underskriften saknar tidsstämpel: tidpunkten är bara "
                    "undertecknarens egen uppgift"
                )
            )
        elif not self.timestamp_trusted:
            found.append(_("tidsstämpeln går inte att bekräfta"))
        if self.passkey == Passkey.INVALID:
            found.append(
                _("justeringsbeviset (nyckeln) stämmer inte med den justerade texten")
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
