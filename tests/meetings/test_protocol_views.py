"""The protokoll pages: who may do what (a matrix), the editor and its version
check, justering with the password, publishing, anslag and the public pages."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone

from council.models import Membership
from meetings import permissions
from meetings.models import Justering, Notice, Protocol
from meetings.services.protocol.justering import (
    protocol_justera,
    protocol_send_to_justering,
)
from meetings.services.protocol.publishing import protocol_publish
from tests import factories
from tests.meetings.conftest import seat
from tests.meetings.protocol_fixtures import *  # noqa: F403 (fixtures)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonym",
    "ledamot i annat organ",
    "ledamot",
    "sekreterare",
    "ordförande",
    "justerare",
    "administratör",
]
# Who may do what; the chair and justerare are those named on the protokoll.
MATRIX = {
    "can_view_protocol_draft": {
        "sekreterare",
        "ordförande",
        "justerare",
        "administratör",
    },
    "can_edit_protocol": {"sekreterare", "administratör"},
    "can_send_protocol": {"sekreterare", "administratör"},
    "can_comment_protocol": {"ordförande", "justerare"},
    "can_justera_protocol": {"ordförande", "justerare"},
    "can_publish_protocol": {"sekreterare", "administratör"},
    "can_correct_protocol": {"sekreterare", "administratör"},
}


@pytest.fixture
def people(cast):
    ledamot, _ = seat(cast.body, Membership.Role.MEMBER, username="vanlig")
    return {
        "anonym": AnonymousUser(),
        "ledamot i annat organ": cast.outsider,
        "ledamot": ledamot,
        "sekreterare": cast.secretary,
        "ordförande": cast.chair,
        "justerare": cast.member,
        "administratör": cast.admin,
    }


@pytest.mark.parametrize("predicate", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(people, in_justering, predicate, role):
    check = getattr(permissions, predicate)
    assert check(people[role], in_justering) is (role in MATRIX[predicate])


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonym", 302),
        ("ledamot i annat organ", 404),
        ("ledamot", 404),
        ("sekreterare", 200),
        ("ordförande", 200),
        ("justerare", 200),
        ("administratör", 200),
    ],
)
def test_only_those_working_on_it_see_an_unpublished_protokoll(
    client, people, in_justering, role, status
):
    if role != "anonym":
        client.force_login(people[role])
    response = client.get(f"/protokoll/{in_justering.pk}/granska/")
    assert response.status_code == status
    # The public address never shows it, whoever asks.
    assert client.get(f"/protokoll/{in_justering.pk}/").status_code == 404
    assert client.get("/protokoll/").content.decode().count("/granska/") == 0


def test_secretary_starts_a_protokoll_from_the_overview(client, cast, meeting):
    client.force_login(cast.secretary)
    page = client.get("/protokoll/oversikt/").content.decode()
    assert "Skriv protokoll" in page
    response = client.post(f"/moten/{meeting.pk}/protokoll/")
    protocol = Protocol.objects.get(meeting=meeting)
    assert response.url == f"/protokoll/{protocol.pk}/utkast/"
    page = client.get(response.url).content.decode()
    assert "Mötet öppnas" in page
    assert "Förhandsvisning" in page


def test_a_member_cannot_start_or_edit(client, cast, draft):
    client.force_login(cast.substitute)
    assert client.post(f"/moten/{draft.meeting_id}/protokoll/").status_code == 403
    assert client.get(f"/protokoll/{draft.pk}/utkast/").status_code == 404
    client.force_login(cast.member)  # the justerare may read but not edit
    assert client.get(f"/protokoll/{draft.pk}/utkast/").status_code == 403


def editor_post(protocol: Protocol, **text_by_heading: str) -> dict[str, str]:
    data = {
        "lock_version": str(protocol.lock_version),
        "chair": str(protocol.chair_id),
        "justerare": [str(pk) for pk in protocol.justerare.values_list("pk", flat=1)],
        "justering_date": "",
        "justering_place": "Örebro",
        "op": "save",
    }
    for p in protocol.paragraphs.order_by("order"):
        prefix = f"p{p.pk}-"
        data[prefix + "heading"] = p.heading
        data[prefix + "text"] = text_by_heading.get(p.heading, p.text)
        data[prefix + "outcome"] = p.outcome
        data[prefix + "is_public"] = "on"
    return data


def test_the_editor_saves_every_paragraph(client, cast, draft):
    client.force_login(cast.secretary)
    response = client.post(
        f"/protokoll/{draft.pk}/utkast/",
        editor_post(draft, **{"Övriga frågor": "Inga övriga frågor."}),
    )
    assert response.status_code == 302
    assert draft.paragraphs.get(heading="Övriga frågor").text == "Inga övriga frågor."


def test_a_stale_save_keeps_the_typed_text_and_shows_the_other_change(
    client, cast, draft
):
    """Two saves from one version: the second gets the conflict and keeps its text."""
    first = editor_post(draft, **{"Övriga frågor": "Annas version."})
    second = editor_post(draft, **{"Övriga frågor": "Mins egen version."})
    client.force_login(cast.secretary)
    assert client.post(f"/protokoll/{draft.pk}/utkast/", first).status_code == 302
    client.force_login(cast.admin)
    response = client.post(f"/protokoll/{draft.pk}/utkast/", second)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Någon annan har sparat protokollet" in page
    assert "Mins egen version." in page  # what this user typed, still in the form
    assert "Annas version." in page  # the other change, shown beside it
    assert draft.paragraphs.get(heading="Övriga frågor").text == "Annas version."


def test_the_editor_adds_and_removes_paragraphs_without_losing_text(
    client, cast, draft
):
    client.force_login(cast.secretary)
    data = editor_post(draft, **{"Mötet öppnas": "Ordföranden hälsar välkommen."})
    first = draft.paragraphs.get(order=1)
    data["op"] = f"add:{first.pk}"
    client.post(f"/protokoll/{draft.pk}/utkast/", data)
    assert draft.paragraphs.count() == 6
    assert draft.paragraphs.get(order=2).heading == "Ny paragraf"
    assert (
        first.__class__.objects.get(pk=first.pk).text == "Ordföranden hälsar välkommen."
    )


def test_live_preview_shows_unsaved_text_without_saving(client, cast, draft):
    client.force_login(cast.secretary)
    data = editor_post(draft, **{"Övriga frågor": "Ej sparad **text**."})
    response = client.post(f"/protokoll/{draft.pk}/forhandsvisning/", data)
    assert "Ej sparad <strong>text</strong>." in response.content.decode()
    assert draft.paragraphs.get(heading="Övriga frågor").text != "Ej sparad **text**."


def test_draft_pdf_is_marked_utkast(client, cast, draft):
    client.force_login(cast.secretary)
    response = client.get(f"/protokoll/{draft.pk}/utkast.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_attendance_page_records_who_was_there(client, cast, meeting):
    client.force_login(cast.secretary)
    client.post(f"/moten/{meeting.pk}/protokoll/")
    protocol = Protocol.objects.get(meeting=meeting)
    page = client.get(f"/protokoll/{protocol.pk}/narvaro/").content.decode()
    assert cast.member.person.name in page
    chair, member, sub = (
        cast.chair.person.pk,
        cast.member.person.pk,
        cast.substitute.person.pk,
    )
    data = {
        "lock_version": protocol.lock_version,
        f"role_{chair}": "ledamot",
        f"role_{member}": "",
        f"role_{sub}": "tjg_ersattare",
        f"replaces_{sub}": str(member),
        f"paragraphs_{sub}": "1–3",
        "other_0_name": "Eva Sund",
        "other_0_title": "utvecklingsledare",
        "other_0_organisation": "Region Örebro län",
    }
    for other in cast.memberships.values():
        data.setdefault(f"role_{other.person_id}", "")
    response = client.post(f"/protokoll/{protocol.pk}/narvaro/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    rows = {a.display_name: a for a in meeting.attendances.all()}
    assert rows[cast.substitute.person.name].replaces == cast.member.person
    assert cast.member.person.name not in rows  # absent: not in the protokoll
    assert rows["Eva Sund"].role == "ovrig"
    assert [i.order for i in rows[cast.substitute.person.name].present_for.all()] == [
        1,
        2,
        3,
    ]
    page = client.get(f"/protokoll/{protocol.pk}/forhandsvisning/").content.decode()
    assert "närvarande §§ 1–3" in page


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
        {
            **editor_post(
                Protocol.objects.get(pk=in_justering.pk),
                **{paragraph.heading: "Linda fortsätter driva frågan."},
            ),
            "op": "send",
            "password": "pw",
        },
    )
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


def test_publishing_and_the_public_pages(client, cast, justerat):
    client.force_login(cast.secretary)
    response = client.post(f"/protokoll/{justerat.pk}/publicera/")
    assert response.url == f"/protokoll/{justerat.pk}/"
    client.logout()
    page = client.get("/protokoll/").content.decode()
    assert f"/protokoll/{justerat.pk}/" in page
    page = client.get(f"/protokoll/{justerat.pk}/").content.decode()
    assert page.count("<h1") == 1
    assert "Övriga frågor" in page
    assert client.get(f"/protokoll/{justerat.pk}/protokoll.pdf").status_code == 200


def test_publishing_refused_for_personnummer_shows_a_message(client, cast, draft):
    client.force_login(cast.secretary)
    client.post(
        f"/protokoll/{draft.pk}/utkast/",
        {
            **editor_post(draft, **{"Mötet öppnas": "Född 19850709-1234."}),
            "op": "send",
            "password": "pw",
        },
    )
    protocol_justera(protocol_id=draft.pk, actor=cast.chair)
    protocol_justera(protocol_id=draft.pk, actor=cast.member)
    response = client.post(f"/protokoll/{draft.pk}/publicera/", follow=True)
    assert "ser ut som ett personnummer (§ 1)" in response.content.decode()
    assert Protocol.objects.get(pk=draft.pk).state == Protocol.State.JUSTERAT
    client.logout()
    assert client.get(f"/protokoll/{draft.pk}/").status_code == 404


def test_anslag_page_lists_current_notices_and_drops_expired_ones(client, db):
    today = timezone.localdate()
    current = factories.NoticeFactory(posted_on=today - datetime.timedelta(days=20))
    expired = factories.NoticeFactory(posted_on=today - datetime.timedelta(days=21))
    future = factories.NoticeFactory(posted_on=today + datetime.timedelta(days=1))
    page = client.get("/anslag/").content.decode()
    assert f"/protokoll/{current.protocol_id}/" in page
    assert f"/protokoll/{expired.protocol_id}/" not in page
    assert f"/protokoll/{future.protocol_id}/" not in page
    assert Notice.objects.count() == 3


def test_correction_page_and_superseded_marking(client, cast, published):
    client.force_login(cast.secretary)
    response = client.post(
        f"/protokoll/{published.pk}/rattelse/", {"reason": "Fel namn i § 4."}
    )
    correction = Protocol.objects.get(corrects=published)
    assert response.url == f"/protokoll/{correction.pk}/utkast/"
    protocol_send_to_justering(protocol_id=correction.pk, actor=cast.secretary)
    protocol_justera(protocol_id=correction.pk, actor=cast.chair)
    protocol_justera(protocol_id=correction.pk, actor=cast.member)
    protocol_publish(protocol_id=correction.pk, actor=cast.secretary)
    client.logout()
    old = client.get(f"/protokoll/{published.pk}/").content.decode()
    assert "ersatt av en rättelse" in old
    new = client.get(f"/protokoll/{correction.pk}/").content.decode()
    assert "Fel namn i § 4." in new
    listing = client.get("/protokoll/").content.decode()
    assert f"/protokoll/{published.pk}/" not in listing
    assert f"/protokoll/{correction.pk}/" in listing


def test_history_lists_changes_and_shows_a_difference(client, cast, justerat):
    client.force_login(cast.secretary)
    page = client.get(f"/protokoll/{justerat.pk}/historik/").content.decode()
    assert "Skickat för justering" in page
    assert "Justerat av alla" in page
    revisions = list(justerat.history.order_by("history_date"))
    response = client.get(
        f"/protokoll/{justerat.pk}/historik/",
        {"fran": revisions[0].history_id, "till": revisions[-1].history_id},
    )
    page = response.content.decode()
    assert "Tillagt: " in page
    added = page.split("Skillnad")[1].split("Alla ändringar")[0]
    assert (
        '<ins><span class="visually-hidden">Tillagt: </span>§ 1 Mötet öppnas' in added
    )


def test_overview_shows_days_left_and_who_has_not_justerat(client, cast, in_justering):
    protocol_justera(protocol_id=in_justering.pk, actor=cast.chair)
    client.force_login(cast.secretary)
    page = client.get("/protokoll/oversikt/").content.decode()
    section = page.split("För justering (1)")[1].split("<h2")[0]
    assert "inte justerat av: " + cast.member.person.name in section
    assert "kvar till justering" in section
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


ODD_NUMBERS = ["²", "9" * 30]


@pytest.mark.parametrize("number", ODD_NUMBERS)
def test_odd_numbers_in_the_editor_never_give_a_500(client, cast, draft, number):
    """A digit int() refuses ("²") or an id beyond any key: the draft is saved and
    the button does nothing else; no 500 anywhere."""
    client.force_login(cast.secretary)
    for op in [f"up:{number}", f"delete:{number}", f"delete_attachment:{number}"]:
        data = editor_post(draft, **{"Övriga frågor": "Sparas ändå."})
        data["op"] = op
        response = client.post(f"/protokoll/{draft.pk}/utkast/", data)
        assert response.status_code in (200, 302), op
        draft.refresh_from_db()
    assert draft.paragraphs.get(heading="Övriga frågor").text == "Sparas ändå."
    history = client.get(f"/protokoll/{draft.pk}/historik/", {"till": number})
    assert history.status_code == 200
    listing = client.get("/protokoll/", {"ar": number})
    assert listing.status_code == 200
    assert client.get("/protokoll/", {"ar": "99999"}).status_code == 200


@pytest.mark.parametrize("number", ODD_NUMBERS)
def test_odd_numbers_in_comments_never_give_a_500(client, cast, in_justering, number):
    client.force_login(cast.member)
    comment = client.post(
        f"/protokoll/{in_justering.pk}/andringsforslag/", {f"comment_{number}": "x"}
    )
    assert comment.status_code < 500


def test_the_editors_password_field_does_not_block_saving(client, cast, draft):
    """The send password sits inside the editor's form: it must not be required
    by the browser, or Spara would not go through without it."""
    import re

    client.force_login(cast.secretary)
    page = client.get(f"/protokoll/{draft.pk}/utkast/").content.decode()
    (field,) = re.findall(r"<input[^>]*id=\"skicka_password\"[^>]*>", page)
    assert 'type="password"' in field and "required" not in field
    assert '<label for="skicka_password"' in page
