"""The read-only OParl 1.1 API: public data only, paginated, filterable by date."""

import datetime
import json

import pytest
from django.utils import timezone

from council.models import Person
from meetings.models import AgendaItem, Meeting
from tests import factories

pytestmark = pytest.mark.django_db
BASE = "/api/oparl/v1.1/"
OPARL = "https://schema.oparl.org/1.1/"


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


@pytest.fixture
def called_meeting(demo_data) -> Meeting:
    """The demo's upcoming meeting with its kallelse sent, one item non-public."""
    meeting = Meeting.objects.filter(starts_at__gt=timezone.now()).get()
    meeting.notice_sent_at = timezone.now()
    meeting.state = Meeting.State.CALLED
    meeting.save()
    item = meeting.agenda_items.get(title="Lägesrunda från kommunerna")
    item.is_public = False
    item.save()
    return meeting


def test_system_body_and_lists_link_together(client, demo_data):
    """System → Body → every list, each object typed and absolute."""
    system = get(client, BASE)
    assert system["type"] == f"{OPARL}System"
    assert system["oparlVersion"] == OPARL
    bodies = get(client, system["body"])
    (body,) = bodies["data"]
    assert body["type"] == f"{OPARL}Body"
    assert body["name"] == "Region Örebro län och länets kommuner"
    for name in [
        "organization",
        "person",
        "meeting",
        "agendaItem",
        "file",
        "membership",
    ]:
        assert body[name].startswith("http://testserver/api/oparl/v1.1/")
        page = get(client, body[name])
        assert set(page) == {"data", "pagination", "links"}
    assert get(client, body["id"])["id"] == body["id"]


def test_organizations_are_bodies_and_member_organisations(client, demo_data):
    """Gremien (the bodies) and the institutions members represent."""
    data = get(client, BASE + "organization", limit=100)["data"]
    gremien = {o["shortName"] for o in data if o["organizationType"] == "Gremium"}
    assert {"SSR", "Chefsgruppen", "REKO", "GySam"} <= gremien
    institutions = {o["name"] for o in data if o["organizationType"] == "Institution"}
    assert len(institutions) == 13 and "Lekebergs kommun" in institutions
    chefsgruppen = next(o for o in data if o.get("shortName") == "Chefsgruppen")
    assert chefsgruppen["subOrganizationOf"].endswith("/organization/organ-ssr")


def test_membership_names_role_voting_right_and_on_behalf_of(client, demo_data):
    """Håkan Söderman: vice ordförande with voting right, on behalf of Lekeberg."""
    person = Person.objects.get(name="Håkan Söderman")
    data = get(client, f"{BASE}person/{person.pk}")
    assert data["name"] == "Håkan Söderman"
    assert data["keyword"] == ["Moderaterna (M)"]
    assert "email" not in json.dumps(data)
    membership = get(client, data["membership"][0])
    assert membership["role"] == "Vice ordförande"
    assert membership["votingRight"] is True
    lekeberg = get(client, membership["onBehalfOf"])
    assert lekeberg["name"] == "Lekebergs kommun"


def test_meetings_only_after_kallelse_with_public_items(client, called_meeting):
    """A meeting appears once called, with its public items only and its kallelse."""
    meetings = get(client, BASE + "meeting")["data"]
    ids = [m["id"] for m in meetings]
    assert f"http://testserver{BASE}meeting/{called_meeting.pk}" in ids
    data = next(m for m in meetings if m["id"].endswith(f"/{called_meeting.pk}"))
    names = [item["name"] for item in data["agendaItem"]]
    assert "Mötet öppnas" in names and "Lägesrunda från kommunerna" not in names
    assert data["invitation"]["mimeType"] == "application/pdf"
    assert data["start"].startswith(called_meeting.local_start.date().isoformat())
    hidden = called_meeting.agenda_items.get(is_public=False)
    assert client.get(f"{BASE}agendaitem/{hidden.pk}").status_code == 404


def test_uncalled_meeting_and_its_items_are_not_public(client, demo_data):
    """Without a kallelse nothing of the meeting is in the API."""
    meeting = Meeting.objects.filter(starts_at__gt=timezone.now()).get()
    assert client.get(f"{BASE}meeting/{meeting.pk}").status_code == 404
    item = meeting.agenda_items.first()
    assert client.get(f"{BASE}agendaitem/{item.pk}").status_code == 404
    listed = [m["id"] for m in get(client, BASE + "meeting")["data"]]
    assert not any(i.endswith(f"/meeting/{meeting.pk}") for i in listed)


def test_files_only_public(client, called_meeting):
    """Public attachments of public items are Files; others are not."""
    item = called_meeting.agenda_items.get(title="Mötet öppnas")
    public = factories.AttachmentFactory(
        meeting=called_meeting, agenda_item=item, is_public=True, title="Öppen bilaga"
    )
    secret = factories.AttachmentFactory(
        meeting=called_meeting, agenda_item=item, is_public=False, title="Intern"
    )
    names = [f["name"] for f in get(client, BASE + "file")["data"]]
    assert names == ["Öppen bilaga"]
    assert client.get(f"{BASE}file/{secret.pk}").status_code == 404
    data = get(client, f"{BASE}file/{public.pk}")
    assert data["accessUrl"].endswith(f"/bilagor/{public.pk}/")


def test_pagination_and_modified_since(client, demo_data):
    """Pages link to each other; modified_since keeps only what changed since."""
    first = get(client, BASE + "person", limit=5)
    assert first["pagination"]["elementsPerPage"] == 5
    assert first["pagination"]["totalElements"] >= 14
    second = get(client, first["links"]["next"])
    assert second["pagination"]["currentPage"] == 2
    assert {p["id"] for p in first["data"]}.isdisjoint(
        {p["id"] for p in second["data"]}
    )

    later = timezone.now() + datetime.timedelta(seconds=1)
    assert get(client, BASE + "person", modified_since=later.isoformat())["data"] == []
    cutoff = timezone.now()
    person = Person.objects.get(name="Linda Svahn")
    person.title = "Kommunalråd"
    person._change_reason = "Ny titel"
    person.save()
    changed = get(client, BASE + "person", modified_since=cutoff.isoformat())
    assert [p["name"] for p in changed["data"]] == ["Linda Svahn"]


def test_bad_parameters_get_a_swedish_message(client, demo_data):
    """An unreadable date is a 400 with a message, never a 500."""
    response = client.get(BASE + "person", {"modified_since": "igår"})
    assert response.status_code == 400
    assert "ISO 8601" in json.loads(response.content)["error"]
    assert client.get(BASE + "person", {"limit": "många"}).status_code == 400
    assert client.get(BASE + "finns-inte").status_code == 404
    assert client.get(BASE + "person/abc").status_code == 404


def test_list_queries_do_not_grow(client, demo_data, django_assert_max_num_queries):
    """Listing meetings costs the same with 1 or 10 called meetings."""
    body = factories.BodyFactory()

    def call_meeting():
        meeting = factories.MeetingFactory(body=body, notice_sent_at=timezone.now())
        for order in range(1, 4):
            factories.AgendaItemFactory(meeting=meeting, order=order)

    call_meeting()
    with django_assert_max_num_queries(4):
        get(client, BASE + "meeting")
    for _ in range(9):
        call_meeting()
    with django_assert_max_num_queries(4):
        get(client, BASE + "meeting")
    assert AgendaItem.objects.filter(meeting__body=body).count() == 30
