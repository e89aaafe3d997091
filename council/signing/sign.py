"""Signing a PDF: a visible stamp in the signer's slot, PAdES, one incremental
revision per signer.
"""

from __future__ import annotations

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.contrib.staticfiles import finders
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from council.signing.authority import issue_signer_certificate, signing_authority
from council.signing.common import (
    STAMP_FONT,
    STAMP_FONT_SIZE,
    SignerIdentity,
    SigningError,
    Slot,
    _blocking,
)
from council.signing.pdfa import incremental_writer


def _stamp_style() -> TextStampStyle:
    font_path = finders.find(STAMP_FONT)
    if not font_path:
        raise SigningError(f"Typsnittet {STAMP_FONT} saknas.")
    return TextStampStyle(
        stamp_text="%(text)s",
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(font_path, font_size=STAMP_FONT_SIZE),
            font_size=STAMP_FONT_SIZE,
        ),
        border_width=0,
        background=None,
    )


def sign_pdf(
    data: bytes,
    *,
    identity: SignerIdentity,
    slot: Slot,
    stamp_text: str,
    reason: str,
    later_slots: list[Slot] | tuple[Slot, ...] = (),
    location: str = "",
) -> bytes:
    """Add one signature as an incremental revision; return the new bytes.

    `later_slots` are created as empty fields in this revision (when they do not
    exist yet) so that later signatures count as form filling.
    """
    authority = signing_authority()
    key, certificate = issue_signer_certificate(authority, identity)
    writer = incremental_writer(data)
    existing = {name for name, _, _ in fields.enumerate_sig_fields(writer)}
    for later in later_slots:
        if later.field_name not in existing and later.field_name != slot.field_name:
            fields.append_signature_field(writer, later.spec())
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(
            certificate.public_bytes(serialization.Encoding.DER)
        ),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
        cert_registry=SimpleCertificateStore.from_certs([authority.asn1_certificate]),
    )
    tsa_url = getattr(settings, "SIGNING_TSA_URL", "")
    meta = signers.PdfSignatureMetadata(
        field_name=slot.field_name,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location or None,
        name=identity.name,
        use_pades_lta=False,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        timestamper=timestamps.HTTPTimeStamper(tsa_url) if tsa_url else None,
        stamp_style=_stamp_style(),
        new_field_spec=None if slot.field_name in existing else slot.spec(),
    )
    try:
        output = _blocking(
            pdf_signer.sign_pdf, writer, appearance_text_params={"text": stamp_text}
        )
    except Exception as exc:  # pyHanko raises many kinds; none may half-sign
        raise SigningError(f"Dokumentet kunde inte signeras: {exc}") from exc
    finally:
        del key  # the signer's key is used once and discarded
    return output.getvalue()
