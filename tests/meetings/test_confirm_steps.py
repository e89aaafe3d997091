"""Serious actions ask first: a POST without `confirm` shows what will happen and
to whom and changes nothing; the POST with `confirm` does it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from icalendar import Calendar

from council.models import AgendaTemplateItem
from meetings.models import AgendaItem, Attachment, Meeting, NoticeDispatch, Protocol
from meetings.services.attachments import attachment_upload
from meetings.services.notice import notice_send
from meetings.services.planning import meeting_cancel
from meetings.services.protocol.justering import protocol_send_to_justering
from tests import factories
from tests.meetings.helpers import justera_all
from tests.upload_files import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def called(cast, meeting, django_capture_on_commit_callbacks) -> Meeting:
    with django_capture_on_commit_callbacks(execute=True):
        notice_send(meeting_id=meeting.pk, actor=cast.secretary)
    mail.outbox.clear()
    meeting.refresh_from_db()
    return meeting


def page(response) -> str:
    return response.content.decode()


# Ställ in mötet --------------------------------------------------------------------


def test_the_first_step_of_cancelling_asks_for_a_reason_and_changes_nothing(
    client, cast, called
):
    """The page asks why and names everyone who will be told; the meeting stays
    called and no e-mail goes out."""
    factories.MembershipFactory(
        body=cast.body, person=factories.PersonFactory(name="Utan Adress", email="")
    )
    client.force_login(cast.secretary)
    response = client.post(f"/moten/{called.pk}/stall-in/")
    html = page(response)
    assert response.status_code == 200
    assert 'name="reason"' in html and 'name="confirm"' in html
    assert "ledamot@example.se" in html
    assert "Utan Adress" in html and "saknar e-postadress" in html
    called.refresh_from_db()
    assert called.state == Meeting.State.CALLED
    assert called.cancel_reason == ""
    assert not mail.outbox


def test_cancelling_without_a_reason_is_refused_at_the_field(client, cast, meeting):
    client.force_login(cast.secretary)
    response = client.post(
        f"/moten/{meeting.pk}/stall-in/", {"confirm": "ja", "reason": "  "}
    )
    assert response.status_code == 400
    html = page(response)
    assert "Skriv varför mötet ställs in." in html
    assert 'aria-invalid="true"' in html
    assert 'class="error-summary"' in html
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PLANNED


def test_a_refused_reason_keeps_what_was_typed(client, cast, meeting):
    """A reason that would publish a personnummer is refused; the text stays."""
    client.force_login(cast.secretary)
    reason = "Ordföranden 19121212-1212 är sjuk."
    response = client.post(
        f"/moten/{meeting.pk}/stall-in/", {"confirm": "ja", "reason": reason}
    )
    assert response.status_code == 400
    assert reason in page(response)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PLANNED


def test_cancelling_stores_the_reason_and_tells_everyone_called(
    client, cast, called, django_capture_on_commit_callbacks
):
    """After the kallelse, everyone called gets the reason by e-mail; the public
    and the members see it on the meeting page and in the calendar."""
    client.force_login(cast.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/moten/{called.pk}/stall-in/",
            {"confirm": "ja", "reason": "För få ledamöter kan komma."},
            follow=True,
        )
    assert "Mötet är inställt" in page(response)
    called.refresh_from_db()
    assert called.state == Meeting.State.CANCELLED
    assert called.cancel_reason == "För få ledamöter kan komma."
    reasons = list(called.history.values_list("history_change_reason", flat=True))
    assert reasons[:2] == ["Tillägg till kallelsen skickat", "Mötet inställt"]
    assert NoticeDispatch.objects.filter(
        meeting=called, kind=NoticeDispatch.Kind.SUPPLEMENT
    ).exists()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ersattare2@example.se",
        "ersattare@example.se",
        "ledamot@example.se",
        "ordf@example.se",
    ]
    assert all("Skäl: För få ledamöter kan komma." in m.body for m in mail.outbox)

    client.force_login(cast.member)
    assert "För få ledamöter kan komma." in page(client.get(f"/moten/{called.pk}/"))
    assert "Inställt</strong>: För få ledamöter kan komma." in page(
        client.get("/mina-moten/")
    )
    client.logout()
    assert "För få ledamöter kan komma." in page(client.get(f"/moten/{called.pk}/"))
    assert "Inställt</strong>: För få ledamöter kan komma." in page(
        client.get("/moten/")
    )
    feed = Calendar.from_ical(client.get("/kalender/srt.ics").content)
    [event] = feed.walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    assert str(event["summary"]).startswith("Inställt: ")
    assert "Skäl: För få ledamöter kan komma." in str(event["description"])


def test_cancelling_before_the_kallelse_tells_no_one_by_email(
    client, cast, meeting, django_capture_on_commit_callbacks
):
    client.force_login(cast.secretary)
    first = page(client.post(f"/moten/{meeting.pk}/stall-in/"))
    assert "ingen får något e-postmeddelande" in first
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/moten/{meeting.pk}/stall-in/", {"confirm": "ja", "reason": "Krockar."}
        )
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.CANCELLED
    assert meeting.cancel_reason == "Krockar."
    assert not mail.outbox


def test_the_service_refuses_a_cancellation_without_a_reason(cast, meeting):
    with pytest.raises(ValidationError, match="Skriv varför"):
        meeting_cancel(meeting_id=meeting.pk, actor=cast.secretary, reason=" ")
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PLANNED


def test_a_member_cannot_reach_the_cancel_step(client, cast, meeting):
    client.force_login(cast.member)
    assert client.post(f"/moten/{meeting.pk}/stall-in/").status_code == 403


# Kallelse and tillägg -------------------------------------------------------------


def test_the_first_step_of_the_kallelse_lists_recipients_and_sends_nothing(
    client, cast, meeting
):
    factories.MembershipFactory(
        body=cast.body, person=factories.PersonFactory(name="Utan Adress", email="")
    )
    client.force_login(cast.secretary)
    response = client.post(f"/moten/{meeting.pk}/kallelse/")
    html = page(response)
    assert response.status_code == 200
    for address in ("ordf@example.se", "ledamot@example.se", "ersattare@example.se"):
        assert address in html
    assert "Ersättare" in html and "Ledamot" in html
    assert "Utan Adress" in html and "saknar e-postadress" in html
    assert "Kallelsen som PDF" in html and ".ics" in html
    assert 'name="confirm"' in html
    meeting.refresh_from_db()
    assert meeting.notice_sent_at is None
    assert not mail.outbox
    assert not NoticeDispatch.objects.exists()


def test_the_kallelse_is_sent_with_confirm(
    client, cast, meeting, django_capture_on_commit_callbacks
):
    client.force_login(cast.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/moten/{meeting.pk}/kallelse/", {"confirm": "ja"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.notice_sent_at is not None
    assert len(mail.outbox) == 4


def test_the_kallelse_step_says_why_it_cannot_be_sent(client, cast, called):
    client.force_login(cast.secretary)
    html = page(client.post(f"/moten/{called.pk}/kallelse/"))
    assert "Kallelsen är redan skickad" in html
    assert 'name="confirm"' not in html


def test_the_first_step_of_a_tillagg_shows_it_and_sends_nothing(client, cast, called):
    client.force_login(cast.secretary)
    response = client.post(
        f"/moten/{called.pk}/tillagg/", {"message": "Vi bjuder på lunch."}
    )
    html = page(response)
    assert response.status_code == 200
    assert "Vi bjuder på lunch." in html  # kept, and editable
    assert "ledamot@example.se" in html
    assert 'name="confirm"' in html
    assert not mail.outbox
    assert not NoticeDispatch.objects.filter(
        kind=NoticeDispatch.Kind.SUPPLEMENT
    ).exists()


def test_the_tillagg_is_sent_with_confirm(
    client, cast, called, django_capture_on_commit_callbacks
):
    client.force_login(cast.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/moten/{called.pk}/tillagg/",
            {"message": "Vi bjuder på lunch.", "confirm": "ja"},
        )
    assert len(mail.outbox) == 4
    assert "Vi bjuder på lunch." in mail.outbox[0].body


# Ta bort ---------------------------------------------------------------------------


def test_the_first_step_of_removing_an_item_names_it_and_removes_nothing(
    client, cast, meeting
):
    item = meeting.agenda_items.get(title="Val av justerare")
    client.force_login(cast.secretary)
    html = page(client.post(f"/moten/{meeting.pk}/punkter/{item.pk}/ta-bort/"))
    assert "Ta bort punkt 2: ”Val av justerare”?" in html
    assert 'name="confirm"' in html
    assert AgendaItem.objects.filter(pk=item.pk).exists()

    client.post(f"/moten/{meeting.pk}/punkter/{item.pk}/ta-bort/", {"confirm": "ja"})
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_an_item_with_attachments_says_so_before_asking(client, cast, meeting):
    item = meeting.agenda_items.get(title="Val av justerare")
    attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("a.pdf", PDF),
        agenda_item_id=item.pk,
    )
    client.force_login(cast.secretary)
    html = page(client.post(f"/moten/{meeting.pk}/punkter/{item.pk}/ta-bort/"))
    assert "Punkten har bilagor" in html
    assert 'name="confirm"' not in html


def test_the_first_step_of_removing_an_attachment_names_it(client, cast, meeting):
    attachment = attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("budget.pdf", PDF),
        title="Budgetunderlag",
    )
    client.force_login(cast.secretary)
    url = f"/moten/{meeting.pk}/bilagor/{attachment.pk}/ta-bort/"
    html = page(client.post(url))
    assert "Ta bort bilagan ”Budgetunderlag”?" in html
    assert "budget.pdf" in html and "Hela mötet" in html
    assert Attachment.objects.filter(pk=attachment.pk).exists()

    client.post(url, {"confirm": "ja"})
    assert not Attachment.objects.filter(pk=attachment.pk).exists()


def test_the_first_step_of_removing_a_template_item_names_it(client, cast):
    item = AgendaTemplateItem.objects.get(body=cast.body, title="Övriga frågor")
    client.force_login(cast.secretary)
    url = f"/organ/srt/dagordningsmall/{item.pk}/ta-bort/"
    html = page(client.post(url))
    assert "Ta bort standardpunkten ”Övriga frågor”?" in html
    assert "möten som redan är planerade behåller sin dagordning" in html
    assert AgendaTemplateItem.objects.filter(pk=item.pk).exists()

    client.post(url, {"confirm": "ja"})
    assert not AgendaTemplateItem.objects.filter(pk=item.pk).exists()


# Publicera -------------------------------------------------------------------------


def test_the_first_step_of_publishing_says_what_becomes_public(client, cast, draft):
    closed = draft.paragraphs.get(heading="Godkännande av dagordning")
    closed.is_public = False
    closed.save()
    protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)
    justerat = justera_all(cast, Protocol.objects.get(pk=draft.pk))

    client.force_login(cast.secretary)
    response = client.post(f"/protokoll/{justerat.pk}/publicera/")
    html = page(response)
    assert response.status_code == 200
    public_part, withheld_part = html.split("Det här förblir inte offentligt")
    assert "Mötet öppnas" in public_part
    assert "Godkännande av dagordning" in withheld_part
    assert "Inte den signerade PDF:en" in public_part
    assert 'name="confirm"' in html
    assert Protocol.objects.get(pk=justerat.pk).state == Protocol.State.JUSTERAT

    client.post(f"/protokoll/{justerat.pk}/publicera/", {"confirm": "ja"})
    assert Protocol.objects.get(pk=justerat.pk).state == Protocol.State.PUBLISHED


def test_a_wholly_public_protokoll_publishes_its_signed_pdf(client, cast, justerat):
    client.force_login(cast.secretary)
    html = page(client.post(f"/protokoll/{justerat.pk}/publicera/"))
    assert "Det justerade protokollet som signerad PDF" in html
    assert "Allt i protokollet är offentligt." in html


def test_only_those_who_may_publish_see_the_publishing_step(client, cast, justerat):
    client.force_login(cast.chair)
    assert client.post(f"/protokoll/{justerat.pk}/publicera/").status_code == 403
    assert Protocol.objects.get(pk=justerat.pk).state == Protocol.State.JUSTERAT
