"""No active content gets in as a bilaga, whichever way it comes (the meeting page,
the protokoll editor, the service), and whatever is stored is only ever served as
a download with the type the server decided."""

from __future__ import annotations

from pathlib import Path

import pytest
import weasyprint
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.models import Attachment
from meetings.services.attachments import attachment_upload
from tests import factories
from tests import upload_files as files
from tests.meetings.protocol.test_editor import paragraph, with_file

pytestmark = pytest.mark.django_db


def stored_files() -> set[Path]:
    return {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


def upload(client, meeting, name: str, data: bytes, title: str = "Budget 2027"):
    return client.post(
        f"/moten/{meeting.pk}/bilagor/ny/",
        {"title": title, "file": SimpleUploadedFile(name, data)},
    )


HOSTILE = [
    ("budget.pdf", files.PDF_JAVASCRIPT, "innehåller JavaScript och tas inte emot"),
    ("budget.pdf", files.pdf_with_javascript_in_object_stream(), "JavaScript"),
    ("budget.pdf", files.PDF_LAUNCH, "startar andra program"),
    ("budget.pdf", files.PDF_EMBEDDED, "Filer som hör till laddar du upp var"),
    ("budget.pdf", files.PDF_POLYGLOT, "innehåller kod för webbsidor (HTML)"),
    ("budget.pdf", files.HTML_THEN_PDF, "innehåller kod för webbsidor (HTML)"),
    (
        "budget.docx",
        files.office_file(parts={"word/vbaProject.bin": b"VBA"}),
        "innehåller makron",
    ),
    ("budget.docm", files.DOCX, "innehåller makron"),
    ("budget.doc", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(512), "äldre Office"),
    (
        "budget.docx",
        files.swollen_office_file(101 * 1024 * 1024),
        "när den packas upp; mer än 100,0\xa0MB tas inte emot",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), HOSTILE)
def test_hostile_files_are_refused_on_the_meeting_page(
    client, cast, meeting, name, data, message
):
    """The secretary gets the reason in Swedish beside the file field, the title
    typed stays, and nothing is saved or stored."""
    before = stored_files()
    client.force_login(cast.secretary)

    response = upload(client, meeting, name, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f"”{name}”" in page or name.endswith(".docm")
    assert 'value="Budget 2027"' in page
    assert not Attachment.objects.exists()
    assert stored_files() == before


def test_benign_files_pass_on_the_meeting_page(client, cast, meeting):
    client.force_login(cast.secretary)
    pdf = weasyprint.HTML(string="<h1>Budget för Örebro län</h1>").write_pdf()

    assert upload(client, meeting, "budget.pdf", pdf).status_code == 302
    assert upload(client, meeting, "budget.docx", files.DOCX).status_code == 302
    assert sorted(Attachment.objects.values_list("content_type", flat=True)) == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]


def test_a_thousand_character_file_name_is_shortened_not_refused(client, cast, meeting):
    """A browser sends the name whole; the upload goes through and keeps a
    readable name of at most 100 characters, Swedish letters and extension kept."""
    client.force_login(cast.secretary)
    name = ("Protokollsutdrag för Gymnasiesamverkan i Örebro län " * 20)[:996]
    body, content_type = files.multipart_upload(
        {"title": "", "agenda_item": "", "is_public": ""},
        name=name + ".pdf",
        data=files.PDF,
    )

    response = client.post(
        f"/moten/{meeting.pk}/bilagor/ny/", body, content_type=content_type
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert len(attachment.original_name) <= 100
    assert attachment.original_name.startswith("Protokollsutdrag för Gymnasie")
    assert attachment.original_name.endswith(".pdf")
    assert attachment.title == attachment.original_name.removesuffix(".pdf")
    assert len(attachment.file.name) <= Attachment._meta.get_field("file").max_length


def test_a_long_name_on_a_refused_file_gets_the_form_back(client, cast, meeting):
    client.force_login(cast.secretary)
    body, content_type = files.multipart_upload(
        {"title": "Budget 2027"}, name="å" * 1000 + ".pdf", data=files.PDF_LAUNCH
    )

    response = client.post(
        f"/moten/{meeting.pk}/bilagor/ny/", body, content_type=content_type
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "startar andra program" in page
    assert 'value="Budget 2027"' in page


def test_hostile_file_is_refused_in_the_protocol_editor(client, cast, draft):
    target = paragraph(draft)
    client.force_login(cast.secretary)

    response = client.post(
        f"/protokoll/{draft.pk}/utkast/",
        with_file(
            draft,
            target,
            "underlag.pdf",
            files.PDF_JAVASCRIPT,
            attachment_title="Viktigt underlag",
        ),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "innehåller JavaScript" in page
    assert 'value="Viktigt underlag"' in page
    assert "Ordföranden hälsar välkomna." in page
    assert not Attachment.objects.exists()


def test_the_service_refuses_macros_whoever_calls_it(cast, meeting):
    before = stored_files()
    with pytest.raises(ValidationError, match="innehåller makron"):
        attachment_upload(
            meeting_id=meeting.pk,
            actor=cast.secretary,
            uploaded=SimpleUploadedFile(
                "budget.xlsx",
                files.office_file("xl/", parts={"xl/vbaProject.bin": b"VBA"}),
                content_type="application/vnd.ms-excel",
            ),
        )
    assert not Attachment.objects.exists()
    assert stored_files() == before


def test_downloads_are_attachments_with_the_servers_type(client, cast, meeting):
    """Every bilaga is a download, not to be sniffed or run, its type the one the
    server decided on upload."""
    attachment = attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("budget.pdf", files.PDF, content_type="text/html"),
    )
    client.force_login(cast.secretary)

    response = client.get(f"/moten/{meeting.pk}/bilagor/{attachment.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="budget.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == files.PDF


def test_a_stored_type_the_server_never_decided_is_served_as_plain_bytes(
    client, cast, meeting
):
    """A row whose type came from an upload's header (as the admin once kept it)
    is not served as a web page."""
    attachment = factories.AttachmentFactory(
        meeting=meeting, content_type="text/html", original_name="sida.html"
    )
    client.force_login(cast.secretary)

    response = client.get(f"/moten/{meeting.pk}/bilagor/{attachment.pk}/")

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_request_too_odd_to_read_gets_a_swedish_page(client, cast, meeting):
    """Beyond what can be read at all (a name of ten thousand characters) the
    answer is still a page in Swedish, not a bare 400."""
    client.force_login(cast.secretary)
    body, content_type = files.multipart_upload(
        {"title": "Budget 2027"}, name="a" * 10_000 + ".pdf", data=files.PDF
    )

    response = client.post(
        f"/moten/{meeting.pk}/bilagor/ny/", body, content_type=content_type
    )

    assert response.status_code == 400
    assert "Felaktig begäran" in response.content.decode()
    assert not Attachment.objects.exists()
