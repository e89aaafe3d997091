"""The protokoll's use cases through their services: drafting, justering, locking,
publishing, anslag, corrections and the e-mail they send."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from meetings.documents.content import content_sha256
from meetings.models import Justering, Meeting, Notice, Paragraph, Protocol
from meetings.services.protocol import drafting
from meetings.services.protocol.base import (
    JUSTERARE_PLACEHOLDER,
    NEW_PARAGRAPH_HEADING,
    ProtocolConflict,
)
from meetings.services.protocol.correction import protocol_correct
from meetings.services.protocol.justering import (
    protocol_comment,
    protocol_justera,
    protocol_send_to_justering,
)
from meetings.services.protocol.notifications import justering_reminders
from meetings.services.protocol.publishing import anslag_dates, protocol_publish
from tests.meetings.protocol_fixtures import *  # noqa: F403 (fixtures)
from tests.meetings.protocol_fixtures import draft_for, editor_values, justera_all

pytestmark = pytest.mark.django_db


def test_a_draft_starts_from_the_dagordning(cast, meeting):
    """One paragraph per agenda item, in order; no numbers before justering."""
    protocol = drafting.protocol_create(meeting_id=meeting.pk, actor=cast.secretary)
    paragraphs = list(protocol.paragraphs.order_by("order"))
    assert [p.heading for p in paragraphs] == [
        "Mötet öppnas",
        "Val av justerare",
        "Godkännande av dagordning",
        "Övriga frågor",
        "Mötet avslutas",
    ]
    assert [p.agenda_item.order for p in paragraphs] == [1, 2, 3, 4, 5]
    # An agenda item's own text wins over the standard wording.
    assert paragraphs[0].text == "Ordföranden öppnar mötet."
    assert all(p.number is None for p in paragraphs)
    assert protocol.secretary == cast.secretary.person
    assert protocol.chair == cast.chair.person
    assert protocol.justering_date == meeting.justering_deadline


def test_standard_wording_fills_empty_standard_items(cast, meeting):
    """Items without text get "Mötet öppnas", "… väljs till justerare" and so on."""
    for item in meeting.agenda_items.all():
        item.text = ""
        item.save()
    protocol = drafting.protocol_create(meeting_id=meeting.pk, actor=cast.secretary)
    texts = list(protocol.paragraphs.order_by("order").values_list("text", flat=True))
    assert texts == [
        "Mötet öppnas.",
        JUSTERARE_PLACEHOLDER,
        "Dagordningen godkänns.",
        "",
        "Mötet avslutas.",
    ]


def test_choosing_justerare_fills_in_the_justerare_paragraph(cast, meeting):
    for item in meeting.agenda_items.all():
        item.text = ""
        item.save()
    protocol = draft_for(cast, meeting)
    paragraph = protocol.paragraphs.get(heading="Val av justerare")
    assert paragraph.text == f"{cast.member.person.name} väljs till justerare."


def test_only_the_secretary_starts_a_protokoll_and_only_once(cast, meeting):
    with pytest.raises(PermissionDenied):
        drafting.protocol_create(meeting_id=meeting.pk, actor=cast.member)
    drafting.protocol_create(meeting_id=meeting.pk, actor=cast.secretary)
    with pytest.raises(ValidationError, match="redan ett protokoll"):
        drafting.protocol_create(meeting_id=meeting.pk, actor=cast.secretary)


def test_justerare_must_have_been_present(cast, meeting):
    protocol = draft_for(cast, meeting)
    with pytest.raises(ValidationError, match="närvarande"):
        drafting.protocol_save_draft(
            protocol_id=protocol.pk,
            actor=cast.secretary,
            base_version=protocol.lock_version,
            chair_id=cast.chair.person.pk,
            justerare_ids=[cast.substitute.person.pk],
            justering_date=None,
            justering_place="",
            paragraphs=[],
        )


def test_two_saves_from_one_base_version_one_wins_and_nothing_is_lost(draft, cast):
    """The second save is refused with a conflict; the first one's text stays."""
    base = draft.lock_version
    first = editor_values(draft, **{"Övriga frågor": "Ingen övrig fråga."})
    second = editor_values(draft, **{"Övriga frågor": "Linda tar upp ORU."})
    kwargs = dict(
        protocol_id=draft.pk,
        actor=cast.secretary,
        base_version=base,
        chair_id=cast.chair.person.pk,
        justerare_ids=[cast.member.person.pk],
        justering_date=None,
        justering_place="Örebro",
    )
    drafting.protocol_save_draft(paragraphs=first, **kwargs)
    with pytest.raises(ProtocolConflict) as conflict:
        drafting.protocol_save_draft(paragraphs=second, **kwargs)
    assert "Någon annan har sparat" in conflict.value.messages[0]
    saved = draft.paragraphs.get(heading="Övriga frågor")
    assert saved.text == "Ingen övrig fråga."
    # Saving again from the new version works: the user's text is not lost.
    protocol = Protocol.objects.get(pk=draft.pk)
    drafting.protocol_save_draft(
        paragraphs=second, **{**kwargs, "base_version": protocol.lock_version}
    )
    saved.refresh_from_db()
    assert saved.text == "Linda tar upp ORU."


