"""The protokoll page shows a signature block per signer, like the PDF's: the
role, the name, and whether and when that signer has justerat."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string

from meetings.documents.protocol import build_protocol_document, protocol_for_document

pytestmark = pytest.mark.django_db


def blocks(html: str) -> list[str]:
    return re.findall(
        r'<div class="signature-block[^"]*" id="[^"]*" role="group".*?</div>',
        html,
        re.S,
    )


def text(block: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", block).split())


def test_the_published_page_shows_each_signer_as_a_block(client, cast, published):
    html = client.get(f"/protokoll/{published.pk}/").content.decode()
    found = [text(block) for block in blocks(html)]
    assert len(found) == 3
    secretary, chair, justerare = found
    assert secretary.startswith("Vid protokollet")
    assert cast.secretary.person.name in secretary
    assert chair.startswith("Ordförande") and cast.chair.person.name in chair
    assert justerare.startswith("Justerare") and cast.member.person.name in justerare
    assert secretary.endswith(
        "Signerat digitalt när protokollet skickades för justering"
    )
    for block in (chair, justerare):
        assert re.search(r"Justerat digitalt \d{4}-\d\d-\d\d \d\d\.\d\d$", block)
    assert '<ul class="signature-slots">' not in html


def test_a_draft_shows_who_has_not_justerat_yet(client, cast, draft):
    client.force_login(cast.secretary)
    html = client.get(f"/protokoll/{draft.pk}/forhandsvisning/").content.decode()
    found = [text(block) for block in blocks(html)]
    secretary, *signers = found
    assert secretary.endswith("Ej signerat ännu")
    assert signers and all(block.endswith("Ej justerat ännu") for block in signers)
    assert any(cast.chair.person.name in block for block in found)


def test_the_pdf_keeps_its_signature_fields(cast, justerat):
    """The PDF's block keeps the spaces its signature fields are placed on."""
    doc = build_protocol_document(protocol_for_document(justerat.pk), public=False)
    html = render_to_string(
        "meetings/pdf/protocol.html", {"doc": doc, "body": doc.body}
    )
    for signer in doc.signers:
        assert f'id="{signer.slot_id}"' in html
    assert 'class="signature-blocks"' not in html
