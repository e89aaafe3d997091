"""The signing CA's public addresses: its certificate at /pki/ca.crt and its
current revocation list at /pki/ca.crl.

Validators fetch them when they check a signature, or embed them in a signed PDF
for long-term validation (PAdES B-LT); both are signed data, served over plain
HTTP too (settings.SECURE_REDIRECT_EXEMPT), never from a session: no cookie is
read or set here. A CA that cannot be read answers 503 in plain Swedish.
"""

from __future__ import annotations

import hashlib
import logging

from cryptography.hazmat.primitives.serialization import Encoding
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from council.locks import LockTimeout
from council.signing.authority import signing_authority
from council.signing.common import SigningError
from council.signing.revocation import current_crl

logger = logging.getLogger(__name__)

# How long a client or proxy may keep the CRL: a few hours, never past its next
# update, so a revocation reaches validators within that time.
CRL_MAX_AGE_SECONDS = 4 * 60 * 60
# The CA's certificate changes only when the CA is replaced.
CERTIFICATE_MAX_AGE_SECONDS = 24 * 60 * 60


def _unavailable() -> HttpResponse:
    response = HttpResponse(
        _(
            "Portalens certifikatutfärdare (CA) kan inte läsas just nu. "
            "Försök igen om en stund."
        )
        + "\n",
        content_type="text/plain; charset=utf-8",
        status=503,
    )
    response["Retry-After"] = "300"
    response["Cache-Control"] = "no-store"
    return response


def _signed_data(
    request: HttpRequest,
    data: bytes,
    *,
    content_type: str,
    filename: str,
    max_age: int,
    last_modified,
) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={max(max_age, 0)}"
    response["ETag"] = f'"{hashlib.sha256(data).hexdigest()[:32]}"'
    response["Last-Modified"] = http_date(last_modified.timestamp())
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=int(last_modified.timestamp()),
        response=response,
    )


@require_safe
def certificate(request: HttpRequest) -> HttpResponse:
    """The signing CA's certificate, DER (application/pkix-cert, RFC 2585)."""
    try:
        ca = signing_authority().certificate
    except SigningError:
        logger.exception("The signing CA could not be read for /pki/ca.crt.")
        return _unavailable()
    return _signed_data(
        request,
        ca.public_bytes(Encoding.DER),
        content_type="application/pkix-cert",
        filename="ca.crt",
        max_age=CERTIFICATE_MAX_AGE_SECONDS,
        last_modified=ca.not_valid_before_utc,
    )


@require_safe
def revocation_list(request: HttpRequest) -> HttpResponse:
    """The CA's current CRL, DER (application/pkix-crl, RFC 2585)."""
    try:
        crl = current_crl()
    except (SigningError, LockTimeout):
        logger.exception("No current CRL could be served at /pki/ca.crl.")
        return _unavailable()
    remaining = (crl.next_update - timezone.now()).total_seconds()
    response = _signed_data(
        request,
        bytes(crl.der),
        content_type="application/pkix-crl",
        filename="ca.crl",
        max_age=min(CRL_MAX_AGE_SECONDS, int(remaining)),
        last_modified=crl.this_update,
    )
    response["Expires"] = http_date(crl.next_update.timestamp())
    return response
