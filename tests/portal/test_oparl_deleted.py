"""Deleted objects in the OParl API (OParl 1.1, 2.8 "Gelöschte Objekte"; 2.5
"Filter"): a deleted object answers at its URL with 200, `deleted` true, its
id, type and created kept and modified the moment of deletion; a list holds it
only when asked with `modified_since`."""

import datetime
import json

import pytest
from django.utils import timezone

from tests import factories
from tests.portal.oparl_rules import check_object

pytestmark = pytest.mark.django_db
ROOT = "http://testserver/api/oparl/v1.1/"
SINCE = "2000-01-01T00:00:00+01:00"


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def ids(client, kind, **params) -> set[str]:
    return {o["id"] for o in get(client, f"{ROOT}{kind}", limit=200, **params)["data"]}


@pytest.fixture
def world(db):
    """A called meeting of an active body, an item and an attachment on it,
    a person with a seat in the body."""
    body = factories.BodyFactory()
    membership = factories.MembershipFactory(body=body)
    meeting = factories.MeetingFactory(body=body, notice_sent_at=timezone.now())
    item = factories.AgendaItemFactory(meeting=meeting, is_public=True)
    attachment = factories.AttachmentFactory(
        meeting=meeting, agenda_item=item, is_public=True
    )
    return {
        "person": membership.person,
        "membership": membership,
        "meeting": meeting,
        "agendaitem": item,
        "file": attachment,
    }


TYPES = {
    "person": "Person",
    "membership": "Membership",
    "meeting": "Meeting",
    "agendaitem": "AgendaItem",
    "file": "File",
}


def delete(world, kind):
    """Delete the object of `kind` and whatever would keep it (never its
    parents), as the portal's own deletions do, leaving history rows."""
    if kind == "person":
        world["membership"].delete()
    if kind == "meeting":
        world["file"].delete()
        world["agendaitem"].delete()
    if kind == "agendaitem":
        world["file"].delete()
    world[kind].delete()


@pytest.mark.parametrize("kind", list(TYPES))
def test_a_deleted_object_answers_at_its_url(client, world, kind):
    """2.8: status 200, id/type/created kept, deleted true, modified when deleted."""
    pk = world[kind].pk
    url = f"{ROOT}{kind}/{pk}"
    before = get(client, url)
    assert "deleted" not in before or before["deleted"] is False
    moment = timezone.now()
    delete(world, kind)
    gone = get(client, url)
    assert gone == {
        "id": url,
        "type": f"https://schema.oparl.org/1.1/{TYPES[kind]}",
        "created": before["created"],
        "modified": gone["modified"],
        "deleted": True,
    }
    modified = datetime.datetime.fromisoformat(gone["modified"])
    assert modified >= moment.replace(microsecond=0)
    assert check_object(gone) == []


@pytest.mark.parametrize("kind", list(TYPES))
def test_lists_hold_deleted_objects_only_with_modified_since(client, world, kind):
    """2.5: with modified_since a list holds the deleted objects of its window;
    without it, it must not."""
    url = f"{ROOT}{kind}/{world[kind].pk}"
    assert url in ids(client, kind)
    moment = timezone.now().replace(microsecond=0)
    delete(world, kind)
    assert url not in ids(client, kind)
    assert url not in ids(client, kind, created_since=SINCE)
    assert url in ids(client, kind, modified_since=SINCE)
    assert url in ids(client, kind, modified_since=moment.isoformat())
    later = (timezone.now() + datetime.timedelta(minutes=1)).isoformat()
    assert url not in ids(client, kind, modified_since=later)
    listed = get(client, f"{ROOT}{kind}", limit=200, modified_since=SINCE)["data"]
    (entry,) = [o for o in listed if o["id"] == url]
    assert entry["deleted"] is True and check_object(entry) == []


def test_a_depublished_object_is_deleted(client, world):
    """An agenda item made non-public is, to the API, deleted (2.8): it answers
    with the deleted form, not with its title."""
    item = world["agendaitem"]
    item.is_public = False
    item.save()
    gone = get(client, f"{ROOT}agendaitem/{item.pk}")
    assert gone["deleted"] is True and "name" not in gone
    assert f"{ROOT}agendaitem/{item.pk}" in ids(
        client, "agendaitem", modified_since=SINCE
    )


