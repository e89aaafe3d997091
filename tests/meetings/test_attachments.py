"""Uploads are checked by content and size, names are made safe, and a failed upload
leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.models import Attachment, MeetingChange
from meetings.services.attachments import (
    attachment_delete,
    attachment_upload,
    sanitise_filename,
)
from tests.upload_files import PDF, office_file

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\x00" * 64
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 512


def plain_zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("virus.exe", EXE)
    return buffer.getvalue()


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()]


def upload(client, meeting, name: str, data: bytes, **extra):
    return client.post(
        f"/moten/{meeting.pk}/bilagor/ny/",
        {
            "title": extra.pop("title", ""),
            "file": SimpleUploadedFile(name, data),
            **extra,
        },
    )


def test_exe_renamed_to_pdf_is_refused_with_a_message(client, cast, meeting):
    """The content decides: an executable called .pdf is refused as no PDF, the form
    keeps the title, and neither a row nor a file is left."""
    before = stored_files()
    client.force_login(cast.secretary)
    response = upload(client, meeting, "protokoll.pdf", EXE, title="Viktigt underlag")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Filen ”protokoll.pdf” går inte att läsa som PDF." in page
    assert 'value="Viktigt underlag"' in page
    assert not Attachment.objects.exists()
    assert stored_files() == before


def test_oversize_file_is_refused_with_the_limit_in_the_message(
    client, cast, meeting, settings
):
    settings.ATTACHMENT_MAX_BYTES = 1024
    client.force_login(cast.secretary)
    response = upload(client, meeting, "stor.pdf", PDF + b"0" * 2048)

    assert response.status_code == 400
    assert "Filen är för stor" in response.content.decode()
    assert "Största tillåtna storlek är 1,0\xa0kB" in response.content.decode()
    assert not Attachment.objects.exists()


def test_service_refuses_oversize_file_even_without_the_form(cast, meeting, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="för stor"):
        attachment_upload(
            meeting_id=meeting.pk,
            actor=cast.secretary,
            uploaded=SimpleUploadedFile("a.pdf", PDF * 10),
        )
    assert not Attachment.objects.exists()


def test_file_name_with_path_parts_and_odd_characters_is_stored_safely(cast, meeting):
    attachment = attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile(
            '../../etc/C:\\Windows\\Budget <2026>: "förslag"?\x00*|.pdf', PDF
        ),
    )
    assert attachment.original_name == "Budget _2026_ _förslag.pdf"
    assert "/" not in attachment.original_name and "\\" not in attachment.original_name
    stored = Path(attachment.file.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert "Budget" not in attachment.file.name  # the stored path is random
    assert stored.read_bytes() == PDF
    assert attachment.content_type == "application/pdf"
    assert len(attachment.sha256) == 64


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("..", "bilaga"),
        ("...pdf", "pdf"),
        ("  .hidden.docx ", "hidden.docx"),
        ("möte\u202e.pdf", "möte.pdf"),
        ("a" * 300 + ".pdf", "a" * 96 + ".pdf"),
    ],
)
def test_sanitise_filename(raw, expected):
    assert sanitise_filename(raw) == expected


@pytest.mark.parametrize(
    ("name", "data", "extension", "mime"),
    [
        ("rapport.docx", office_file("word/"), "docx", "wordprocessingml"),
        ("bilder.pptx", office_file("ppt/"), "pptx", "presentationml"),
        ("budget.xlsx", office_file("xl/"), "xlsx", "spreadsheetml"),
        ("karta.png", PNG, "png", "image/png"),
        ("fel-namn.docx", PDF, "pdf", "application/pdf"),
    ],
)
def test_accepted_types_are_recognised_by_content(
    cast, meeting, name, data, extension, mime
):
    attachment = attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile(name, data),
    )
    assert attachment.original_name.endswith(f".{extension}")
    assert mime in attachment.content_type


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("arkiv.docx", plain_zip()),
        ("ole.pdf", OLE2),
        ("ole.exe", OLE2),
        ("gammal.doc", OLE2),
        ("gammal.xls", OLE2),
        ("text.pdf", b"just some text, not a pdf"),
        ("script.xlsx", b"#!/bin/sh\nrm -rf /\n"),
    ],
)
def test_refused_types(cast, meeting, name, data):
    with pytest.raises(ValidationError):
        attachment_upload(
            meeting_id=meeting.pk,
            actor=cast.secretary,
            uploaded=SimpleUploadedFile(name, data),
        )
    assert not Attachment.objects.exists()


def test_invalid_title_is_refused_before_anything_is_written(cast, meeting):
    before = stored_files()
    with pytest.raises(ValidationError):
        attachment_upload(
            meeting_id=meeting.pk,
            actor=cast.secretary,
            uploaded=SimpleUploadedFile("a.pdf", PDF),
            title="x" * 301,
        )
    assert not Attachment.objects.exists()
    assert stored_files() == before


def test_failure_after_the_file_is_written_leaves_nothing_behind(meeting):
    """An administrator account that was never saved passes the permission check,
    but the row cannot be saved: the file already written is removed again."""
    from council.models import User

    unsaved_admin = User(username="tillfällig", is_superuser=True)
    before = stored_files()
    with pytest.raises(ValueError, match="unsaved related object"):
        attachment_upload(
            meeting_id=meeting.pk,
            actor=unsaved_admin,
            uploaded=SimpleUploadedFile("a.pdf", PDF),
        )
    assert not Attachment.objects.exists()
    assert stored_files() == before


def test_item_of_another_meeting_is_refused(cast, meeting):
    from tests.factories import AgendaItemFactory

    foreign = AgendaItemFactory()
    with pytest.raises(ValidationError, match="hör inte till mötet"):
        attachment_upload(
            meeting_id=meeting.pk,
            actor=cast.secretary,
            uploaded=SimpleUploadedFile("a.pdf", PDF),
            agenda_item_id=foreign.pk,
        )


def test_delete_removes_row_and_file_and_is_logged_after_kallelse(
    cast, meeting, django_capture_on_commit_callbacks
):
    from meetings.services.notice import notice_send

    with django_capture_on_commit_callbacks(execute=True):
        notice_send(meeting_id=meeting.pk, actor=cast.secretary)
    attachment = attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("a.pdf", PDF),
        title="Budget",
        is_public=True,
    )
    path = Path(attachment.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(attachment_id=attachment.pk, actor=cast.secretary)
    assert not Attachment.objects.exists()
    assert not path.exists()
    assert list(
        MeetingChange.objects.filter(meeting=meeting).values_list(
            "description", flat=True
        )
    ) == ["Ny bilaga till mötet: Budget", "Bilagan ”Budget” är borttagen"]
