"""Every PDF the portal makes is accessible and archival: PDF/UA-1 and PDF/A-3a.

Each kind of PDF, made through the workflow, is checked by the independent
validator `page` (pdfa_validator.py) with both profiles, and a failure names
the rules broken by id: the signed protokoll after every revision (the
secretary's signature, each justerare's, the closing revision with the
document timestamp, a renewal of that timestamp), the protokollsutdrag, the
certified copy of a protokoll justerat on paper, the kallelse (public and
complete), the plan and the draft's preview. Beside the validator, the
structure a screen reader follows is read with poppler and pyHanko
(pdf_structure.py): signature fields tagged as Form and named for who signs
in which role, headings nested under the title, tables with headers, list
items of Lbl and LBody, links with text, and the reading order of the tags
the same as the order the pages draw their text.
"""

from __future__ import annotations

import re

import pytest

from meetings.models import Protocol, SignedDocument
from meetings.services.notice import kallelse_pdf
from meetings.services.protocol import extract as protocol_extract
from meetings.services.protocol.renewal import document_renew_timestamp
from tests import factories
from tests.meetings.protocol.pdf_structure import (
    catalog,
    headings,
    pdftotext_raw,
    structure,
    widgets,
)
from tests.meetings.protocol.pdfa_signatures import revision_ends
from tests.meetings.protocol.pdfa_validator import assert_archival_and_accessible
from tests.meetings.protocol.record_tools import stored

pytestmark = pytest.mark.django_db


def assert_readable(data: bytes, *, title: str) -> None:
    """What PDF/UA asks of the document as a whole, read back: the title
    shown, the language Swedish, headings from one H1 down without a skipped
    level, tables with header cells, list items of Lbl and LBody only, and
    every link with text."""
    root = catalog(data)
    assert root["/Lang"] == "sv-SE"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert root["/MarkInfo"]["/Marked"].value is True
    tree = structure(data)
    levels = headings(tree)
    assert levels and levels[0][0] == 1, levels
    assert levels[0][1].startswith(title), levels[0]
    assert [level for level, _ in levels].count(1) == 1, levels
    for (before, _), (after, text) in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"H{after} {text!r} follows H{before}"
    for element in tree.walk():
        if element.kind == "Table":
            assert any(kid.kind == "TH" for kid in element.walk()), "table without TH"
        if element.kind == "LI":
            assert {kid.kind for kid in element.kids} <= {"Lbl", "LBody"}
        if element.kind == "Link":
            assert element.words(), "a link without text"


def test_every_revision_of_the_justerat_protokoll_is_pdfua_1_and_pdfa_3a(
    justerat, cast
):
    """The rendering, each signer's revision, the closing revision with the
    justeringsbevis and the document timestamp, and a renewal of that
    timestamp: each is PDF/A-3a and PDF/UA-1."""
    data = bytes(stored(justerat).data)
    ends = sorted(revision_ends(data))
    assert len(ends) == 5
    for signed_before, end in enumerate(ends):
        # Each revision after the first adds one signature; only those
        # before the last revision meet the validator's byte-range reading.
        assert_archival_and_accessible(
            data[:end], earlier_signatures=max(signed_before - 1, 0)
        )
    document = stored(justerat)
    document_renew_timestamp(document, actor=cast.admin)
    document.refresh_from_db()
    renewed = bytes(document.data)
    assert renewed.startswith(data)
    # The validator reads the byte range of signatures, not of document
    # timestamps: the three signers' still end before the file does.
    assert_archival_and_accessible(renewed, earlier_signatures=3)
    assert_readable(data, title=f"Protokoll {cast.body.name}")


def test_each_signature_field_is_tagged_as_a_form_naming_signer_and_role(
    justerat, cast
):
    """Three signers, three fields: each on the page where its slot is, in a
    Form element of its own, with /TU "Underskrift av NAMN, roll". The
    document timestamp is no field on the page: its empty box lies outside
    it, named "Dokumenttidsstämpel"."""
    found = {widget.name: widget for widget in widgets(bytes(stored(justerat).data))}
    expected = {
        f"signatur-sekreterare-{cast.secretary.person.pk}": (
            f"Underskrift av {cast.secretary.person.name}, sekreterare"
        ),
        f"signatur-ordforande-{cast.chair.person.pk}": (
            f"Underskrift av {cast.chair.person.name}, ordförande"
        ),
    }
    for person in justerat.justerare.all():
        expected[f"signatur-justerare-{person.pk}"] = (
            f"Underskrift av {person.name}, justerare"
        )
    for name, tooltip in expected.items():
        widget = found.pop(name)
        assert widget.tooltip == tooltip
        assert widget.tagged_as == "/Form" and widget.kids_of_tag == 1
        x1, y1, x2, y2 = widget.rect
        assert x2 - x1 > 100 and y2 - y1 > 30  # the visible slot
    [(name, stamp)] = found.items()
    assert name == "dokumenttidsstampel-1"
    assert stamp.tooltip == "Dokumenttidsstämpel"
    assert stamp.tagged_as is None
    assert max(stamp.rect) < 0  # outside the page: nothing to show or tag


