"""No personnummer in the dagordning, the attachments' titles and names, or a
published protokoll: refused on the secretary's pages, in the services and in the
admin, with a Swedish message that keeps what was typed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from council.models import ItemKind
from meetings.models import AgendaItem, Attachment
from meetings.services import agenda_template, planning
from meetings.services.attachments import attachment_upload
from meetings.services.protocol.attachments import paragraph_attachment_upload
from tests import factories
from tests.admin_helpers import admin_url, form_data
from tests.upload_files import PDF

pytestmark = pytest.mark.django_db

REFUSED = "ser ut som ett personnummer"
NEVER = "Personnummer får aldrig publiceras"


# Agenda items ----------------------------------------------------------------------


def test_new_item_with_a_personnummer_is_refused_and_keeps_what_was_typed(
    client, cast, meeting
):
    client.force_login(cast.secretary)
    before = meeting.agenda_items.count()
    response = client.post(
        f"/moten/{meeting.pk}/punkter/ny/",
        {
            "title": "Ansökan om bidrag",
            "kind": ItemKind.DECISION,
            "presenter": "Eva Sund",
            "text": "Sökande: Anna Berg, 19121212–1212, Kumla.",
            "is_public": "on",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert REFUSED in page and NEVER in page
    assert "19121212–1212" in page
    assert "Ansökan om bidrag" in page and "Eva Sund" in page
    assert meeting.agenda_items.count() == before


def test_edited_item_with_a_personnummer_in_the_title_is_refused(client, cast, meeting):
    item = meeting.agenda_items.order_by("order").first()
    client.force_login(cast.secretary)
    response = client.post(
        f"/moten/{meeting.pk}/punkter/{item.pk}/",
        {"title": "Anmälan 20101010 1234", "kind": ItemKind.INFORMATION},
    )
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert 'value="Anmälan 20101010 1234"' in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Mötet öppnas"


def test_item_with_dates_phone_numbers_and_dnr_is_saved(client, cast, meeting):
    client.force_login(cast.secretary)
    response = client.post(
        f"/moten/{meeting.pk}/punkter/ny/",
        {
            "title": "Handlingsplan 2020–2024",
            "kind": ItemKind.INFORMATION,
            "text": "Dnr RS 2018/00123-12345, frågor till 019-602 10 00.",
        },
    )
    assert response.status_code == 302
    assert AgendaItem.objects.filter(title="Handlingsplan 2020–2024").exists()


@pytest.mark.parametrize("field", ["title", "text", "presenter"])
def test_services_refuse_a_personnummer_in_an_item(cast, meeting, field):
    fields = {"title": "Rapport", "text": "", "presenter": ""}
    fields[field] = "Gäller 811218-9876."
    with pytest.raises(ValidationError) as caught:
        planning.agenda_item_create(
            meeting_id=meeting.pk, actor=cast.secretary, **fields
        )
    assert list(caught.value.message_dict) == [field]
    item = meeting.agenda_items.first()
    with pytest.raises(ValidationError):
        planning.agenda_item_update(item_id=item.pk, actor=cast.secretary, **fields)
    item.refresh_from_db()
    assert "811218-9876" not in item.title + item.text + item.presenter


def test_agenda_template_refuses_a_personnummer(cast):
    with pytest.raises(ValidationError, match=REFUSED):
        agenda_template.agenda_template_item_create(
            body_id=cast.body.pk,
            actor=cast.secretary,
            title="Anmälan",
            text="811218-9876",
            kind=ItemKind.FORMALIA,
        )


def test_admin_refuses_a_personnummer_in_an_agenda_item(staff_client, meeting):
    item = meeting.agenda_items.order_by("order").first()
    url = admin_url(AgendaItem, "change", item.pk)
    data = form_data(staff_client.get(url), AgendaItem)
    data["text"] = ["Pnr 121212+1212"]
    response = staff_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert REFUSED in errors["text"][0]
    item.refresh_from_db()
    assert "1212" not in item.text


# Attachments -----------------------------------------------------------------------


def upload(client, meeting, name: str, title: str = ""):
    return client.post(
        f"/moten/{meeting.pk}/bilagor/ny/",
        {"title": title, "file": SimpleUploadedFile(name, PDF), "is_public": "on"},
    )


def test_attachment_title_with_a_personnummer_is_refused(client, cast, meeting):
    client.force_login(cast.secretary)
    response = upload(client, meeting, "ansokan.pdf", title="Ansökan 850709-1232")
    assert response.status_code == 400
    page = response.content.decode()
    assert REFUSED in page
    assert 'value="Ansökan 850709-1232"' in page
    assert not Attachment.objects.exists()


def test_attachment_file_name_with_a_personnummer_is_refused(client, cast, meeting):
    """Without a title the file's name is the title; it may not hold one either."""
    client.force_login(cast.secretary)
    response = upload(client, meeting, "Intyg 8507691239.pdf", title="Intyg")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Filnamnet innehåller något som ser ut som ett personnummer" in page
    assert 'value="Intyg"' in page
    assert not Attachment.objects.exists()


def test_attachment_services_refuse_a_personnummer(cast, meeting, draft):
    with pytest.raises(ValidationError, match=REFUSED):
        attachment_upload(
            meeting_id=meeting.pk,
            actor=cast.secretary,
            uploaded=SimpleUploadedFile("a.pdf", PDF),
            title="Intyg för 811218-9876",
        )
    with pytest.raises(ValidationError, match="Filnamnet"):
        attachment_upload(
            meeting_id=meeting.pk,
            actor=cast.secretary,
            uploaded=SimpleUploadedFile("811218-9876.pdf", PDF),
        )
    paragraph = draft.paragraphs.order_by("order").first()
    with pytest.raises(ValidationError, match=REFUSED):
        paragraph_attachment_upload(
            paragraph_id=paragraph.pk,
            actor=cast.secretary,
            uploaded=SimpleUploadedFile("a.pdf", PDF),
            title="Intyg 811218-9876",
        )
    assert not Attachment.objects.exists()
    attachment = attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("Budget 2018-2019.pdf", PDF),
    )
    assert attachment.title == "Budget 2018-2019"


def test_admin_refuses_a_personnummer_in_an_attachment(staff_client):
    meeting = factories.MeetingFactory()
    data = form_data(staff_client.get(admin_url(Attachment, "add")), Attachment)
    data.update(meeting=[str(meeting.pk)], title=["Intyg 811218-9876"])
    data["file"] = SimpleUploadedFile(
        "Intyg 121212-1212.pdf", PDF, content_type="application/pdf"
    )
    response = staff_client.post(admin_url(Attachment, "add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert REFUSED in errors["title"][0]
    assert "Filnamnet" in errors["file"][0]
    assert not Attachment.objects.exists()