def test_what_never_was_public_stays_not_found(client, world):
    """A row the public never saw is a 404, deleted or not: only an object once
    served is served as deleted."""
    secret = factories.AgendaItemFactory(meeting=world["meeting"], is_public=False)
    uncalled = factories.MeetingFactory(body=world["meeting"].body)
    for url in [f"agendaitem/{secret.pk}", f"meeting/{uncalled.pk}"]:
        assert client.get(ROOT + url).status_code == 404
    secret_pk, uncalled_pk = secret.pk, uncalled.pk
    secret.delete()
    uncalled.delete()
    for url in [f"agendaitem/{secret_pk}", f"meeting/{uncalled_pk}"]:
        assert client.get(ROOT + url).status_code == 404
    listed = ids(client, "agendaitem", modified_since=SINCE)
    assert f"{ROOT}agendaitem/{secret_pk}" not in listed


def test_a_deactivated_body_is_a_deleted_organization(client, world):
    body = world["meeting"].body
    url = f"{ROOT}organization/organ-{body.slug}"
    assert get(client, url)["deleted"] is False
    body.is_active = False
    body.save()
    assert get(client, url)["deleted"] is True
    assert url in ids(client, "organization", modified_since=SINCE)
    assert url not in ids(client, "organization")


def test_deleted_rows_cost_no_query_each(client, db):
    """A page with deleted objects costs as many queries for one as for ten."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    body = factories.BodyFactory()

    def count(kind):
        with CaptureQueriesContext(connection) as queries:
            get(client, f"{ROOT}{kind}", modified_since=SINCE)
        return len(queries)

    def one_more():
        membership = factories.MembershipFactory(body=body)
        meeting = factories.MeetingFactory(body=body, notice_sent_at=timezone.now())
        item = factories.AgendaItemFactory(meeting=meeting)
        factories.AttachmentFactory(meeting=meeting, agenda_item=item).delete()
        item.delete()
        membership.delete()
        factories.MeetingFactory(body=body, notice_sent_at=timezone.now()).delete()

    kinds = ["person", "membership", "meeting", "agendaitem", "file", "location"]
    one_more()
    one = {kind: count(kind) for kind in kinds}
    for _ in range(9):
        one_more()
    assert {kind: count(kind) for kind in kinds} == one


def _age_history(days: int = 400) -> datetime.datetime:
    """Date every history row `days` back; return that moment."""
    from council.models import Membership, Person
    from meetings.models import AgendaItem, Attachment, Meeting, Protocol

    old = timezone.now() - datetime.timedelta(days=days)
    for model in (Person, Membership, Meeting, AgendaItem, Attachment, Protocol):
        model.history.model.objects.update(history_date=old)
    return old


def _moment(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value)


def test_an_object_is_modified_when_what_it_embeds_changes_or_goes(client, world):
    """OParl 1.1, 2.8 "Gelöschte Objekte" (new in 1.1): deleting an embedded
    AgendaItem or Membership updates `modified` of every object it was embedded
    in; 3.1 `modified`: every change of what the object shows sets it, so a
    Meeting's also changes with its items and its protokoll's publication, and
    the object is in a `modified_since` list from then on."""
    meeting, person = world["meeting"], world["person"]
    factories.MembershipFactory(person=person)  # still public without the first
    old = _age_history()
    meeting_url, person_url = f"{ROOT}meeting/{meeting.pk}", f"{ROOT}person/{person.pk}"
    assert _moment(get(client, meeting_url)["modified"]) < old + datetime.timedelta(
        seconds=1
    )

    since = timezone.now().replace(microsecond=0)
    world["file"].delete()
    world["agendaitem"].delete()
    world["membership"].delete()
    for url, kind in ((meeting_url, "meeting"), (person_url, "person")):
        shown = get(client, url)
        assert shown.get("deleted") is not True
        assert _moment(shown["modified"]) >= since
        assert shown["id"] in ids(client, kind, modified_since=since.isoformat())
        assert shown["id"] not in ids(
            client,
            kind,
            modified_until=(since - datetime.timedelta(days=1)).isoformat(),
        )

    _age_history()
    item = factories.AgendaItemFactory(meeting=meeting, is_public=True)
    item.title = "Ny rubrik"
    item.save()
    assert _moment(get(client, meeting_url)["modified"]) >= since

    _age_history()
    hidden = factories.AgendaItemFactory(meeting=meeting, is_public=False)
    hidden.title = "Sluten punkt"
    hidden.save()
    assert _moment(get(client, meeting_url)["modified"]) < since  # never shown

    factories.ProtocolFactory(meeting=meeting, state="publicerat")
    published = get(client, meeting_url)
    assert published["meetingState"] == "durchgeführt"
    assert _moment(published["modified"]) >= since
