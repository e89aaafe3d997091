"""Signing a PDF: a visible stamp in the signer's slot, PAdES B-T (the signature
carries an RFC 3161 timestamp), one incremental revision per signer.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
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

# A ToUnicode CMap section holds at most 100 entries (Adobe Technical Note 5014).
CMAP_SECTION = 100


class _StampGlyphs(GlyphAccumulator):
    """The stamp's font, mapping each glyph to its text with one `bfchar`
    entry apiece. pyHanko writes runs of glyphs as `bfrange` with an array of
    targets, which ISO 32000-1 allows but PDF/UA and PDF/A level A
    validators read as a malformed CMap; one entry per glyph reads alike in
    every reader and is as short for a stamp's few dozen glyphs."""

    def _format_tounicode_cmap(self):
        entries = sorted(self._cid_to_unicode.items())
        sections = []
        for start in range(0, len(entries), CMAP_SECTION):
            chunk = entries[start : start + CMAP_SECTION]
            lines = [
                f"<{cid:04x}> <{text.encode('utf-16be').hex()}>" for cid, text in chunk
            ]
            sections.append(
                f"{len(chunk)} beginbfchar\n" + "\n".join(lines) + "\nendbfchar\n"
            )
        cmap = (
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n"
            + "".join(sections)
            + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        )
        stream = generic.StreamObject(stream_data=cmap.encode("ascii"))
        stream.compress()
        return stream


class _StampFont(GlyphAccumulatorFactory):
    def create_font_engine(self, writer, obj_stream=None) -> GlyphAccumulator:
        handle = open(self.font_file, "rb")  # noqa: SIM115  (kept by the engine)
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        return _StampGlyphs(
            writer=writer,
            font_handle=handle,
            font_size=self.font_size,
            ot_script_tag=self.ot_script_tag,
            ot_language_tag=self.ot_language_tag,
            writing_direction=self.writing_direction,
            bcp47_lang_code=self.bcp47_lang_code,
            obj_stream=obj_stream,
        )


def _stamp_style() -> TextStampStyle:
    font_path = finders.find(STAMP_FONT)
    if not font_path:
        raise SigningError(f"Typsnittet {STAMP_FONT} saknas.")
    return TextStampStyle(
        stamp_text="%(text)s",
        text_box_style=TextBoxStyle(
            font=_StampFont(font_path, font_size=STAMP_FONT_SIZE, bcp47_lang_code="sv"),
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
