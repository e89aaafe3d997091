"""The OParl lists' date filters, the list of every public File, and a
meeting's state as its protokoll gives it."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from meetings.models import Attachment, Meeting, Protocol, SignedDocument
from tests import factories
from tests.portal.test_oparl_conformance import ROOT, final, get

pytestmark = pytest.mark.django_db
LISTS = [
    "organization",
    "person",
    "membership",
    "meeting",
    "agendaitem",
    "file",
    "location",
    "paper",
    "consultation",
    "legislativeterm",
]
FILTERS = ["created_since", "created_until", "modified_since", "modified_until"]


@pytest.fixture
def published(db) -> Protocol:
    protocol = factories.ProtocolFactory(
        state=Protocol.State.PUBLISHED,
        published_at=timezone.now(),
        meeting__notice_sent_at=timezone.now(),
    )
    paragraph = factories.ParagraphFactory(protocol=protocol, order=1, number=1)
    final(protocol, kind=SignedDocument.Kind.PROTOCOL)
    final(protocol, kind=SignedDocument.Kind.EXTRACT, paragraph=paragraph)
    item = factories.AgendaItemFactory(meeting=protocol.meeting, order=1)
    factories.AttachmentFactory(meeting=protocol.meeting, agenda_item=item)
    factories.MembershipFactory(body=protocol.meeting.body)
    return protocol


def ids(client, name: str, **params) -> set[str]:
    response = client.get(ROOT + name, {"limit": 200, **params})
    assert response.status_code == 200, response.content
    return {o["id"] for o in json.loads(response.content)["data"]}


def shifted(value: str, seconds: int) -> str:
    moment = datetime.datetime.fromisoformat(value) + datetime.timedelta(
        seconds=seconds
    )
    return moment.isoformat()


def test_until_filters_are_applied(client, published):
    """modified_until and created_until before anything existed: empty lists;
    the Body too.

    OParl 1.1, 2.5 "Filter": a server must support all four parameters on
    every external list."""
    for name in [*LISTS, "body"]:
        for bound in ["modified_until", "created_until"]:
            assert ids(client, name, **{bound: "2000-01-01T00:00:00+01:00"}) == set()
        assert ids(client, name, modified_since="2000-01-01T00:00:00+01:00") == (
            ids(client, name)
        )


def test_each_filter_agrees_with_the_dates_the_objects_show(client, published):
    """An object is kept by a bound at its own created/modified and dropped by
    one a second past it; the filters combine as "and".

    OParl 1.1, 2.5 "Filter" (the parameters refer to the objects' `created`
    and `modified`) and 3.1 (`created`, `modified`)."""
    for name in [*LISTS[:7], "body"]:
        page = get(client, f"{ROOT}{name}?limit=200")["data"]
        assert page, name
        for obj in page:
            for prop in ["created", "modified"]:
                at = obj[prop]
                assert obj["id"] in ids(client, name, **{f"{prop}_since": at})
                assert obj["id"] in ids(client, name, **{f"{prop}_until": at})
                before = shifted(at, -1)
                assert obj["id"] not in ids(client, name, **{f"{prop}_until": before})
                after = shifted(at, 1)
                assert obj["id"] not in ids(client, name, **{f"{prop}_since": after})
            both = {"created_until": obj["created"], "modified_since": obj["modified"]}
            assert obj["id"] in ids(client, name, **both)
            crossed = {
                "modified_since": obj["modified"],
                "modified_until": shifted(obj["modified"], -1),
            }
            assert obj["id"] not in ids(client, name, **crossed)


def test_a_bad_filter_value_is_a_400_error_object(client, published):
    """OParl 1.1, 2.9 "Ausnahmebehandlung": an unreadable parameter gets an
    error status and an Error object with a message."""
    for name in FILTERS:
        for value in ["igår", "", "2024-02-30"]:
            response = client.get(ROOT + "meeting", {name: value})
            assert response.status_code == 400, (name, value)
            error = json.loads(response.content)
            assert error["type"] == "https://schema.oparl.org/1.1/Error"
            assert name in error["message"]


def test_page_links_keep_the_filters(client, published):
    """OParl 1.1, 2.5 "Filter": the server keeps the filters in `links`."""
    factories.MembershipFactory(body=published.meeting.body)
    page = get(client, f"{ROOT}membership?limit=1&modified_since=2000-01-01")
    assert page["links"]["next"].count("modified_since=2000-01-01") == 1
    second = get(client, page["links"]["next"])
    assert "modified_since=2000-01-01" in second["links"]["first"]


def test_file_lists_every_public_file(client, published):
    """The attachment, the kallelse, the signed protokoll and its public
    extract; not the extract of a non-public paragraph (nor that protokoll's
    PDF, which withholds it).

    OParl 1.1, 3.2 oparl:Body `file` (all files of the body) and 3.12
    oparl:File; each is served at its id."""
    closed = factories.ProtocolFactory(
        state=Protocol.State.PUBLISHED, published_at=timezone.now()
    )
    hidden = factories.ParagraphFactory(
        protocol=closed, order=1, number=1, is_public=False
    )
    final(closed, kind=SignedDocument.Kind.PROTOCOL)
    final(closed, kind=SignedDocument.Kind.EXTRACT, paragraph=hidden)
    files = get(client, f"{ROOT}file?limit=200")["data"]
    attachment = Attachment.objects.get()
    assert sorted(f["name"] for f in files) == sorted(
        ["Justerat protokoll", "Kallelse", "Protokollsutdrag § 1", attachment.title]
    )
    for file in files:
        assert get(client, file["id"]) == file
    extract = next(f for f in files if f["name"] == "Protokollsutdrag § 1")
    assert extract["accessUrl"].endswith(f"/protokoll/{published.pk}/utdrag/1.pdf")
    assert extract["sha512Checksum"]
    for key in [f"utdrag-{hidden.extracts.get().pk}", f"protokoll-{closed.pk}"]:
        assert client.get(f"{ROOT}file/{key}").status_code == 404


def test_meeting_state_follows_the_protokoll(client, published):
    """Called: eingeladen; protokoll published: durchgeführt, not cancelled;
    cancelled: cancelled.

    OParl 1.1, 3.7 oparl:Meeting (`meetingState`: the recommended terminiert,
    eingeladen, durchgeführt; `cancelled`)."""
    meeting = published.meeting
    meeting.state = Meeting.State.CALLED
    meeting.save()
    data = get(client, f"{ROOT}meeting/{meeting.pk}")
    assert (data["meetingState"], data["cancelled"]) == ("durchgeführt", False)
    called = factories.MeetingFactory(
        notice_sent_at=timezone.now(), state=Meeting.State.CALLED
    )
    data = get(client, f"{ROOT}meeting/{called.pk}")
    assert (data["meetingState"], data["cancelled"]) == ("eingeladen", False)
    assert data["invitation"]["id"] == f"{ROOT}file/kallelse-{called.pk}"
    assert data["location"]["id"] == f"{ROOT}location/{called.pk}"
    called.state = Meeting.State.CANCELLED
    called.save()
    assert get(client, f"{ROOT}meeting/{called.pk}")["cancelled"] is True
    protocol = factories.ProtocolFactory(meeting=called, state=Protocol.State.DRAFT)
    assert get(client, f"{ROOT}meeting/{called.pk}")["meetingState"] == "eingeladen"
    protocol.state = Protocol.State.PUBLISHED
    protocol.save()
    data = get(client, f"{ROOT}meeting/{called.pk}")
    assert (data["meetingState"], data["cancelled"]) == ("durchgeführt", False)
