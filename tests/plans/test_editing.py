"""Editing a plan through its pages: who may, what a refused input keeps, plain
forms for every entry, a locked plan shows no controls, and the follow-up.
"""

from __future__ import annotations

import pytest

from plans import permissions, services
from tests.factories import (
    AssignmentFactory,
    MeetingFactory,
    ParagraphFactory,
    ProtocolFactory,
)
from tests.plans.helpers import ROLES, login

pytestmark = pytest.mark.django_db


EDITORS = {
    "anonym": False,
    "annat organ": False,
    "ledamot": False,
    "beredningsgruppen": True,
    "sekreterare": True,
    "administratör": True,
}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_edit(client, users, draft, role):
    user = users[role]
    login(client, user)
    assert permissions.can_edit_plan(user, draft) is EDITORS[role]
    response = client.get(f"/planer/{draft.body.slug}/2025/redigera/")
    post = client.post(
        f"/planer/{draft.body.slug}/2025/redigera/uppdrag/ny/",
        {"uppdrag-title": "Nytt", "uppdrag-text": ""},
    )
    if EDITORS[role]:
        assert response.status_code == 200
        assert post.status_code == 302
        assert draft.assignments.filter(title="Nytt").exists()
    else:
        expected = 302 if role == "anonym" else 403
        assert response.status_code == expected
        assert post.status_code == expected
        assert not draft.assignments.filter(title="Nytt").exists()
    if role == "anonym":
        assert response["Location"].startswith("/logga-in/")


def test_bad_input_keeps_what_was_typed(client, secretary, draft):
    """A missing title gives a Swedish message and the typed text stays in the form."""
    client.force_login(secretary)
    response = client.post(
        f"/planer/{draft.body.slug}/2025/redigera/aktiviteter/ny/",
        {
            "aktiviteter-title": "",
            "aktiviteter-description": "En lång beskrivning som inte får försvinna",
            "aktiviteter-owner": "extern",
            "aktiviteter-status": "planerad",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Detta fält måste fyllas i." in page
    assert "En lång beskrivning som inte får försvinna" in page
    assert "inget har sparats" in page
    assert not draft.activities.exists()


def test_service_errors_land_on_the_field(client, secretary, draft):
    client.force_login(secretary)
    response = client.post(
        f"/planer/{draft.body.slug}/2025/redigera/aktiviteter/ny/",
        {
            "aktiviteter-title": "Seminarium med universitetet",
            "aktiviteter-owner": "extern",
            "aktiviteter-status": "planerad",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Ange vilken extern part som är ansvarig." in page
    assert 'value="Seminarium med universitetet"' in page


def test_item_edit_move_and_delete_by_plain_forms(client, official, draft):
    client.force_login(official)
    second = AssignmentFactory(plan=draft, title="Andra uppdraget")
    base = f"/planer/{draft.body.slug}/2025/redigera/uppdrag/{second.pk}/"
    assert client.get(base).status_code == 200
    response = client.post(base, {"title": "Omdöpt", "text": "Ny text"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.title == "Omdöpt"
    client.post(base + "flytta/", {"riktning": "upp"})
    assert list(
        draft.assignments.order_by("order").values_list("title", flat=True)
    ) == [
        "Omdöpt",
        "Utkastets uppdrag",
    ]
    client.post(base + "ta-bort/")
    assert list(draft.assignments.values_list("title", flat=True)) == [
        "Utkastets uppdrag"
    ]
    # Moves and deletes are POST only.
    assert client.get(base + "ta-bort/").status_code == 405


def test_adopted_plan_shows_no_edit_controls_and_refuses_posts(
    client, secretary, draft, council
):
    """Wrong-state actions give a clear message, never a 500."""
    paragraph = ParagraphFactory(
        protocol=ProtocolFactory(meeting=MeetingFactory(body=council))
    )
    services.plan_adopt(plan_id=draft.pk, actor=secretary, paragraph_id=paragraph.pk)
    client.force_login(secretary)
    page = client.get(f"/planer/{draft.body.slug}/2025/redigera/").content.decode()
    assert "texten är låst" in page
    assert "Lägg till uppdrag" not in page
    assert "Ta bort" not in page
    assert "Publicera planen" in page
    assert "Skapa ny version" in page
    item = draft.assignments.get()
    response = client.post(
        f"/planer/{draft.body.slug}/2025/redigera/uppdrag/{item.pk}/ta-bort/",
        follow=True,
    )
    assert response.status_code == 200
    assert (
        "Planen är fastställd och texten kan inte längre ändras"
        in response.content.decode()
    )
    assert draft.assignments.exists()
    response = client.post(
        f"/planer/{draft.body.slug}/2025/redigera/faststall/",
        {"paragraph": paragraph.pk},
        follow=True,
    )
    assert "redan är fastställd" in response.content.decode()


def test_follow_up_form_on_the_new_plan(client, secretary, published):
    client.force_login(secretary)
    response = client.post(f"/planer/{published.body.slug}/2024/ny-plan-fran-aret/")
    assert response.status_code == 302
    assert response["Location"] == f"/planer/{published.body.slug}/2025/redigera/"
    page = client.get(response["Location"]).content.decode()
    assert "Uppföljning av aktiviteter 2024" in page
    ongoing = published.activities.get(status="pagar")
    done = published.activities.get(status="genomford")
    data = {
        f"fu-{ongoing.pk}-status": "genomford",
        f"fu-{ongoing.pk}-follow_up": "Avslutad i december.",
        f"fu-{done.pk}-status": "genomford",
        f"fu-{done.pk}-follow_up": "200 deltagare",
    }
    response = client.post(
        f"/planer/{published.body.slug}/2025/redigera/uppfoljning/", data, follow=True
    )
    assert "1 aktiviteter ändrade" in response.content.decode()
    ongoing.refresh_from_db()
    assert (ongoing.status, ongoing.follow_up) == ("genomford", "Avslutad i december.")


def test_empty_plan_from_the_list_page(client, secretary, member, council):
    """The secretary starts an empty plan; a bad year keeps the input and explains."""
    client.force_login(member)
    assert "Ny tom plan" not in client.get("/planer/").content.decode()
    client.force_login(secretary)
    assert "Ny tom plan" in client.get("/planer/").content.decode()
    url = f"/planer/{council.slug}/ny/"
    response = client.post(url, {f"{council.slug}-year": "1850"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ange ett år mellan 2000 och 2100." in page
    assert 'value="1850"' in page
    response = client.post(url, {f"{council.slug}-year": "2031"})
    assert response["Location"] == f"/planer/{council.slug}/2031/redigera/"
    response = client.post(url, {f"{council.slug}-year": "2031"})
    assert response.status_code == 400
    assert "Det finns redan en verksamhetsplan för 2031." in response.content.decode()
    client.force_login(member)
    assert client.post(url, {f"{council.slug}-year": "2032"}).status_code == 403
