"""The whole OParl API, walked from its System object and checked against the
table of OParl 1.1's rules (tests/portal/oparl_rules.py)."""

from __future__ import annotations

import json
from collections import deque

import pytest
from django.utils import timezone

from meetings.models import Meeting, Protocol, SignedDocument
from tests import factories
from tests.portal.oparl_rules import (
    OPARL,
    RULES,
    check_object,
    embedded_objects,
    urls_of,
)

pytestmark = pytest.mark.django_db
ROOT = "http://testserver/api/oparl/v1.1/"
PDF = b"%PDF-1.7\n% justerat\n%%EOF\n"


def get(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def final(protocol: Protocol, **fields) -> SignedDocument:
    document = SignedDocument(
        protocol=protocol,
        content_sha256="0" * 64,
        is_final=True,
        finalised_at=timezone.now(),
        **fields,
    )
    document.set_data(PDF + str(fields).encode())
    document.save()
    return document


@pytest.fixture
def world(demo_data):
    """The demo, with a called meeting that has a public attachment, a cancelled
    one, and a published, signed protokoll with a signed extract."""
    called = Meeting.objects.filter(starts_at__gt=timezone.now()).get()
    called.notice_sent_at = timezone.now()
    called.state = Meeting.State.CALLED
    called.save()
    item = called.agenda_items.order_by("order").first()
    factories.AttachmentFactory(
        meeting=called, agenda_item=item, is_public=True, title="Underlag"
    )
    factories.MeetingFactory(
        body=called.body,
        notice_sent_at=timezone.now(),
        state=Meeting.State.CANCELLED,
        cancel_reason="Ordföranden är sjuk.",
    )
    protocol = factories.ProtocolFactory(
        meeting__body=called.body,
        state=Protocol.State.PUBLISHED,
        published_at=timezone.now(),
    )
    paragraph = factories.ParagraphFactory(protocol=protocol, order=1, number=1)
    final(protocol, kind=SignedDocument.Kind.PROTOCOL)
    final(protocol, kind=SignedDocument.Kind.EXTRACT, paragraph=paragraph)
    return protocol


def walk(client) -> tuple[dict[str, dict], list[str]]:
    """Every object the API links from its System, by id, and what breaks the
    rules: list pages and their `links`, every URL property into the API, and
    the ids of embedded objects are followed."""
    served: dict[str, dict] = {}
    seen: set[str] = set()
    queue = deque([ROOT])
    problems: list[str] = []
    listed: list[dict] = []
    embedded: list[dict] = []

    def visit(obj: dict, *, alone: bool) -> None:
        problems.extend(check_object(obj, embedded=not alone))
        inner = embedded_objects(obj)
        embedded.extend(inner)
        queue.extend(u for u in urls_of(obj) if u.startswith(ROOT))
        queue.extend(o["id"] for o in inner if "id" in o)

    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        data = get(client, url)
        if "data" in data:  # a list page (OParl 1.1, 2.5 "Paginierung")
            assert {"data", "pagination", "links"} <= set(data), url
            paging = data["pagination"]
            if paging.get("currentPage", 1) < paging.get("totalPages", 1):
                assert "next" in data["links"], url
            queue.extend(data["links"].values())
            for obj in data["data"]:
                visit(obj, alone=True)
                listed.append(obj)
        else:
            visit(data, alone=True)
            served[data["id"]] = data
    for obj in listed:
        if served.get(obj["id"]) != obj:
            problems.append(f"{obj['id']}: listed otherwise than served")
    for obj in embedded:
        alone = served.get(obj.get("id"), {})
        if {k: alone.get(k) for k in obj} != obj:
            problems.append(f"{obj.get('id')}: embedded otherwise than served")
    return served, problems


def test_the_whole_api_follows_the_rules(client, world):
    """From the System, every object reachable conforms to OParl 1.1.

    OParl 1.1, 3 "Schema" (every object, embedded ones too, served at its id),
    3.1 (id, type, created, modified), 2.4 (formats, no null), 2.5 (lists),
    and each type's section (3.2 System ... 3.13 Location)."""
    served, problems = walk(client)
    assert problems == []
    types = {o["type"].removeprefix(OPARL) for o in served.values()}
    assert types == {
        "System",
        "Body",
        "Organization",
        "Person",
        "Membership",
        "Meeting",
        "AgendaItem",
        "File",
        "Location",
    }
    files = [i.removeprefix(f"{ROOT}file/") for i in served if "/file/" in i]
    assert {f.partition("-")[0] for f in files if "-" in f} == {
        "kallelse",
        "protokoll",
        "utdrag",
    }
    assert any(f.isdigit() for f in files)


DISPLAYABLE = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"}


def test_files_can_be_fetched_as_the_spec_says(client, world):
    """accessUrl answers; a downloadUrl is a download with the file's name.

    OParl 1.1, 2.7 "Dateizugriffe"."""
    files = get(client, ROOT + "file?limit=200")["data"]
    assert files
    for file in files:
        if "kallelse-" in file["id"]:
            continue  # rendered on request; its page is tested with the meeting
        response = client.get(file["accessUrl"])
        assert response.status_code == 200, file["id"]
        if "downloadUrl" in file:
            download = client.get(file["downloadUrl"])
            disposition = download["Content-Disposition"]
            assert disposition.startswith("attachment") and "filename" in disposition
        if file["mimeType"] in DISPLAYABLE:
            # The accessUrl must not be a forced download (2.7); only a type a
            # browser cannot show safely keeps the download as its accessUrl.
            disposition = response.get("Content-Disposition", "")
            assert not disposition.startswith("attachment"), file["id"]
        else:
            assert file["accessUrl"] == file["downloadUrl"], file["id"]


def test_the_checker_misses_no_required_property(client, world):
    """Dropping any one required property of a served object is reported, as
    is a property the table does not know, a null, or an unknown type.

    OParl 1.1, 3.1 "Eigenschaften mit Verwendung in mehreren Objekttypen" and
    each type's required properties (schema/*.json, `required`)."""
    served, _ = walk(client)
    by_type = {}
    for obj in served.values():
        by_type.setdefault(obj["type"].removeprefix(OPARL), obj)
    for name, obj in by_type.items():
        assert check_object(obj) == []
        rules = RULES[name]
        for prop in sorted(rules.required | rules.required_alone):
            assert prop in obj, (name, prop)
            broken = {k: v for k, v in obj.items() if k != prop}
            assert any(f"lacks {prop}" in p for p in check_object(broken)), (
                name,
                prop,
            )
        assert check_object({**obj, "fooBar": "x"}) != []
        assert check_object({**obj, "samverkansportalen:fooBar": "x"}) == []
        assert check_object({**obj, "modified": None}) != []
        assert check_object({**obj, "modified": "2024-01-01"}) != []
    meeting = next(o for o in served.values() if "resultsProtocol" in o)
    assert check_object({**meeting, "invitation": {"name": "x"}}) != []
    results = {**meeting["resultsProtocol"], "meeting": [meeting["id"]]}
    assert check_object({**meeting, "resultsProtocol": results}) != []
    assert check_object({**meeting, "type": f"{OPARL}Sitzung"}) != []