def test_the_tags_read_in_the_order_the_pages_draw_the_text(demo_data):
    """The 14 §§ of the demo protokoll (justerat on paper, a certified copy):
    the words of the structure tree, list labels aside, come in the same
    order as `pdftotext -raw` reads them from the pages, and the tree holds
    no letterhead or page number (artifacts)."""
    protocol = Protocol.objects.get(
        meeting__body__slug="ssr", meeting__starts_at__year=2018, version=1
    )
    data = bytes(SignedDocument.objects.get(protocol=protocol, kind="protokoll").data)
    tree = structure(data)
    tagged = tree.words(without=frozenset({"Lbl"}))
    drawn = pdftotext_raw(data)
    position, missing = 0, []
    for word in tagged:
        try:
            position = drawn.index(word, position) + 1
        except ValueError:
            missing.append(word)
    assert not missing, missing[:20]
    numbers = [text for _, text in headings(tree) if re.match(r"§ \d+", text)]
    assert [int(text.split()[1]) for text in numbers] == list(range(1, 15))
    text = " ".join(tree.words())
    assert "Sida 1 (" not in text and "Tjänsteställe" not in text
    assert len(tagged) > 1000


def test_the_certified_paper_copy_is_pdfua_1_and_pdfa_3a(demo_data):
    protocol = Protocol.objects.get(
        meeting__body__slug="ssr", meeting__starts_at__year=2018, version=1
    )
    data = bytes(SignedDocument.objects.get(protocol=protocol, kind="protokoll").data)
    assert_archival_and_accessible(data, earlier_signatures=1)
    assert_readable(data, title="Protokoll")
    [field] = [w for w in widgets(data) if w.name == "bestyrkande"]
    assert field.tooltip == f"Bestyrkande av {protocol.secretary.name}, sekreterare"
    assert field.tagged_as == "/Form"


def test_the_protokollsutdrag_is_pdfua_1_and_pdfa_3a(published):
    paragraph = published.paragraphs.order_by("order").first()
    document = protocol_extract.extract_issue(
        protocol_id=published.pk, number=paragraph.number
    )
    data = bytes(document.data)
    ends = sorted(revision_ends(data))
    assert_archival_and_accessible(data[: ends[0]])
    assert_archival_and_accessible(data[: ends[1]])
    assert_archival_and_accessible(data, earlier_signatures=1)
    assert_readable(data, title="Protokollsutdrag")
    [field] = [w for w in widgets(data) if w.name == "utdragsbestyrkande"]
    certifier = protocol_extract.certifier_for(published)
    assert field.tooltip == f"Utdragsbestyrkande av {certifier.name}, sekreterare"
    assert field.tagged_as == "/Form"


def test_the_kallelse_is_pdfua_1_and_pdfa_3a(meeting):
    factories.AgendaItemFactory(meeting=meeting, title="Skolans kompetensförsörjning")
    for non_public in (False, True):
        data = kallelse_pdf(meeting, non_public=non_public)
        assert_archival_and_accessible(data)
        assert_readable(data, title="Kallelse")
        assert not widgets(data)


def test_the_plan_is_pdfua_1_and_pdfa_3a(client, demo_data):
    response = client.get("/planer/ssr/2023/pdf/")
    assert response.status_code == 200
    assert_archival_and_accessible(response.content)
    assert_readable(response.content, title="Verksamhetsplan 2023")


def test_the_draft_preview_is_pdfua_1_and_pdfa_3a(client, cast, draft):
    client.force_login(cast.secretary)
    response = client.get(f"/protokoll/{draft.pk}/utkast.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_archival_and_accessible(response.content)
    assert_readable(response.content, title="Protokoll")
    assert not widgets(response.content)  # nothing to sign in a draft
