"""Bilagor and jäv from the protokoll editor: the secretary uploads and removes a
paragraph's attachments and records who is jävig, while the protokoll is a draft;
a rejected file gets a message and nothing typed is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.models import Attachment, Paragraph, Protocol
from meetings.services import attachments as attachment_services
from meetings.services.protocol import attachments as paragraph_attachments
from meetings.services.protocol import drafting
from meetings.services.protocol.justering import protocol_send_to_justering
from tests.meetings.helpers import editor_post, editor_values
from tests.upload_files import PDF

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def stored_files() -> set[Path]:
    return {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


def paragraph(protocol: Protocol, heading: str = "Övriga frågor") -> Paragraph:
    return protocol.paragraphs.get(heading=heading)


def with_file(
    protocol: Protocol, target: Paragraph, name: str, data: bytes, **fields: str
) -> dict[str, object]:
    post = editor_post(protocol, **{"Mötet öppnas": "Ordföranden hälsar välkomna."})
    prefix = f"p{target.pk}-"
    post[prefix + "attachment_file"] = SimpleUploadedFile(name, data)
    for name_, value in fields.items():
        post[prefix + name_] = value
    return post


# Uploading ------------------------------------------------------------------------


def test_an_uploaded_bilaga_is_stored_and_shown_in_the_draft(client, cast, draft):
    """The file is stored under a random name with its checked type, the text saved
    with it, and the preview lists it as a numbered bilaga."""
    target = paragraph(draft)
    before = stored_files()
    client.force_login(cast.secretary)
    response = client.post(
        f"/protokoll/{draft.pk}/utkast/",
        with_file(
            draft,
            target,
            "Rapport om GySam.pdf",
            PDF,
            attachment_title="Rapport från GySam",
            attachment_public="on",
        ),
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.paragraph == target
    assert attachment.meeting_id == draft.meeting_id
    assert attachment.title == "Rapport från GySam"
    assert attachment.is_public is True
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "Rapport om GySam.pdf"
    assert attachment.uploaded_by == cast.secretary
    assert len(stored_files() - before) == 1
    assert paragraph(draft, "Mötet öppnas").text == "Ordföranden hälsar välkomna."
    history = attachment.history.first()
    assert history.history_user == cast.secretary
    assert history.history_change_reason == "Bilaga tillagd i protokollet"

    page = client.get(f"/protokoll/{draft.pk}/forhandsvisning/").content.decode()
    assert "Bilaga 1: Rapport från GySam" in page
    editor = client.get(f"/protokoll/{draft.pk}/utkast/").content.decode()
    assert "Bilaga 1: Rapport från GySam" in editor
    assert f'value="delete_attachment:{attachment.pk}"' in editor


def test_a_bilaga_gets_its_paragraph_number_once_numbered(client, cast, draft):
    """After the protokoll is sent for justering the § numbers are fixed and the
    bilaga reads "Bilaga 1 till § N"."""
    target = paragraph(draft)
    paragraph_attachments.paragraph_attachment_upload(
        paragraph_id=target.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("underlag.pdf", PDF),
        title="Underlag",
    )
    protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)
    number = Paragraph.objects.get(pk=target.pk).number
    client.force_login(cast.secretary)
    page = client.get(f"/protokoll/{draft.pk}/forhandsvisning/").content.decode()
    assert f"Bilaga 1 till § {number}: Underlag" in page


def test_a_file_of_the_wrong_type_is_refused_and_nothing_is_lost(client, cast, draft):
    """An executable called .pdf is refused beside the file field; the text typed
    everywhere stays in the form and nothing is saved or stored."""
    target = paragraph(draft)
    version = draft.lock_version
    before = stored_files()
    client.force_login(cast.secretary)
    response = client.post(
        f"/protokoll/{draft.pk}/utkast/",
        with_file(
            draft, target, "protokoll.pdf", EXE, attachment_title="Viktigt underlag"
        ),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "går inte att läsa som PDF" in page
    assert "Välj dem igen" in page
    assert 'value="Viktigt underlag"' in page
    assert "Ordföranden hälsar välkomna." in page
    assert not Attachment.objects.exists()
    assert stored_files() == before
    assert Protocol.objects.get(pk=draft.pk).lock_version == version


def test_an_oversize_file_is_refused_with_the_limit(client, cast, draft, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    target = paragraph(draft)
    client.force_login(cast.secretary)
    response = client.post(
        f"/protokoll/{draft.pk}/utkast/",
        with_file(draft, target, "stor.pdf", PDF + b"0" * 2048),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Filen är för stor" in page
    assert "Största tillåtna storlek är 1,0\xa0kB" in page
    assert "Ordföranden hälsar välkomna." in page
    assert not Attachment.objects.exists()


def test_a_title_without_a_file_asks_for_the_file(client, cast, draft):
    target = paragraph(draft)
    post = editor_post(draft)
    post[f"p{target.pk}-attachment_title"] = "Glömd fil"
    client.force_login(cast.secretary)
    response = client.post(f"/protokoll/{draft.pk}/utkast/", post)
    assert response.status_code == 400
    assert "Välj en fil till bilagan" in response.content.decode()


# Removing -------------------------------------------------------------------------


def test_the_secretary_removes_a_bilaga_and_its_file(
    client, cast, draft, django_capture_on_commit_callbacks
):
    target = paragraph(draft)
    attachment = paragraph_attachments.paragraph_attachment_upload(
        paragraph_id=target.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("underlag.pdf", PDF),
    )
    path = Path(attachment.file.path)
    assert path.exists()
    draft.refresh_from_db()
    post = editor_post(draft, **{"Övriga frågor": "Inga övriga frågor."})
    post["op"] = f"delete_attachment:{attachment.pk}"
    client.force_login(cast.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/protokoll/{draft.pk}/utkast/", post)

    assert response.status_code == 302
    assert response.url.endswith(f"#stycke-{target.pk}")
    assert not Attachment.objects.exists()
    assert not path.exists()
    assert paragraph(draft).text == "Inga övriga frågor."  # saved first
    deleted = Attachment.history.filter(history_type="-").get()
    assert deleted.history_user == cast.secretary
    assert deleted.history_change_reason == "Bilaga borttagen ur protokollet"


def test_a_paragraph_with_a_bilaga_is_removed_once_the_bilaga_is(cast, draft):
    target = paragraph(draft)
    attachment = paragraph_attachments.paragraph_attachment_upload(
        paragraph_id=target.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("underlag.pdf", PDF),
    )
    with pytest.raises(ValidationError, match="Ta bort bilagorna först"):
        drafting.protocol_paragraph_delete(paragraph_id=target.pk, actor=cast.secretary)
    paragraph_attachments.paragraph_attachment_delete(
        attachment_id=attachment.pk, actor=cast.secretary
    )
    drafting.protocol_paragraph_delete(paragraph_id=target.pk, actor=cast.secretary)
    assert not Paragraph.objects.filter(pk=target.pk).exists()


def test_the_meetings_own_attachment_page_still_refuses_a_paragraph_bilaga(cast, draft):
    """The planning page's removal is for the meeting's own documents only."""
    attachment = paragraph_attachments.paragraph_attachment_upload(
        paragraph_id=paragraph(draft).pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("underlag.pdf", PDF),
    )
    with pytest.raises(ValidationError, match="hör till protokollet"):
        attachment_services.attachment_delete(
            attachment_id=attachment.pk, actor=cast.secretary
        )


# Jäv ------------------------------------------------------------------------------


def test_jav_is_chosen_among_those_present_and_recorded_with_history(
    client, cast, draft
):
    """ "Ange jäv" saves what is typed and opens the paragraph's checkboxes, one
    per person present; the choice is saved with the user and a reason."""
    target = paragraph(draft)
    chair = cast.chair.person
    client.force_login(cast.secretary)
    page = client.get(f"/protokoll/{draft.pk}/utkast/").content.decode()
    assert f'value="jav:{target.pk}"' in page
    assert f'name="p{target.pk}-recused"' not in page  # closed until asked for

    post = editor_post(draft, **{"Övriga frågor": "Inga övriga frågor."})
    post["op"] = f"jav:{target.pk}"
    response = client.post(f"/protokoll/{draft.pk}/utkast/", post)
    assert response.url.endswith(f"?jav={target.pk}#jav-{target.pk}")
    assert paragraph(draft).text == "Inga övriga frågor."
    page = client.get(response.url).content.decode()
    assert f'name="p{target.pk}-recused" value="{chair.pk}"' in page
    substitute = cast.substitute.person  # absent, so no choice
    assert f'name="p{target.pk}-recused" value="{substitute.pk}"' not in page

    draft.refresh_from_db()
    post = editor_post(draft)
    post[f"p{target.pk}-recused_shown"] = "True"
    post[f"p{target.pk}-recused"] = [str(chair.pk)]
    response = client.post(f"/protokoll/{draft.pk}/utkast/", post)

    assert response.status_code == 302
    assert list(paragraph(draft).recused.all()) == [chair]
    row = Paragraph.history.filter(id=target.pk).first()
    assert row.history_change_reason == "Jäv registrerat"
    assert row.history_user == cast.secretary
    assert [m.person_id for m in row.recused.all()] == [chair.pk]
    preview = client.get(f"/protokoll/{draft.pk}/forhandsvisning/").content.decode()
    assert f"Jäv: {chair.name} deltar inte i handläggningen." in preview
    # Recorded jäv is always shown, so it can be changed.
    page = client.get(f"/protokoll/{draft.pk}/utkast/").content.decode()
    assert f'name="p{target.pk}-recused" value="{chair.pk}" id' in page
    assert (
        "checked"
        in page.split(f'name="p{target.pk}-recused" value="{chair.pk}"')[1][:80]
    )

    # A save without the checkboxes on the page leaves jäv alone ...
    draft.refresh_from_db()
    client.post(f"/protokoll/{draft.pk}/utkast/", editor_post(draft))
    assert list(paragraph(draft).recused.all()) == [chair]
    # ... and unticking removes it.
    draft.refresh_from_db()
    post = editor_post(draft)
    post[f"p{target.pk}-recused_shown"] = "True"
    post[f"p{target.pk}-recused"] = []
    client.post(f"/protokoll/{draft.pk}/utkast/", post)
    assert not paragraph(draft).recused.exists()


def test_jav_for_someone_not_present_is_refused(cast, draft):
    values = editor_values(draft)
    values[0]["recused"] = [cast.substitute.person.pk]
    with pytest.raises(ValidationError, match="jäv anges för någon som var"):
        drafting.protocol_save_draft(
            protocol_id=draft.pk,
            actor=cast.secretary,
            base_version=draft.lock_version,
            chair_id=draft.chair_id,
            justerare_ids=[cast.member.person.pk],
            justering_date=None,
            justering_place="Örebro",
            paragraphs=values,
        )
    assert not Paragraph.recused.through.objects.exists()


# Refusals -------------------------------------------------------------------------


def test_a_justerat_protokoll_refuses_bilagor_and_jav(client, cast, justerat):
    target = justerat.paragraphs.order_by("order").first()
    with pytest.raises(ValidationError, match="justerat och kan inte ändras"):
        paragraph_attachments.paragraph_attachment_upload(
            paragraph_id=target.pk,
            actor=cast.secretary,
            uploaded=SimpleUploadedFile("underlag.pdf", PDF),
        )
    values = editor_values(justerat)
    values[0]["recused"] = [cast.chair.person.pk]
    with pytest.raises(ValidationError, match="justerat och kan inte ändras"):
        drafting.protocol_save_draft(
            protocol_id=justerat.pk,
            actor=cast.secretary,
            base_version=justerat.lock_version,
            chair_id=justerat.chair_id,
            justerare_ids=[cast.member.person.pk],
            justering_date=None,
            justering_place="Örebro",
            paragraphs=values,
        )
    client.force_login(cast.secretary)
    post = with_file(justerat, target, "underlag.pdf", PDF)
    response = client.post(f"/protokoll/{justerat.pk}/utkast/", post, follow=True)
    assert "kan inte redigeras" in response.content.decode()
    assert not Attachment.objects.exists()
    assert not target.recused.exists()


def test_a_bilaga_cannot_be_removed_once_sent_for_justering(cast, draft):
    attachment = paragraph_attachments.paragraph_attachment_upload(
        paragraph_id=paragraph(draft).pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("underlag.pdf", PDF),
    )
    protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)
    with pytest.raises(ValidationError, match="för justering och kan inte ändras"):
        paragraph_attachments.paragraph_attachment_delete(
            attachment_id=attachment.pk, actor=cast.secretary
        )
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_a_member_who_is_not_secretary_gets_403(client, cast, draft):
    """The justerare may read the draft but neither upload nor remove."""
    target = paragraph(draft)
    client.force_login(cast.member)
    response = client.post(
        f"/protokoll/{draft.pk}/utkast/", with_file(draft, target, "u.pdf", PDF)
    )
    assert response.status_code == 403
    assert not Attachment.objects.exists()
    attachment = paragraph_attachments.paragraph_attachment_upload(
        paragraph_id=target.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("underlag.pdf", PDF),
    )
    draft.refresh_from_db()
    post = editor_post(draft)
    post["op"] = f"delete_attachment:{attachment.pk}"
    assert client.post(f"/protokoll/{draft.pk}/utkast/", post).status_code == 403
    with pytest.raises(PermissionDenied):
        paragraph_attachments.paragraph_attachment_delete(
            attachment_id=attachment.pk, actor=cast.member
        )
    assert Attachment.objects.filter(pk=attachment.pk).exists()