def test_paragraphs_are_added_moved_and_removed(draft, cast):
    new = drafting.protocol_paragraph_add(
        protocol_id=draft.pk,
        actor=cast.secretary,
        after_id=draft.paragraphs.get(order=3).pk,
    )
    assert new.order == 4
    headings = list(draft.paragraphs.order_by("order").values_list("heading", flat=1))
    assert headings[3] == NEW_PARAGRAPH_HEADING
    drafting.protocol_paragraph_move(paragraph_id=new.pk, actor=cast.secretary, up=True)
    new.refresh_from_db()
    assert new.order == 3
    drafting.protocol_paragraph_delete(paragraph_id=new.pk, actor=cast.secretary)
    orders = list(draft.paragraphs.order_by("order").values_list("order", flat=True))
    assert orders == [1, 2, 3, 4, 5]
    before = draft.lock_version
    draft.refresh_from_db()
    assert draft.lock_version == before + 3


def test_action_items_are_recorded(draft, cast):
    paragraph = draft.paragraphs.get(heading="Övriga frågor")
    item = drafting.protocol_action_item_add(
        paragraph_id=paragraph.pk,
        actor=cast.secretary,
        description="Bjuda in ORU",
        assignee_text="Ewa Lindberg",
    )
    assert paragraph.action_items.get().description == "Bjuda in ORU"
    drafting.protocol_action_item_delete(action_item_id=item.pk, actor=cast.secretary)
    assert not paragraph.action_items.exists()


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
        drafting.protocol_save_draft(
            protocol_id=in_justering.pk,
            actor=cast.secretary,
            base_version=in_justering.lock_version,
            chair_id=cast.chair.person.pk,
            justerare_ids=[cast.member.person.pk],
            justering_date=None,
            justering_place="",
            paragraphs=[],
        )


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
    drafting.protocol_save_draft(
        protocol_id=protocol.pk,
        actor=cast.secretary,
        base_version=protocol.lock_version,
        chair_id=cast.chair.person.pk,
        justerare_ids=[cast.member.person.pk],
        justering_date=None,
        justering_place="",
        paragraphs=values,
    )
    protocol_send_to_justering(protocol_id=protocol.pk, actor=cast.secretary)
    assert not Justering.objects.filter(protocol=protocol).exists()
    protocol = justera_all(cast, protocol)
    assert protocol.state == Protocol.State.JUSTERAT


@pytest.mark.parametrize(
    "text",
    [
        "Personnummer 850709-1234 nämndes.",
        "Personnummer 19850709-1234 nämndes.",
        "Personnummer 8507091234 nämndes.",
        "Personnummer 198507091234 nämndes.",
        "Personnummer 850709+1234 (över 100 år).",
        "Samordningsnummer 850769-1234.",
    ],
)
def test_personnummer_variants_are_found(text):
    from meetings.documents.content import PERSONNUMMER

    assert PERSONNUMMER.search(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Mötet hölls 2018-09-28 kl 09:00.",
        "Ca 1,6 miljoner per år, 83 procent.",
        "Dnr 18RS1234, telefon 019-602 10 00.",
    ],
)
def test_dates_and_amounts_are_not_personnummer(text):
    from meetings.documents.content import PERSONNUMMER

    assert not PERSONNUMMER.search(text)


def test_publish_refuses_personnummer_with_a_clear_message(draft, cast):
    paragraph = draft.paragraphs.get(heading="Övriga frågor")
    drafting.protocol_save_draft(
        protocol_id=draft.pk,
        actor=cast.secretary,
        base_version=draft.lock_version,
        chair_id=cast.chair.person.pk,
        justerare_ids=[cast.member.person.pk],
        justering_date=None,
        justering_place="",
        paragraphs=editor_values(
            draft, **{paragraph.heading: "Anmälan från 850709-1234 diskuterades."}
        ),
    )
    protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)
    protocol = justera_all(cast, draft)
    with pytest.raises(ValidationError, match=r"personnummer \(§ 4\)"):
        protocol_publish(protocol_id=protocol.pk, actor=cast.secretary)
    assert Protocol.objects.get(pk=draft.pk).state == Protocol.State.JUSTERAT


