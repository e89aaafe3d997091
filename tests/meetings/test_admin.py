"""The meetings' and protokoll's back office: uploads keep their file facts, a
justerat protokoll never changes, and the database keeps attendance and § numbers
unique. (The workflow's states: tests/test_admin_workflow.py.)
"""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Meeting,
    Paragraph,
    Protocol,
)
from tests import factories
from tests.admin_helpers import (
    admin_url,
    form_data,
    form_errors,
)
from tests.upload_files import (
    PDF,
    PDF_JAVASCRIPT,
    PDF_LAUNCH,
    office_file,
    pdf_document,
)


@pytest.mark.django_db
def test_admin_upload_records_file_facts(staff_client, superuser):
    """An attachment uploaded in the admin records its original name, the type the
    server found (not the browser's), size, fingerprint and uploader; the stored
    file name reveals nothing."""
    meeting = factories.MeetingFactory()
    content = pdf_document(note="Kallelse")
    data = form_data(staff_client.get(admin_url(Attachment, "add")), Attachment)
    data.update(meeting=[str(meeting.pk)], title=["Kallelse"], is_public=["on"])
    data["file"] = SimpleUploadedFile(
        "Kallelse SSR 2026.pdf", content, content_type="text/html"
    )

    response = staff_client.post(admin_url(Attachment, "add"), data)

    assert response.status_code == 302, form_errors(response)
    attachment = Attachment.objects.get(meeting=meeting)
    assert attachment.original_name == "Kallelse SSR 2026.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.uploaded_by == superuser
    assert "Kallelse" not in attachment.file.name
    assert attachment.file.read() == content


@pytest.mark.django_db
def test_admin_shortens_a_long_file_name(staff_client):
    """A name longer than the file field's 100 characters is shortened, not
    refused."""
    meeting = factories.MeetingFactory()
    data = form_data(staff_client.get(admin_url(Attachment, "add")), Attachment)
    data.update(meeting=[str(meeting.pk)], title=["Underlag"])
    data["file"] = SimpleUploadedFile("Underlag för Örebro län " * 10 + ".pdf", PDF)

    response = staff_client.post(admin_url(Attachment, "add"), data)

    assert response.status_code == 302, form_errors(response)
    name = Attachment.objects.get(meeting=meeting).original_name
    assert len(name) <= 100
    assert name.startswith("Underlag för Örebro län") and name.endswith(".pdf")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kallelse.pdf", PDF_JAVASCRIPT, "innehåller JavaScript"),
        ("budget.xlsm", office_file("xl/"), "innehåller makron"),
    ],
)
def test_admin_refuses_what_the_pages_refuse(staff_client, name, content, message):
    """The admin passes the same checks as the pages: the file field says why."""
    meeting = factories.MeetingFactory()
    data = form_data(staff_client.get(admin_url(Attachment, "add")), Attachment)
    data.update(meeting=[str(meeting.pk)], title=["Kallelse"])
    data["file"] = SimpleUploadedFile(name, content)

    response = staff_client.post(admin_url(Attachment, "add"), data)

    assert response.status_code == 200
    [error] = form_errors(response)["form"]["file"]
    assert message in error
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_admin_meeting_inline_checks_uploads(staff_client):
    """An attachment added beside the meeting (an inline) is checked as well."""
    meeting = factories.MeetingFactory()
    url = admin_url(Meeting, "change", meeting.pk)
    data = form_data(staff_client.get(url), Meeting)
    prefix = "attachments"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": ["1"],
            f"{prefix}-0-title": ["Bilaga"],
            f"{prefix}-0-file": SimpleUploadedFile("bilaga.pdf", PDF_LAUNCH),
        }
    )

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "startar andra program" in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_admin_keeps_a_justerat_protokoll_unchanged(staff_client):
    """Once a protokoll is justerat nothing of it changes in the admin: it and its
    paragraphs can be viewed, and a save is refused rather than failing."""
    protocol = factories.ProtocolFactory(state=Protocol.State.JUSTERAT)
    paragraph = factories.ParagraphFactory(protocol=protocol)

    url = admin_url(Protocol, "change", protocol.pk)
    page = staff_client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert staff_client.post(url, {"justering_place": "Nora"}).status_code == 403
    paragraph_url = admin_url(Paragraph, "change", paragraph.pk)
    assert staff_client.get(paragraph_url).status_code == 200
    response = staff_client.post(paragraph_url, {"heading": "Ändrad"})
    assert response.status_code == 403
    paragraph.refresh_from_db()
    assert paragraph.heading == "Val av justerare"


