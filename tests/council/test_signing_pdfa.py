"""The signing service's writer keeps a PDF/A document within its declared level
(council/signing/pdfa.py).

pyHanko on its own sets the catalog's /Version to 2.0 when it signs with ECDSA
on P-256 (it declares ISO/TS 32002, an extension of PDF 2.0): a PDF/A-3a file,
built on PDF 1.7, would then contradict itself.
"""

from __future__ import annotations

import io

import pytest
import weasyprint
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.signers.constants import ESIC_EXTENSION_1, ISO32001, ISO32002

from council import signing
from council.pdf import render_pdf
from council.signing import SignerIdentity, SigningError, Slot, sign_pdf
from council.signing.pdfa import (
    PdfaClaim,
    PdfaLevelError,
    incremental_writer,
    pdfa_claim_in_xmp,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_authority")]

SLOT = Slot("signatur-sekreterare", 0, (60.0, 60.0, 260.0, 110.0))
HTML = "<h1>Protokoll</h1><p>Samverkansrådet för skola</p>"


def signed(data: bytes) -> bytes:
    return sign_pdf(
        data,
        identity=SignerIdentity("Anna Elverskog", "Sekreterare"),
        slot=SLOT,
        stamp_text="Signerat digitalt av Anna Elverskog,\nsekreterare",
        reason="Vid protokollet",
    )


def root(data: bytes):
    return PdfFileReader(io.BytesIO(data), strict=False).root


def written(writer) -> bytes:
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


@pytest.fixture
def pdfa_3a() -> bytes:
    return render_pdf(
        template_name="pdf/base.html", context={}, title="Protokoll för prov"
    )


def test_pyhanko_alone_declares_pdf_2_0_for_an_ecdsa_signature():
    """A document that declares no PDF/A is signed as pyHanko does it: ECDSA
    on P-256 brings ISO/TS 32002 and /Version /2.0 into the catalog."""
    data = signed(weasyprint.HTML(string=HTML).write_pdf())
    catalog = root(data)
    assert catalog["/Version"] == "/2.0"
    assert catalog["/Extensions"]["/ISO_"][0]["/ExtensionLevel"] == 32002


def test_a_signed_pdfa_3a_stays_pdf_1_7_and_declares_pades_by_esic(pdfa_3a):
    data = signed(pdfa_3a)
    assert data.startswith(b"%PDF-1.7")
    catalog = root(data)
    assert "/Version" not in catalog
    assert set(catalog["/Extensions"]) == {"/ESIC"}
    assert catalog["/Extensions"]["/ESIC"]["/BaseVersion"] == "/1.7"
    assert signing.validate_pdf(data)[0].ok


def test_the_writer_declines_pdf_2_0_and_refuses_what_needs_it(pdfa_3a):
    """The catalog keeps no /Version beyond 1.7; ISO/TS 32002 is left out (PAdES
    on PDF 1.7 admits ECDSA on the NIST curves); SHA-3 (ISO/TS 32001) would
    need PDF 2.0 and is refused."""
    writer = incremental_writer(pdfa_3a)
    assert writer.pdfa == PdfaClaim(part=3, conformance="A")
    writer.ensure_output_version((2, 0))
    writer.register_extension(ISO32002)
    writer.register_extension(ESIC_EXTENSION_1)
    with pytest.raises(PdfaLevelError, match="PDF 2.0"):
        writer.register_extension(ISO32001)
    catalog = root(written(writer))
    assert "/Version" not in catalog
    assert set(catalog["/Extensions"]) == {"/ESIC"}
    with pytest.raises(SigningError, match="inte på plats"):
        incremental_writer(pdfa_3a).write_in_place()


def test_a_pdfa_1_document_is_not_signed_into_pdf_1_7():
    """PAdES needs PDF 1.7 and its ESIC extension: a PDF/A-1b (PDF 1.4) file is
    refused rather than silently made PDF 1.7."""
    data = weasyprint.HTML(string=HTML).write_pdf(pdf_variant="pdf/a-1b")
    assert incremental_writer(data).version_ceiling == (1, 4)
    with pytest.raises(SigningError, match="PDF/A-1"):
        signed(data)


def test_signing_leaves_the_metadata_as_rendered(pdfa_3a):
    """A signature changes no metadata: the Info dictionary and the XMP packet
    (the producer, the PDF/A-3a and PDF/UA-1 identification and the extension
    schema that declares the latter) stay byte for byte as rendered, so they
    still agree and PDF/A still reads the schema."""
    before = PdfFileReader(io.BytesIO(pdfa_3a), strict=False)
    data = signed(pdfa_3a)
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    assert reader.trailer["/Info"]["/Producer"] == before.trailer["/Info"]["/Producer"]
    assert reader.trailer["/Info"]["/Producer"] != VENDOR
    xmp = reader.root["/Metadata"].data
    assert xmp == before.root["/Metadata"].data
    assert pdfa_claim_in_xmp(xmp) == PdfaClaim(part=3, conformance="A")
    assert b'pdfuaid:part="1"' in xmp
    assert b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in xmp
    assert "/Filter" not in reader.root["/Metadata"]


def test_the_claim_is_read_from_attributes_or_elements():
    ns = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    ns += 'xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"'
    as_attributes = (
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF {ns}><rdf:Description '
        'pdfaid:part="2" pdfaid:conformance="U"/></rdf:RDF></x:xmpmeta>'
    )
    as_elements = (
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF {ns}><rdf:Description>'
        "<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    assert pdfa_claim_in_xmp(as_attributes.encode()) == PdfaClaim(2, "U")
    assert pdfa_claim_in_xmp(as_elements.encode()) == PdfaClaim(3, "B")
    assert pdfa_claim_in_xmp(b"<not xml") is None
