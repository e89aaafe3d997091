"""The secretary plans a meeting: template items, editing and reordering the
dagordning, the agenda template, and the warning about too few meetings."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from council.models import AgendaTemplateItem, ItemKind
from meetings.models import AgendaItem, Meeting
from meetings.services import planning
from meetings.services.attachments import attachment_upload
from tests.upload_files import PDF

pytestmark = pytest.mark.django_db


def titles(meeting: Meeting) -> list[str]:
    return list(meeting.agenda_items.order_by("order").values_list("title", flat=True))


def test_new_meeting_starts_from_the_body_template(client, cast, future):
    client.force_login(cast.secretary)
    response = client.post(
        "/organ/srt/nytt-mote/",
        {
            "date": future.date().isoformat(),
            "start": "09:00",
            "end": "12:00",
            "location": "Konferenslokal Lärken",
            "online_url": "https://moten.example.se/rum",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/moten/{meeting.pk}/planera/"
    assert titles(meeting) == [
        "Mötet öppnas",
        "Val av justerare",
        "Godkännande av dagordning",
        "Övriga frågor",
        "Mötet avslutas",
    ]
    assert meeting.local_start.hour == 9
    assert meeting.state == Meeting.State.PLANNED
    assert meeting.history.first().history_user == cast.secretary


def test_bad_meeting_input_keeps_what_was_typed(client, cast, future):
    client.force_login(cast.secretary)
    response = client.post(
        "/organ/srt/nytt-mote/",
        {
            "title": "Extra sammanträde",
            "date": future.date().isoformat(),
            "start": "12:00",
            "end": "09:00",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Mötet måste sluta efter att det börjar." in page
    assert "Ange en lokal, en adress eller en länk till ett digitalt möte." in page
    assert 'value="Extra sammanträde"' in page
    assert not Meeting.objects.exists()


def test_garbage_date_gets_a_swedish_message(client, cast):
    client.force_login(cast.secretary)
    response = client.post(
        "/organ/srt/nytt-mote/",
        {"date": "nästa fredag", "start": "9", "end": "x", "location": "Rum"},
    )
    assert response.status_code == 400
    assert "Ange datum som ÅÅÅÅ-MM-DD." in response.content.decode()


def test_items_are_added_before_ovriga_fragor_and_edited(client, cast, meeting):
    client.force_login(cast.secretary)
    response = client.post(
        f"/moten/{meeting.pk}/punkter/ny/",
        {
            "title": "Rapport från REKO",
            "kind": ItemKind.INFORMATION,
            "presenter": "Eva Sund",
            "text": "**Läget** i länet",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    assert titles(meeting)[3:5] == ["Rapport från REKO", "Övriga frågor"]
    item = AgendaItem.objects.get(title="Rapport från REKO")
    response = client.post(
        f"/moten/{meeting.pk}/punkter/{item.pk}/",
        {"title": "Rapport från REKO och GySam", "kind": ItemKind.DISCUSSION},
    )
    item.refresh_from_db()
    assert item.title == "Rapport från REKO och GySam"
    assert item.is_public is False
    assert item.history.first().history_change_reason == "Punkt ändrad"


def test_item_without_title_keeps_input_and_says_why(client, cast, meeting):
    client.force_login(cast.secretary)
    response = client.post(
        f"/moten/{meeting.pk}/punkter/ny/",
        {"title": "", "kind": ItemKind.INFORMATION, "presenter": "Eva Sund"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ange en rubrik." in page
    assert 'value="Eva Sund"' in page
    assert len(titles(meeting)) == 5


def test_items_move_up_and_down_with_buttons(client, cast, meeting):
    client.force_login(cast.secretary)
    second = meeting.agenda_items.get(title="Val av justerare")
    client.post(
        f"/moten/{meeting.pk}/punkter/{second.pk}/flytta/", {"direction": "upp"}
    )
    assert titles(meeting)[:2] == ["Val av justerare", "Mötet öppnas"]
    client.post(
        f"/moten/{meeting.pk}/punkter/{second.pk}/flytta/", {"direction": "ned"}
    )
    client.post(
        f"/moten/{meeting.pk}/punkter/{second.pk}/flytta/", {"direction": "ned"}
    )
    assert titles(meeting)[:3] == [
        "Mötet öppnas",
        "Godkännande av dagordning",
        "Val av justerare",
    ]
    assert list(meeting.agenda_items.values_list("order", flat=True)) == [1, 2, 3, 4, 5]
    # The first item cannot move further up; nothing changes.
    first = meeting.agenda_items.get(order=1)
    planning.agenda_item_move(item_id=first.pk, actor=cast.secretary, up=True)
    assert titles(meeting)[0] == "Mötet öppnas"


def test_delete_renumbers_and_refuses_item_with_attachments(client, cast, meeting):
    client.force_login(cast.secretary)
    item = meeting.agenda_items.get(title="Val av justerare")
    attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("a.pdf", PDF),
        agenda_item_id=item.pk,
    )
    response = client.post(
        f"/moten/{meeting.pk}/punkter/{item.pk}/ta-bort/",
        {"confirm": "ja"},
        follow=True,
    )
    assert "Punkten har bilagor" in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()

    other = meeting.agenda_items.get(title="Godkännande av dagordning")
    client.post(f"/moten/{meeting.pk}/punkter/{other.pk}/ta-bort/", {"confirm": "ja"})
    assert list(meeting.agenda_items.values_list("order", flat=True)) == [1, 2, 3, 4]


def test_planning_page_warns_when_too_few_meetings(client, cast, meeting):
    client.force_login(cast.secretary)
    page = client.get(f"/moten/{meeting.pk}/planera/").content.decode()
    year = meeting.local_start.year
    assert f"har 1 möte planerat {year}, men ska ha minst 4 möten" in page
    for weeks in (1, 2, 3):
        start = meeting.starts_at.replace(month=1, day=1) + datetime.timedelta(
            weeks=weeks
        )
        planning.meeting_create(
            body_id=cast.body.pk,
            actor=cast.secretary,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            location="Rum",
        )
    page = client.get(f"/moten/{meeting.pk}/planera/").content.decode()
    assert "ska ha minst 4 möten" not in page


def test_cancelled_meetings_do_not_count(cast, meeting):
    from meetings.selectors.meeting import meetings_planned_in_year

    year = meeting.local_start.year
    assert meetings_planned_in_year(body=cast.body, year=year) == 1
    planning.meeting_cancel(
        meeting_id=meeting.pk, actor=cast.secretary, reason="Ordföranden är sjuk."
    )
    assert meetings_planned_in_year(body=cast.body, year=year) == 0
    with pytest.raises(ValidationError, match="inte längre ändras"):
        planning.agenda_item_create(
            meeting_id=meeting.pk, actor=cast.secretary, title="X"
        )


@pytest.mark.parametrize("who", ["member", "substitute", "chair", "outsider"])
def test_only_secretary_and_admin_plan(cast, meeting, future, who):
    user = getattr(cast, who)
    with pytest.raises(PermissionDenied):
        planning.meeting_create(
            body_id=cast.body.pk,
            actor=user,
            starts_at=future,
            ends_at=future + datetime.timedelta(hours=1),
            location="Rum",
        )
    with pytest.raises(PermissionDenied):
        planning.agenda_item_create(meeting_id=meeting.pk, actor=user, title="X")


# Agenda template -----------------------------------------------------------------


def template_titles(body) -> list[str]:
    return list(
        AgendaTemplateItem.objects.filter(body=body)
        .order_by("order")
        .values_list("title", flat=True)
    )


def test_secretary_edits_the_agenda_template(client, cast):
    client.force_login(cast.secretary)
    assert client.get("/organ/srt/dagordningsmall/").status_code == 200
    response = client.post(
        "/organ/srt/dagordningsmall/",
        {"title": "Information från kansliet", "kind": ItemKind.INFORMATION},
    )
    assert response.status_code == 302
    assert template_titles(cast.body)[-1] == "Information från kansliet"
    added = AgendaTemplateItem.objects.get(title="Information från kansliet")
    for _ in range(2):
        client.post(
            f"/organ/srt/dagordningsmall/{added.pk}/flytta/", {"direction": "upp"}
        )
    assert template_titles(cast.body)[3] == "Information från kansliet"
    client.post(
        f"/organ/srt/dagordningsmall/{added.pk}/",
        {"title": "Information från sekretariatet", "kind": ItemKind.INFORMATION},
    )
    first = AgendaTemplateItem.objects.get(body=cast.body, order=1)
    client.post(f"/organ/srt/dagordningsmall/{first.pk}/ta-bort/", {"confirm": "ja"})
    assert template_titles(cast.body) == [
        "Val av justerare",
        "Godkännande av dagordning",
        "Information från sekretariatet",
        "Övriga frågor",
        "Mötet avslutas",
    ]
    assert list(
        AgendaTemplateItem.objects.filter(body=cast.body)
        .order_by("order")
        .values_list("order", flat=True)
    ) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_template_page_is_for_the_secretary(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get("/organ/srt/dagordningsmall/").status_code == 403
    response = client.post(
        "/organ/srt/dagordningsmall/", {"title": "X", "kind": ItemKind.INFORMATION}
    )
    assert response.status_code == 403
    assert len(template_titles(cast.body)) == 5