def test_publishing_without_anslag(justerat, cast):
    protocol = protocol_publish(protocol_id=justerat.pk, actor=cast.secretary)
    assert protocol.state == Protocol.State.PUBLISHED
    assert protocol.published_at is not None
    assert not Notice.objects.exists()


def test_publishing_posts_an_anslag_for_21_days(justerat, cast):
    body = cast.body
    body.uses_anslag = True
    body.office = "Förv. Regional utveckling"
    body.save()
    protocol_publish(protocol_id=justerat.pk, actor=cast.secretary)
    notice = Notice.objects.get(protocol=justerat)
    today = timezone.localdate()
    assert notice.posted_on == today
    assert notice.removed_on == today + datetime.timedelta(days=21)
    assert "Förv. Regional utveckling" in notice.kept_at


def test_anslag_dates():
    posted, removed = anslag_dates(datetime.date(2026, 3, 2))
    assert (posted, removed) == (datetime.date(2026, 3, 2), datetime.date(2026, 3, 23))


def test_wrong_state_transitions_get_messages(draft, cast):
    """Publishing a draft or justera before sending: a message, not a crash."""
    with pytest.raises(ValidationError, match="utkast och kan inte bli publicerat"):
        protocol_publish(protocol_id=draft.pk, actor=cast.secretary)
    with pytest.raises(ValidationError, match="kan inte justeras nu"):
        protocol_justera(protocol_id=draft.pk, actor=cast.chair)
    with pytest.raises(ValidationError, match="Bara ett justerat protokoll"):
        protocol_correct(protocol_id=draft.pk, actor=cast.secretary, reason="x")


def test_a_justerat_protokoll_refuses_every_edit(justerat, cast):
    paragraph = justerat.paragraphs.first()
    calls = [
        lambda: drafting.protocol_paragraph_add(
            protocol_id=justerat.pk, actor=cast.secretary
        ),
        lambda: drafting.protocol_paragraph_delete(
            paragraph_id=paragraph.pk, actor=cast.secretary
        ),
        lambda: drafting.protocol_action_item_add(
            paragraph_id=paragraph.pk, actor=cast.secretary, description="x"
        ),
        lambda: protocol_send_to_justering(
            protocol_id=justerat.pk, actor=cast.secretary
        ),
        lambda: protocol_comment(
            protocol_id=justerat.pk, actor=cast.member, comments={paragraph.pk: "x"}
        ),
        lambda: protocol_justera(protocol_id=justerat.pk, actor=cast.member),
    ]
    for call in calls:
        with pytest.raises(ValidationError):
            call()
    assert Paragraph.objects.filter(protocol=justerat).count() == 5


def test_a_correction_is_a_new_version_with_its_own_justering(published, cast):
    with pytest.raises(ValidationError, match="skälet"):
        protocol_correct(protocol_id=published.pk, actor=cast.secretary, reason=" ")
    correction = protocol_correct(
        protocol_id=published.pk, actor=cast.secretary, reason="Fel namn i § 4."
    )
    assert correction.version == 2
    assert correction.corrects == published
    assert correction.state == Protocol.State.DRAFT
    assert list(correction.paragraphs.values_list("number", flat=True)) == list(
        published.paragraphs.values_list("number", flat=True)
    )
    assert list(correction.justerare.all()) == [cast.member.person]
    with pytest.raises(ValidationError, match="redan en rättelse"):
        protocol_correct(protocol_id=published.pk, actor=cast.secretary, reason="Igen")
    protocol_send_to_justering(protocol_id=correction.pk, actor=cast.secretary)
    correction = justera_all(cast, correction)
    assert correction.state == Protocol.State.JUSTERAT
    published.refresh_from_db()
    assert published.state == Protocol.State.PUBLISHED  # the original is untouched


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


def test_every_change_is_attributed_with_a_reason(justerat, cast):
    reasons = list(
        justerat.history.order_by("history_date").values_list(
            "history_change_reason", "history_user"
        )
    )
    assert ("Skickat för justering", cast.secretary.pk) in reasons
    assert ("Justerat av alla", cast.member.pk) in reasons
    assert all(reason for reason, _user in reasons)
