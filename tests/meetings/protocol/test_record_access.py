"""Who gets the document of record: the public page links the stored signed PDF of
a published, wholly public protokoll and nothing else; the admin offers the
same bytes to staff only; the demo's 2018 protokoll is a certified copy.
"""

from __future__ import annotations

import datetime
import html
import re
import subprocess

import pytest

from council import signing
from meetings.models import (
    Paragraph,
    Protocol,
    SignedDocument,
)
from meetings.services.protocol.justering import (
    protocol_comment,
    protocol_justera,
    protocol_send_to_justering,
)
from meetings.services.protocol.publishing import protocol_publish
from tests import factories
from tests.meetings.protocol.record_tools import ARTIFACTS, pdfsig, stored, tool, write


@pytest.mark.django_db
def test_public_page_links_the_stored_pdf_and_shows_the_record(client, cast, published):
    document = stored(published)
    page = client.get(f"/protokoll/{published.pk}/").content.decode()
    assert f"/protokoll/{published.pk}/protokoll.pdf" in page
    assert document.sha256 in page
    for name in (cast.secretary.person.name, cast.chair.person.name):
        assert name in page
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "Samlad bedömning: Giltig. Alla 3 underskrifter är oförändrade" in text
    assert text.count("Resultat Giltig : oförändrad och betrodd") == 3
    response = client.get(f"/protokoll/{published.pk}/protokoll.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(document.data)
    assert response["ETag"] == f'"{document.sha256}"'


@pytest.mark.django_db
def test_unpublished_record_is_not_served_to_the_public(client, justerat):
    assert stored(justerat).is_final
    assert client.get(f"/protokoll/{justerat.pk}/protokoll.pdf").status_code == 404


@pytest.mark.django_db
def test_withheld_paragraph_keeps_the_signed_pdf_from_the_public(
    client, cast, in_justering
):
    """A non-public paragraph is left out of the page; the complete signed PDF is
    handed out by the secretariat, never published."""
    Paragraph.objects.filter(pk=in_justering.paragraphs.first().pk).update(
        is_public=False
    )
    # The text changed after sending: it goes out again.
    protocol_comment(
        protocol_id=in_justering.pk,
        actor=cast.chair,
        comments={in_justering.paragraphs.first().pk: "Sekretess."},
    )
    protocol_send_to_justering(protocol_id=in_justering.pk, actor=cast.secretary)
    protocol_justera(protocol_id=in_justering.pk, actor=cast.chair)
    protocol_justera(protocol_id=in_justering.pk, actor=cast.member)
    protocol_publish(protocol_id=in_justering.pk, actor=cast.secretary)
    page = client.get(f"/protokoll/{in_justering.pk}/").content.decode()
    assert "efter sekretessprövning" in page
    assert "protokoll.pdf" not in page
    assert client.get(f"/protokoll/{in_justering.pk}/protokoll.pdf").status_code == 404


@pytest.mark.django_db
def test_admin_offers_the_same_stored_bytes(client, cast, justerat):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    document = stored(justerat)
    change = client.get(f"/admin/meetings/protocol/{justerat.pk}/change/")
    download = f"/admin/meetings/signeddocument/{document.pk}/signerad.pdf"
    assert download in change.content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert response.content == bytes(document.data)
    action = client.post(
        "/admin/meetings/protocol/",
        {"action": "download_signed_pdf", "_selected_action": [justerat.pk]},
    )
    assert action.status_code == 302 and action["Location"] == download
    # Nobody edits it there.
    assert client.get("/admin/meetings/signeddocument/add/").status_code == 403
    assert (
        client.post(
            f"/admin/meetings/signeddocument/{document.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_admin_shows_the_timestamp_and_justeringsbevis_read_only(client):
    """A signature record's page and its document's inline show what was found of
    the timestamp, the validation data and the justeringsbevis; nothing is a field
    to edit."""
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    record = factories.SignatureRecordFactory(
        timestamp_at=datetime.datetime(2026, 11, 23, 13, 3, 27, tzinfo=datetime.UTC),
        timestamp_authority="Tidsstämpeltjänsten TEST-TSA",
        timestamp_trusted=True,
        validation_data_embedded=False,
        passkey=signing.Passkey.VALID,
    )
    for url in (
        f"/admin/meetings/signaturerecord/{record.pk}/change/",
        f"/admin/meetings/signeddocument/{record.document.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        for label in (
            "idsstämpelns tid",
            "idsstämpelns utfärdare",
            "idsstämpeln betrodd",
            "alideringsdata inbäddad",
            "okumenttidsstämpel",
            "usteringsbevis",
        ):
            assert label in page, (url, label)
        assert "Tidsstämpeltjänsten TEST-TSA" in page
        assert "giltigt" in page
        for name in ("timestamp_at", "timestamp_authority", "passkey"):
            assert f'name="{name}"' not in page
            assert f'name="signatures-0-{name}"' not in page


@pytest.mark.django_db
def test_admin_download_needs_staff(client, cast, justerat):
    client.force_login(cast.member)
    document = stored(justerat)
    response = client.get(f"/admin/meetings/signeddocument/{document.pk}/signerad.pdf")
    assert response.status_code == 302  # to the admin login
    assert bytes(document.data) != response.content


@pytest.mark.django_db
def test_bilaga_of_an_unpublished_protokoll_is_not_downloadable(client, cast, draft):
    """Before publication a protokoll's bilaga is for those who see the draft only,
    even when it is marked public; members of the body do not get it either."""
    paragraph = draft.paragraphs.order_by("order").first()
    attachment = factories.AttachmentFactory(
        meeting=draft.meeting, paragraph=paragraph, is_public=True
    )
    url = f"/moten/{draft.meeting.pk}/bilagor/{attachment.pk}/"
    for user in (None, cast.outsider, cast.substitute):
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.force_login(cast.secretary)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_demo_2018_protokoll_is_a_certified_copy(demo_data, client, tmp_path):
    """The paper original stays the record: the portal's copy carries one signature,
    the secretary's certification, valid and trusted by pyHanko and pdfsig; its text
    holds every attendee and every heading."""
    from council.portal.demo.data import people as demo

    protocol = Protocol.objects.get(meeting__starts_at__date="2018-09-28")
    document = stored(protocol)
    assert document.is_final
    data = bytes(document.data)
    checks = signing.validate_pdf(data)
    assert [(c.signer, c.ok) for c in checks] == [("Anna Elverskog", True)]
    path = write(tmp_path, "2018.pdf", data)
    report = pdfsig(path, tmp_path)
    assert "Signature is Valid." in report and "Certificate is Trusted." in report
    text = re.sub(r"\s+", " ", tool("pdftotext", str(path), "-"))
    for name, *_rest in demo.LEDAMOTER_2018 + demo.OTHERS_2018:
        assert name in text
    for heading in protocol.paragraphs.values_list("heading", flat=True):
        assert re.sub(r"\s+", " ", heading) in text
    assert "Undertecknat på papper" in text and "Bestyrkt kopia" in text
    assert "No syntax or stream encoding errors" in tool("qpdf", "--check", str(path))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(path), str(ARTIFACTS / "2018")],
        check=True,
    )
    response = client.get(f"/protokoll/{protocol.pk}/protokoll.pdf")
    assert response.content == data


@pytest.mark.django_db
def test_bench_times_the_last_justering_and_leaves_nothing_behind(demo_data):
    """`make bench`'s signing figure: a copy of the 14-paragraph demo protokoll is
    justerat; the timed step ends with the final file stored; all is rolled back."""
    from council.portal.bench.signing import time_last_justering

    before = (Protocol.objects.count(), SignedDocument.objects.count())
    figures = time_last_justering(runs=1)
    assert figures["paragraphs"] == 14
    assert figures["bytes"] > 10_000
    assert 0 < figures["median"] <= figures["worst"]
    assert (Protocol.objects.count(), SignedDocument.objects.count()) == before
