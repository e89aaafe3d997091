"""Every PDF the portal issues is the PDF/A-3a it declares, signed or not.

Two independent checks on the real output of the workflow: the PDF/A rules the
portal relies on (pdfa_rules.py, reading the file with qpdf, pdffonts and
asn1crypto) and the validator `page` (pdfa_validator.py). The signed protokoll
stays PDF 1.7 (header and catalog) and declares PAdES by the ESIC extension.
"""

from __future__ import annotations

import datetime
import io
import itertools
import json
import subprocess

import pytest
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.filters import FlateDecode
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from council import signing
from council.signing.pdfa import incremental_writer
from meetings.services.notice import kallelse_pdf
from meetings.services.protocol import extract as protocol_extract
from tests import factories
from tests.meetings.protocol.pdfa_rules import assert_pdfa, pdfa_problems
from tests.meetings.protocol.pdfa_signatures import revision_ends
from tests.meetings.protocol.pdfa_validator import assert_valid
from tests.meetings.protocol.record_tools import stored

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2026, 11, 23, 14, 3, tzinfo=datetime.UTC)


def catalog(data: bytes) -> generic.DictionaryObject:
    return PdfFileReader(io.BytesIO(data), strict=False).root


CONTENT = json.dumps({"protokoll": "2026-11-23", "paragrafer": 5}).encode()


def compressing_to_cr() -> bytes:
    """JSON whose Flate encoding, as pyHanko makes it, ends with CR."""
    for number in itertools.count():
        content = json.dumps({"paragraf": number}).encode()
        if FlateDecode().encode(content).endswith(b"\r"):
            return content


def embed_json(
    data: bytes,
    *,
    writer_class=None,
    relationship="/Data",
    dated=True,
    mime=True,
    content=CONTENT,
) -> bytes:
    """`data` with one JSON file embedded in a new revision by pyHanko."""
    stream = io.BytesIO(data)
    writer = writer_class(stream, strict=False) if writer_class else None
    writer = writer or incremental_writer(data)
    embedded = embed.EmbeddedFileObject.from_file_data(
        writer,
        data=content,
        mime_type="application/json" if mime else None,
        params=embed.EmbeddedFileParams(
            creation_date=MOMENT, modification_date=MOMENT if dated else None
        ),
    )
    embed.embed_file(
        writer,
        embed.FileSpec(
            file_spec_string="protokoll.json",
            file_name="protokoll.json",
            embedded_data=embedded,
            description="Protokollets uppgifter som JSON",
            af_relationship=generic.pdf_name(relationship) if relationship else None,
        ),
    )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_signed_protokoll_is_pdf_1_7_with_pades_declared_by_esic(justerat):
    """Justerat through the workflow: header and catalog stay at PDF 1.7 (no
    /Version 2.0), the only developer extension is ESIC at 1.7, and the file
    keeps every rule of PDF/A-3a, Info and XMP agreeing on the producer."""
    data = bytes(stored(justerat).data)
    assert data.startswith(b"%PDF-1.7\n")
    root = catalog(data)
    assert "/Version" not in root
    assert dict(root["/Extensions"]["/ESIC"]) == {
        "/Type": "/DeveloperExtensions",
        "/BaseVersion": "/1.7",
        "/ExtensionLevel": 1,
    }
    assert set(root["/Extensions"]) == {"/ESIC"}
    info = subprocess.run(
        ["pdfinfo", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "PDF version:     1.7" in info
    assert_pdfa(data)
    assert len(signing.validate_pdf(data)) == 3


def test_an_independent_validator_accepts_each_signed_revision(justerat):
    """`page` finds the rendering and the secretary's signed revision PDF/A-3a
    outright, and each later one too but for the earlier signatures' byte
    ranges, which end where their own revisions end (as veraPDF requires)."""
    data = bytes(stored(justerat).data)
    ends = sorted(revision_ends(data))
    # The rendering, one revision per signer, then one that adds the
    # justeringsbevis and the validation data under the document timestamp.
    assert len(ends) == 5
    assert_valid(data[: ends[0]])
    assert_valid(data[: ends[1]])
    assert_valid(data[: ends[2]], earlier_signatures=1)
    assert_valid(data[: ends[3]], earlier_signatures=2)
    assert_valid(data, earlier_signatures=3)
    for end in ends:
        assert not pdfa_problems(data[:end], part=3, conformance="A")


def test_a_json_associated_file_embedded_after_signing_keeps_pdfa(justerat):
    """pyHanko's embed helpers through the portal's writer: the JSON file is an
    associated file of the document (catalog /AF, /AFRelationship /Data, MIME
    type, /ModDate) and the file stays PDF 1.7 and PDF/A-3a."""
    data = embed_json(bytes(stored(justerat).data))
    root = catalog(data)
    assert "/Version" not in root
    [spec] = [ref.get_object() for ref in root["/AF"]]
    assert spec["/AFRelationship"] == "/Data"
    assert spec["/UF"] == "protokoll.json"
    stream = spec["/EF"]["/F"].get_object()
    assert stream["/Subtype"] == "/application/json"
    assert stream.data == CONTENT
    assert_pdfa(data)
    assert_valid(data, earlier_signatures=3)


def test_the_rules_catch_what_pyhanko_alone_writes_and_a_bare_embedded_file(
    justerat,
):
    """pyHanko's own writer sets /Version 2.0 for /AF; a file embedded without
    relationship, MIME type or date is no associated file: the rules say so."""
    signed = bytes(stored(justerat).data)
    plain = embed_json(signed, writer_class=IncrementalPdfFileWriter)
    assert catalog(plain)["/Version"] == "/2.0"
    assert "catalog /Version /2.0 is above PDF/A-3" in pdfa_problems(plain)

    bare = embed_json(signed, relationship=None, dated=False, mime=False)
    problems = pdfa_problems(bare)
    for expected in (
        "associated file protokoll.json has no valid /AFRelationship",
        "associated file protokoll.json is listed in no /AF array",
        "associated file protokoll.json has no MIME type (/Subtype)",
        "associated file protokoll.json has no /Params /ModDate",
    ):
        assert expected in problems, problems


def test_a_stream_ending_with_cr_is_closed_so_pdfa_counts_its_length(justerat):
    """Compressed data that ends with CR, then pyHanko's LF and `endstream`:
    PDF/A reads CR LF as the end-of-line marker and the /Length one byte too
    long. The portal's writer closes such a stream with CR LF."""
    signed = bytes(stored(justerat).data)
    content = compressing_to_cr()
    plain = embed_json(signed, writer_class=IncrementalPdfFileWriter, content=content)
    assert any("data ends with CR" in problem for problem in pdfa_problems(plain))
    data = embed_json(signed, content=content)
    assert b"\r\r\nendstream" in data[len(signed) :]
    assert_pdfa(data)
    assert_valid(data, earlier_signatures=3)


def test_extract_is_pdfa(published):
    """The certified protokollsutdrag: one signature, PDF/A-3a for both checks."""
    paragraph = published.paragraphs.order_by("order").first()
    document = protocol_extract.extract_issue(
        protocol_id=published.pk, number=paragraph.number
    )
    data = bytes(document.data)
    assert "/Version" not in catalog(data)
    assert_pdfa(data)
    assert_valid(data, earlier_signatures=1)  # then the document timestamp


def test_kallelse_is_pdfa(meeting):
    factories.AgendaItemFactory(meeting=meeting, title="Skolans kompetensförsörjning")
    for non_public in (False, True):
        data = kallelse_pdf(meeting, non_public=non_public)
        assert_pdfa(data)
        assert_valid(data)