@pytest.mark.django_db
def test_admin_save_of_protokoll_counts_up_its_version_counter(staff_client):
    """Saving a protokoll in the admin raises its lock_version by one, so that
    someone editing it elsewhere notices."""
    protocol = factories.ProtocolFactory(lock_version=4)
    url = admin_url(Protocol, "change", protocol.pk)
    data = form_data(staff_client.get(url), Protocol)
    data["justering_place"] = ["Karlskoga"]

    response = staff_client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    protocol.refresh_from_db()
    assert protocol.justering_place == "Karlskoga"
    assert protocol.lock_version == 5


@pytest.mark.django_db
def test_admin_cannot_revert_a_justerat_protokoll(staff_client):
    """A justerat protokoll cannot be reverted to the draft it was."""
    protocol = factories.ProtocolFactory(state=Protocol.State.DRAFT)
    draft = protocol.history.get()
    protocol.state = Protocol.State.JUSTERAT
    protocol.save()
    url = reverse(
        "admin:meetings_protocol_simple_history", args=[protocol.pk, draft.history_id]
    )

    page = staff_client.get(url)
    assert page.status_code == 200
    assert page.context["revert_disabled"] is True
    data = form_data(page, Protocol.history.model)
    assert staff_client.post(url, data).status_code == 403
    protocol.refresh_from_db()
    assert protocol.state == Protocol.State.JUSTERAT


@pytest.mark.django_db
def test_admin_refuses_the_same_person_twice_in_attendance(staff_client):
    """Listing one person twice on a meeting's attendance gives a form error, not a
    database error."""
    meeting = factories.MeetingFactory()
    person = factories.PersonFactory()
    url = admin_url(Meeting, "change", meeting.pk)
    data = form_data(staff_client.get(url), Meeting)
    data["attendances-TOTAL_FORMS"] = ["2"]
    for index in range(2):
        data.update(
            {
                f"attendances-{index}-meeting": [str(meeting.pk)],
                f"attendances-{index}-person": [str(person.pk)],
                f"attendances-{index}-role": [Attendance.Role.MEMBER],
                f"attendances-{index}-order": [str(index)],
                f"attendances-{index}-present": ["on"],
            }
        )

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "finns med två gånger i närvarolistan" in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_database_rejects_duplicate_paragraph_number():
    """Two paragraphs of one protokoll cannot have the same number."""
    protocol = factories.ProtocolFactory()
    Paragraph.objects.create(protocol=protocol, order=1, number=5, heading="Första")
    with pytest.raises(IntegrityError), transaction.atomic():
        Paragraph.objects.create(protocol=protocol, order=2, number=5, heading="Andra")
    # Paragraphs not yet numbered do not collide.
    Paragraph.objects.create(protocol=protocol, order=3, number=None, heading="A")
    Paragraph.objects.create(protocol=protocol, order=4, number=None, heading="B")


# After the kallelse ------------------------------------------------------------------


@pytest.fixture
def called_meeting():
    return factories.MeetingFactory(
        state=Meeting.State.CALLED, notice_sent_at=timezone.now()
    )


@pytest.mark.django_db
def test_the_dagordning_told_in_the_kallelse_changes_only_in_the_portal(
    staff_client, called_meeting
):
    """After the kallelse an agenda item is not changed, added or deleted in the
    admin (the portal records the change and can send a tillägg); the meeting's
    page shows its items read-only."""
    item = factories.AgendaItemFactory(meeting=called_meeting, title="Budget")

    change = admin_url(AgendaItem, "change", item.pk)
    assert staff_client.post(change, {"title": "Ändrad"}).status_code == 403
    delete = admin_url(AgendaItem, "delete", item.pk)
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    add = admin_url(AgendaItem, "add")
    data = form_data(staff_client.get(add), AgendaItem)
    data.update(meeting=[str(called_meeting.pk)], title=["Ny punkt"], order=["9"])
    refused = staff_client.post(add, data)
    assert refused.status_code == 200
    assert "Kallelsen till mötet är skickad" in refused.content.decode()

    page = staff_client.get(admin_url(Meeting, "change", called_meeting.pk))
    [agenda] = [
        inline
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.model is AgendaItem
    ]
    assert not agenda.has_add_permission and not agenda.has_change_permission
    item.refresh_from_db()
    assert item.title == "Budget"
    assert list(called_meeting.agenda_items.values_list("title", flat=True)) == [
        "Budget"
    ]


@pytest.mark.django_db
def test_a_handling_may_still_be_made_public_after_the_kallelse(
    staff_client, called_meeting
):
    """The file stays as told; whether it is public may still change."""
    attachment = factories.AttachmentFactory(meeting=called_meeting, is_public=False)
    url = admin_url(Attachment, "change", attachment.pk)
    page = staff_client.get(url)
    assert set(page.context["adminform"].form.fields) == {
        "title",
        "is_public",
        "history_reason",
    }
    data = form_data(page, Attachment)
    data["is_public"] = ["on"]

    response = staff_client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    attachment.refresh_from_db()
    assert attachment.is_public
