"""Signing a PDF: a visible stamp in the signer's slot, PAdES B-T (the signature
carries an RFC 3161 timestamp), one incremental revision per signer.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.stamp import TextStampStyle

from council.signing.backend import BackendSigner, signing_backend
from council.signing.common import (
    STAMP_FONT,
    STAMP_FONT_SIZE,
    SignerIdentity,
    SigningError,
    Slot,
    _blocking,
)
from council.signing.pdfa import incremental_writer
from council.signing.tsa import timestamper


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
    backend = signing_backend()
    credential = backend.prepare(identity)
    writer = incremental_writer(data)
    existing = {name for name, _, _ in fields.enumerate_sig_fields(writer)}
    for later in later_slots:
        if later.field_name not in existing and later.field_name != slot.field_name:
            fields.append_signature_field(writer, later.spec())
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
        signer=BackendSigner(backend, credential),
        timestamper=timestamper(),
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
        backend.finish(credential)
    return output.getvalue()
