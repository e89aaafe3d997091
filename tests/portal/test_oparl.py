"""The read-only OParl 1.1 API: public data only, paginated, filterable by date."""

import datetime
import hashlib
import json

import pytest
from django.utils import timezone

from council.models import Person
from meetings.models import AgendaItem, Meeting, Protocol, SignedDocument
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
    """Håkan Söderman: vice ordförande with voting right, on behalf of Lekeberg.

    OParl 1.1, 3.5 oparl:Person: `membership` embeds the Membership objects,
    without their back-reference to the person; each is served alone at its id.
    """
    person = Person.objects.get(name="Håkan Söderman")
    data = get(client, f"{BASE}person/{person.pk}")
    assert data["name"] == "Håkan Söderman"
    assert data["keyword"] == ["Moderaterna (M)"]
    assert "email" not in json.dumps(data)
    embedded = data["membership"][0]
    assert "person" not in embedded
    membership = get(client, embedded["id"])
    assert membership["person"] == data["id"]
    assert {k: v for k, v in membership.items() if k != "person"} == embedded
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
    # Public while the meeting was called, then made non-public: a deleted
    # object (OParl 1.1, 2.8), nothing of it but its id, type and dates.
    hidden = called_meeting.agenda_items.get(is_public=False)
    gone = get(client, f"{BASE}agendaitem/{hidden.pk}")
    assert gone["deleted"] is True
    assert set(gone) == {"id", "type", "created", "modified", "deleted"}


def test_uncalled_meeting_and_its_items_are_not_public(client, demo_data):
    """Without a kallelse nothing of the meeting is in the API."""
    meeting = Meeting.objects.filter(starts_at__gt=timezone.now()).get()
    assert client.get(f"{BASE}meeting/{meeting.pk}").status_code == 404
    item = meeting.agenda_items.first()
    assert client.get(f"{BASE}agendaitem/{item.pk}").status_code == 404
    listed = [m["id"] for m in get(client, BASE + "meeting")["data"]]
    assert not any(i.endswith(f"/meeting/{meeting.pk}") for i in listed)


def test_files_only_public(client, called_meeting):
    """Public attachments of public items are Files; others are not.

    OParl 1.1, 3.12 oparl:File: the list also holds the kallelse and the
    signed protokoll (tests/portal/test_oparl_files.py)."""
    item = called_meeting.agenda_items.get(title="Mötet öppnas")
    public = factories.AttachmentFactory(
        meeting=called_meeting, agenda_item=item, is_public=True, title="Öppen bilaga"
    )
    secret = factories.AttachmentFactory(
        meeting=called_meeting, agenda_item=item, is_public=False, title="Intern"
    )
    names = [f["name"] for f in get(client, BASE + "file", limit=200)["data"]]
    assert "Öppen bilaga" in names and "Intern" not in names
    assert client.get(f"{BASE}file/{secret.pk}").status_code == 404
    data = get(client, f"{BASE}file/{public.pk}")
    assert data["downloadUrl"].endswith(f"/bilagor/{public.pk}/")


