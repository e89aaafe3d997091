"""Justering: sending for justering, ändringsförslag, each signer's justering with
the password, the overview of who has not justerat, and reminders.
"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from meetings.documents.content import content_sha256
from meetings.models import Justering, Meeting, ParagraphComment, Protocol
from meetings.services.protocol import drafting
from meetings.services.protocol.justering import (
    protocol_comment,
    protocol_justera,
    protocol_send_to_justering,
)
from meetings.services.protocol.notifications import justering_reminders
from tests.meetings.helpers import (
    ODD_NUMBERS,
    editor_post,
    editor_values,
    justera_all,
    save_draft,
)

pytestmark = pytest.mark.django_db


def test_sending_for_justering_fixes_numbers(draft, cast):
    protocol = protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)
    assert protocol.state == Protocol.State.IN_JUSTERING
    numbers = list(protocol.paragraphs.order_by("order").values_list("number", flat=1))
    assert numbers == [1, 2, 3, 4, 5]


def test_send_notifies_chair_and_justerare_with_link_and_deadline(
    draft, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([cast.chair.email, cast.member.email])
    body = mail.outbox[0].body
    assert f"/protokoll/{draft.pk}/granska/" in body
    deadline = draft.meeting.justering_deadline
    assert f"{deadline.day} " in body and str(deadline.year) in body


def test_a_protokoll_in_justering_cannot_be_edited(in_justering, cast):
    with pytest.raises(ValidationError, match="för justering"):
        save_draft(cast, in_justering, paragraphs=[], place="")


def test_comments_send_it_back_and_numbers_stay(
    in_justering, cast, django_capture_on_commit_callbacks
):
    paragraph = in_justering.paragraphs.get(number=4)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        protocol_comment(
            protocol_id=in_justering.pk,
            actor=cast.member,
            comments={paragraph.pk: "Lägg till ORU."},
        )
    protocol = Protocol.objects.get(pk=in_justering.pk)
    assert protocol.state == Protocol.State.DRAFT
    assert paragraph.comments.get().text == "Lägg till ORU."
    assert [m.to for m in mail.outbox] == [[cast.secretary.email]]
    # A numbered paragraph keeps its number: it cannot be removed or moved.
    with pytest.raises(ValidationError, match="återanvänds aldrig"):
        drafting.protocol_paragraph_delete(
            paragraph_id=paragraph.pk, actor=cast.secretary
        )
    # A new paragraph gets the next free number when sent again.
    drafting.protocol_paragraph_add(protocol_id=protocol.pk, actor=cast.secretary)
    protocol_send_to_justering(protocol_id=protocol.pk, actor=cast.secretary)
    numbers = list(protocol.paragraphs.order_by("order").values_list("number", flat=1))
    assert numbers == [1, 2, 3, 4, 5, 6]
    paragraph.comments.get(resolved_at__isnull=False)


def test_only_signers_comment_and_justera(in_justering, cast):
    for user in (cast.secretary, cast.substitute, cast.outsider, cast.admin):
        with pytest.raises(PermissionDenied):
            protocol_justera(protocol_id=in_justering.pk, actor=user)
        with pytest.raises(PermissionDenied):
            protocol_comment(protocol_id=in_justering.pk, actor=user, comments={1: "x"})


def test_justering_records_who_when_and_the_hash_and_locks_at_the_end(
    in_justering, cast
):
    digest = content_sha256(in_justering)
    protocol = protocol_justera(protocol_id=in_justering.pk, actor=cast.chair)
    assert protocol.state == Protocol.State.IN_JUSTERING
    with pytest.raises(ValidationError, match="redan justerat"):
        protocol_justera(protocol_id=in_justering.pk, actor=cast.chair)
    protocol = protocol_justera(protocol_id=in_justering.pk, actor=cast.member)
    assert protocol.state == Protocol.State.JUSTERAT
    assert protocol.content_sha256 == digest
    assert protocol.justering_date == timezone.localdate()
    rows = Justering.objects.filter(protocol=protocol).order_by("role")
    assert {(j.role, j.person, j.user, j.content_sha256) for j in rows} == {
        (Justering.Role.JUSTERARE, cast.member.person, cast.member, digest),
        (Justering.Role.CHAIR, cast.chair.person, cast.chair, digest),
    }


def test_a_justering_of_old_text_must_be_done_again(in_justering, cast):
    protocol_justera(protocol_id=in_justering.pk, actor=cast.chair)
    paragraph = in_justering.paragraphs.first()
    protocol_comment(
        protocol_id=in_justering.pk, actor=cast.member, comments={paragraph.pk: "Fel."}
    )
    protocol = Protocol.objects.get(pk=in_justering.pk)
    values = editor_values(protocol, **{paragraph.heading: "Rättad text."})
    save_draft(cast, protocol, paragraphs=values, place="")
    protocol_send_to_justering(protocol_id=protocol.pk, actor=cast.secretary)
    assert not Justering.objects.filter(protocol=protocol).exists()
    protocol = justera_all(cast, protocol)
    assert protocol.state == Protocol.State.JUSTERAT


def test_reminders_go_to_those_who_have_not_justerat(in_justering, cast):
    protocol_justera(protocol_id=in_justering.pk, actor=cast.chair)
    deadline = in_justering.meeting.justering_deadline
    mail.outbox.clear()
    assert justering_reminders(today=deadline - datetime.timedelta(days=10)) == 0
    assert justering_reminders(today=deadline - datetime.timedelta(days=2)) == 1
    assert mail.outbox[0].to == [cast.member.email]
    assert "Påminnelse" in mail.outbox[0].subject
    assert "om 2 dagar" in mail.outbox[0].body


def test_send_marks_a_called_meeting_held(draft, cast):
    meeting = draft.meeting
    meeting.state = Meeting.State.CALLED
    meeting.save()
    protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.HELD


def test_justering_needs_the_right_password(client, cast, in_justering):
    client.force_login(cast.chair)
    url = f"/protokoll/{in_justering.pk}/justera/"
    response = client.post(url, {"password": "fel", "confirm": "on"})
    assert response.status_code == 400
    assert "Lösenordet stämmer inte" in response.content.decode()
    assert not Justering.objects.filter(protocol=in_justering).exists()
    response = client.post(url, {"password": "pw", "confirm": "on"}, follow=True)
    assert "Det väntar på övriga justerare" in response.content.decode()
    client.force_login(cast.member)
    response = client.post(url, {"password": "pw", "confirm": "on"}, follow=True)
    assert "det är nu låst" in response.content.decode()
    assert Protocol.objects.get(pk=in_justering.pk).state == Protocol.State.JUSTERAT


def test_justerare_comments_and_later_sees_what_changed(client, cast, in_justering):
    paragraph = in_justering.paragraphs.get(number=4)
    client.force_login(cast.member)
    page = client.get(f"/protokoll/{in_justering.pk}/granska/").content.decode()
    assert f'name="comment_{paragraph.pk}"' in page
    client.post(
        f"/protokoll/{in_justering.pk}/andringsforslag/",
        {f"comment_{paragraph.pk}": "Skriv att Linda fortsätter."},
    )
    client.force_login(cast.secretary)
    page = client.get(f"/protokoll/{in_justering.pk}/utkast/").content.decode()
    assert "Skriv att Linda fortsätter." in page  # beside the paragraph
    client.post(
        f"/protokoll/{in_justering.pk}/utkast/",
        editor_post(
            Protocol.objects.get(pk=in_justering.pk),
            **{paragraph.heading: "Linda fortsätter driva frågan."},
        ),
    )
    client.post(f"/protokoll/{in_justering.pk}/skicka/", {"password": "pw"})
    assert Protocol.objects.get(pk=in_justering.pk).state == "for_justering"
    client.force_login(cast.member)
    page = client.get(f"/protokoll/{in_justering.pk}/granska/").content.decode()
    assert "Ändrat sedan ditt senaste ändringsförslag" in page
    assert "Linda fortsätter driva frågan." in page.split("Ändrat sedan")[1]


def test_comments_in_the_wrong_state_get_a_message(client, cast, draft):
    client.force_login(cast.member)
    paragraph = draft.paragraphs.first()
    response = client.post(
        f"/protokoll/{draft.pk}/andringsforslag/", {f"comment_{paragraph.pk}": "x"}
    )
    assert response.status_code == 400
    assert "ändringsförslag lämnas under justeringen" in response.content.decode()


def test_overview_shows_deadline_and_who_has_not_justerat(client, cast, in_justering):
    protocol_justera(protocol_id=in_justering.pk, actor=cast.chair)
    client.force_login(cast.secretary)
    page = client.get("/protokoll/oversikt/").content.decode()
    row = page.split(f'href="/moten/{in_justering.meeting_id}/"')[1].split("</tr>")[0]
    assert "För justering" in row
    assert f">{cast.member.person.name}</td>" in row
    assert "1 av 2 har justerat" in row
    deadline = in_justering.meeting.justering_deadline
    assert f'<time datetime="{deadline:%Y-%m-%d}">' in row
    client.force_login(cast.member)
    assert client.get("/protokoll/oversikt/").status_code == 403


def test_reminder_command(cast, in_justering):
    from django.core.management import call_command

    meeting = in_justering.meeting
    meeting.starts_at = timezone.now() - datetime.timedelta(days=13)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=3)
    meeting.save()
    mail.outbox.clear()
    call_command("remind_justering", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.chair.email, cast.member.email]
    )


@pytest.mark.parametrize("number", ODD_NUMBERS)
def test_odd_numbers_in_comments_never_give_a_500(client, cast, in_justering, number):
    client.force_login(cast.member)
    comment = client.post(
        f"/protokoll/{in_justering.pk}/andringsforslag/", {f"comment_{number}": "x"}
    )
    assert comment.status_code < 500


def test_a_nul_character_in_a_comment_gets_a_message_and_keeps_the_text(
    client, cast, in_justering
):
    """PostgreSQL cannot store NUL; the comment is refused with a message and the
    justerare's text is shown again."""
    client.force_login(cast.member)
    paragraph = in_justering.paragraphs.first()
    response = client.post(
        f"/protokoll/{in_justering.pk}/andringsforslag/",
        {f"comment_{paragraph.pk}": "Stryk\x00 meningen"},
    )
    assert response.status_code == 400
    assert "Stryk" in response.content.decode()
    assert not ParagraphComment.objects.filter(paragraph=paragraph).exists()
