"""Drafting the protokoll: starting it from the dagordning, the editor and its
version check, paragraphs and uppdrag, the preview and the draft PDF.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from meetings.models import Protocol
from meetings.services.protocol import drafting
from meetings.services.protocol.base import (
    JUSTERARE_PLACEHOLDER,
    NEW_PARAGRAPH_HEADING,
    ProtocolConflict,
)
from tests.meetings.helpers import (
    ODD_NUMBERS,
    draft_for,
    editor_post,
    editor_values,
)

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


def test_the_editor_sends_nothing_and_links_the_send_step(client, cast, draft):
    """Sending for justering is a step of its own: the editor has no password
    field and no send button, only a link to the step; a posted op=send only
    saves."""
    client.force_login(cast.secretary)
    page = client.get(f"/protokoll/{draft.pk}/utkast/").content.decode()
    assert 'type="password"' not in page
    assert 'value="send"' not in page
    assert f'href="/protokoll/{draft.pk}/skicka/"' in page

    data = editor_post(draft, **{"Övriga frågor": "Bara sparat."})
    data.update(op="send", password="pw")
    response = client.post(f"/protokoll/{draft.pk}/utkast/", data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == Protocol.State.DRAFT
    assert draft.paragraphs.get(heading="Övriga frågor").text == "Bara sparat."


@pytest.mark.parametrize("value", ["9999999999999999999999", "١٢٣", "x"])
def test_a_justerare_that_cannot_be_a_person_is_refused_with_a_message(
    client, cast, draft, value
):
    """A posted justerare that is no key (past the range, not ASCII digits, not a
    number) gets the form's error, not a failed lookup."""
    client.force_login(cast.secretary)
    data = editor_post(draft)
    data["justerare"] = [value]

    response = client.post(f"/protokoll/{draft.pk}/utkast/", data)

    assert response.status_code == 400
    assert "Justerare" in response.content.decode()
    assert list(draft.justerare.all()) == [cast.member.person]