def test_access_url_shows_a_pdf_inline(client, called_meeting):
    """OParl 1.1, 2.7 "Dateizugriffe": the accessUrl must not answer with
    "Content-Disposition: attachment". A PDF is shown inline and never sniffed
    (without a sandbox, which Chromium's PDF viewer refuses); a type a browser cannot show safely (Word) keeps the download
    as its accessUrl; a non-public attachment is a 404 there as at the download."""
    item = called_meeting.agenda_items.get(title="Mötet öppnas")
    pdf = factories.AttachmentFactory(meeting=called_meeting, agenda_item=item)
    data = get(client, f"{BASE}file/{pdf.pk}")
    assert data["accessUrl"].endswith(f"/bilagor/{pdf.pk}/visa/")
    shown = client.get(data["accessUrl"])
    assert shown.status_code == 200
    assert shown["Content-Disposition"].startswith("inline")
    assert shown["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in shown
    assert shown["X-Content-Type-Options"] == "nosniff"
    assert client.get(data["downloadUrl"])["Content-Disposition"].startswith(
        "attachment"
    )

    word = factories.AttachmentFactory(
        meeting=called_meeting,
        agenda_item=item,
        original_name="underlag.docx",
        content_type="application/vnd.openxmlformats-officedocument"
        ".wordprocessingml.document",
    )
    data = get(client, f"{BASE}file/{word.pk}")
    assert data["accessUrl"] == data["downloadUrl"]
    assert client.get(f"/moten/{called_meeting.pk}/bilagor/{word.pk}/visa/")[
        "Content-Disposition"
    ].startswith("attachment")

    pdf.is_public = False
    pdf.save()
    url = f"/moten/{called_meeting.pk}/bilagor/{pdf.pk}/"
    assert client.get(url + "visa/").status_code == 404
    assert client.get(url).status_code == 404


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
    """An unreadable date is a 400 with a message, never a 500.

    OParl 1.1, 2.9 "Ausnahmebehandlung": the error is an object of type Error
    with a message in the language of the content."""
    response = client.get(BASE + "person", {"modified_since": "igår"})
    assert response.status_code == 400
    error = json.loads(response.content)
    assert error["type"] == f"{OPARL}Error"
    assert "ISO 8601" in error["message"]
    assert client.get(BASE + "person", {"limit": "många"}).status_code == 400
    for missing in ["finns-inte", "person/abc"]:
        response = client.get(BASE + missing)
        assert response.status_code == 404
        assert json.loads(response.content)["type"] == f"{OPARL}Error"


def count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        get(client, url)
    return len(queries)


def test_list_queries_do_not_grow(client, db):
    """Every list costs the same number of queries for 1 row as for a full page.

    Meetings carry their items, the dates of both and their signed protokoll.
    """
    body = factories.BodyFactory()

    def call_meeting():
        meeting = factories.MeetingFactory(body=body, notice_sent_at=timezone.now())
        for order in range(1, 4):
            item = factories.AgendaItemFactory(meeting=meeting, order=order)
            factories.AttachmentFactory(meeting=meeting, agenda_item=item)
        protocol = factories.ProtocolFactory(
            meeting=meeting, state=Protocol.State.PUBLISHED
        )
        final_document(protocol)
        factories.MembershipFactory(body=body)

    call_meeting()
    lists = [
        "meeting",
        "agendaitem",
        "file",
        "person",
        "membership",
        "organization",
        "location",
    ]
    one = {name: count_queries(client, BASE + name) for name in lists}
    for _ in range(9):
        call_meeting()
    many = {name: count_queries(client, BASE + name) for name in lists}
    assert one == many
    assert one["meeting"] <= 6
    assert AgendaItem.objects.filter(meeting__body=body).count() == 30
    meetings = get(client, BASE + "meeting")["data"]
    assert sum("resultsProtocol" in m for m in meetings) == 10


PDF = b"%PDF-1.7\n% justerat protokoll\n%%EOF\n"


def final_document(protocol: Protocol, data: bytes = PDF) -> SignedDocument:
    document = SignedDocument(
        protocol=protocol,
        kind=SignedDocument.Kind.PROTOCOL,
        content_sha256="0" * 64,
        is_final=True,
        finalised_at=timezone.now(),
    )
    document.set_data(data)
    document.save()
    return document


@pytest.fixture
def published_protocol(db) -> Protocol:
    protocol = factories.ProtocolFactory(
        state=Protocol.State.PUBLISHED, published_at=timezone.now()
    )
    factories.ParagraphFactory(protocol=protocol, order=1, number=1)
    return protocol


def meeting_data(client, protocol: Protocol) -> dict:
    return get(client, f"{BASE}meeting/{protocol.meeting_id}")


def test_meeting_links_its_signed_protokoll_with_checksum(client, published_protocol):
    """resultsProtocol: the stored PDF as a File, with size and SHA-512 (and the
    SHA-256, prefixed as a vendor property).

    OParl 1.1, 3.12 oparl:File and 3 "Schema": embedded without its meeting
    back-reference, served alone with it; accessUrl serves the PDF inline, so
    there is no downloadUrl (2.7 "Dateizugriffe")."""
    document = final_document(published_protocol)
    data = meeting_data(client, published_protocol)
    results = data["resultsProtocol"]
    pdf_url = f"http://testserver/protokoll/{published_protocol.pk}/protokoll.pdf"
    assert results["type"] == f"{OPARL}File"
    assert results["sha512Checksum"] == hashlib.sha512(PDF).hexdigest()
    assert results["samverkansportalen:sha256Checksum"] == (
        hashlib.sha256(PDF).hexdigest()
    )
    assert not [
        key
        for key in results
        if key.endswith("Checksum") and ":" not in key and key != "sha512Checksum"
    ]
    assert results["size"] == len(PDF)
    assert results["mimeType"] == "application/pdf"
    assert results["accessUrl"] == pdf_url and "downloadUrl" not in results
    assert results["fileName"] == document.filename
    assert results["date"] == timezone.localdate(document.finalised_at).isoformat()
    assert "meeting" not in results
    assert get(client, results["id"]) == {**results, "meeting": [data["id"]]}
    listed = get(client, BASE + "meeting")["data"]
    assert next(m for m in listed if m["id"] == data["id"])["resultsProtocol"] == (
        results
    )
    pdf = client.get(results["accessUrl"])
    assert pdf.status_code == 200 and pdf.content == PDF
    assert hashlib.sha512(pdf.content).hexdigest() == results["sha512Checksum"]


def test_no_results_protocol_without_a_final_public_pdf(client, published_protocol):
    """Not final, nothing signed, or something withheld: no resultsProtocol."""
    assert "resultsProtocol" not in meeting_data(client, published_protocol)
    document = factories.SignedDocumentFactory(protocol=published_protocol)
    assert not document.is_final
    assert "resultsProtocol" not in meeting_data(client, published_protocol)

    withheld = factories.ProtocolFactory(
        state=Protocol.State.PUBLISHED, published_at=timezone.now()
    )
    paragraph = factories.ParagraphFactory(protocol=withheld, order=1, number=1)
    factories.AttachmentFactory(
        meeting=withheld.meeting, paragraph=paragraph, is_public=False
    )
    final_document(withheld)
    assert "resultsProtocol" not in meeting_data(client, withheld)
    assert client.get(f"/protokoll/{withheld.pk}/protokoll.pdf").status_code == 404
    key = f"{BASE}file/protokoll-{withheld.pk}"
    assert client.get(key).status_code == 404

    unpublished = factories.ProtocolFactory(
        state=Protocol.State.JUSTERAT, meeting__notice_sent_at=timezone.now()
    )
    final_document(unpublished)
    assert "resultsProtocol" not in meeting_data(client, unpublished)


def test_results_protocol_agrees_with_the_pdf_page(client, published_protocol):
    """The API offers the PDF exactly when /protokoll/<id>/protokoll.pdf serves it."""
    from council.portal.oparl.public import public_protocol_documents
    from meetings.documents.record import is_wholly_public

    final_document(published_protocol)
    closed = factories.ProtocolFactory(
        state=Protocol.State.PUBLISHED, published_at=timezone.now()
    )
    factories.ParagraphFactory(protocol=closed, order=1, number=1, is_public=False)
    final_document(closed)
    offered = {d.protocol_id for d in public_protocol_documents()}
    for protocol in [published_protocol, closed]:
        assert (protocol.pk in offered) == is_wholly_public(protocol)
        served = client.get(f"/protokoll/{protocol.pk}/protokoll.pdf").status_code
        assert (served == 200) == (protocol.pk in offered)


def test_a_correction_links_the_latest_version(client, published_protocol):
    """Once a correction is published, the meeting links its PDF, not the first."""
    final_document(published_protocol, data=PDF + b"v1")
    correction = factories.ProtocolFactory(
        meeting=published_protocol.meeting,
        version=2,
        corrects=published_protocol,
        correction_reason="Fel datum i § 1.",
        state=Protocol.State.PUBLISHED,
        published_at=timezone.now(),
    )
    factories.ParagraphFactory(protocol=correction, order=1, number=1)
    final_document(correction, data=PDF + b"v2")
    results = meeting_data(client, published_protocol)["resultsProtocol"]
    assert results["accessUrl"].endswith(f"/protokoll/{correction.pk}/protokoll.pdf")
    assert results["sha512Checksum"] == hashlib.sha512(PDF + b"v2").hexdigest()
    assert results["name"] == "Justerat protokoll, version 2"


def test_created_and_modified_come_from_the_history(client, db):
    """created is the first history row, modified the last; created_since filters."""
    person = factories.PersonFactory(name="Historisk Person")
    factories.MembershipFactory(person=person)
    first = person.history.earliest("history_date").history_date
    later = timezone.now() + datetime.timedelta(seconds=1)
    person.title = "Ny titel"
    person._history_date = later
    person.save()
    data = get(client, f"{BASE}person/{person.pk}")
    assert datetime.datetime.fromisoformat(data["created"]) == first.replace(
        microsecond=0
    )
    assert datetime.datetime.fromisoformat(data["modified"]) == later.replace(
        microsecond=0
    )
    created = get(client, BASE + "person", created_since=later.isoformat())["data"]
    assert created == []
    modified = get(client, BASE + "person", modified_since=later.isoformat())["data"]
    assert [p["name"] for p in modified] == ["Historisk Person"]


def test_api_urls_are_the_url_patterns(rf):
    """The URLs joined to the API root are what reverse() gives."""
    from django.urls import reverse

    from council.portal.oparl.api import Api

    api = Api(rf.get("/api/oparl/v1.1/meeting"))
    absolute = "http://testserver"
    assert api.url("system") == absolute + reverse("oparl:system")
    assert api.url("body_list") == absolute + reverse("oparl:body_list")
    assert api.url("body", "1") == absolute + reverse("oparl:body", args=["1"])
    assert api.url("list", "meeting") == absolute + reverse(
        "oparl:list", args=["meeting"]
    )
    assert api.url("object", "meeting", 7) == absolute + reverse(
        "oparl:object", args=["meeting", "7"]
    )


def test_odd_ids_are_not_found_not_errors(client, demo_data):
    """A digit int() refuses ("²") or an id beyond any key: 404, never a 500."""
    for path in [
        "person/²",
        "person/" + "9" * 30,
        "organization/org-²",
        "organization/org-" + "9" * 30,
        "file/protokoll-²",
        "file/protokoll-" + "9" * 30,
    ]:
        assert client.get(BASE + path).status_code == 404, path


def test_a_day_that_does_not_exist_is_a_400(client, demo_data):
    """Well formed but impossible dates get the Swedish message, not a 500."""
    for value in ["2024-02-30", "2024-13-01T00:00", "2024-01-01T25:00"]:
        response = client.get(BASE + "meeting", {"modified_since": value})
        assert response.status_code == 400, value
        assert "ISO 8601" in json.loads(response.content)["message"]
