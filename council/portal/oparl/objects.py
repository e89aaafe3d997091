"""How each OParl type is written, and which rows each list holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from council.models import Body, Membership, Organisation, Person
from council.portal.oparl.api import BODY_ID, BODY_NAME, OPARL, VENDOR, Api, iso
from council.portal.oparl.history import attach_dates
from council.portal.oparl.public import (
    attach_results_protocols,
    public_files,
    public_items,
    public_meetings,
    public_memberships,
    public_people,
)
from council.uploads import served_content_type
from meetings.models import AgendaItem, Attachment, Meeting, SignedDocument


def organisation_key(obj: Body | Organisation) -> str:
    return f"organ-{obj.slug}" if isinstance(obj, Body) else f"org-{obj.pk}"


def body_object(api: Api) -> dict[str, Any]:
    return {
        "id": api.url("body", BODY_ID),
        "type": f"{OPARL}Body",
        "system": api.url("system"),
        "name": BODY_NAME,
        "shortName": "Samverkan RÖL",
        "website": api.request.build_absolute_uri("/"),
        "organization": api.url("list", "organization"),
        "person": api.url("list", "person"),
        "meeting": api.url("list", "meeting"),
        "agendaItem": api.url("list", "agendaitem"),
        "file": api.url("list", "file"),
        "membership": api.url("list", "membership"),
        "paper": api.url("list", "paper"),
        "legislativeTerm": [],
        "classification": "Samverkan mellan region och kommuner",
        "deleted": False,
    }


def organisation_object(api: Api, obj: Body | Organisation) -> dict[str, Any]:
    url = api.url("object", "organization", organisation_key(obj))
    data = api.common(obj, "Organization", url)
    data.update(body=api.url("body", BODY_ID), name=obj.name)
    if isinstance(obj, Body):
        data.update(
            shortName=obj.short_name,
            organizationType="Gremium",
            classification=obj.get_kind_display(),
            website=api.web(obj),
            membership=[
                api.url("object", "membership", m.pk) for m in obj.memberships.all()
            ],
        )
        if obj.parent_id:
            data["subOrganizationOf"] = api.url(
                "object", "organization", organisation_key(obj.parent)
            )
    else:
        data.update(
            shortName=obj.short_name,
            organizationType="Institution",
            classification=obj.get_kind_display(),
        )
    return data


def person_object(api: Api, obj: Person) -> dict[str, Any]:
    data = api.common(obj, "Person", api.url("object", "person", obj.pk))
    data.update(
        body=api.url("body", BODY_ID),
        name=obj.name,
        membership=[
            api.url("object", "membership", m.pk) for m in obj.memberships.all()
        ],
    )
    if obj.party:
        data["keyword"] = [obj.get_party_display()]
    return data


def membership_object(api: Api, obj: Membership) -> dict[str, Any]:
    data = api.common(obj, "Membership", api.url("object", "membership", obj.pk))
    data.update(
        person=api.url("object", "person", obj.person_id),
        organization=api.url("object", "organization", organisation_key(obj.body)),
        role=obj.get_role_display(),
        votingRight=obj.is_voting,
        startDate=iso(obj.starts),
        endDate=iso(obj.ends),
    )
    if obj.organisation_id:
        data["onBehalfOf"] = api.url(
            "object", "organization", organisation_key(obj.organisation)
        )
    return data


def item_object(api: Api, obj: AgendaItem) -> dict[str, Any]:
    data = api.common(obj, "AgendaItem", api.url("object", "agendaitem", obj.pk))
    data.update(
        meeting=api.url("object", "meeting", obj.meeting_id),
        number=str(obj.order),
        order=obj.order,
        name=obj.title,
        public=True,
        web=api.web(obj.meeting),
    )
    return data


def file_object(api: Api, obj: Attachment) -> dict[str, Any]:
    data = api.common(obj, "File", api.url("object", "file", obj.pk))
    download = api.request.build_absolute_uri(
        reverse(
            "meetings:attachment_download",
            kwargs={"pk": obj.meeting_id, "attachment_pk": obj.pk},
        )
    )
    data.update(
        name=obj.title,
        fileName=obj.original_name,
        # The type the download is served with (`council.uploads`).
        mimeType=served_content_type(obj.content_type),
        size=obj.size,
        accessUrl=download,
        downloadUrl=download,
        meeting=[api.url("object", "meeting", obj.meeting_id)],
    )
    if obj.agenda_item_id:
        data["agendaItem"] = [api.url("object", "agendaitem", obj.agenda_item_id)]
    return data


def protocol_file_key(document: SignedDocument) -> str:
    return f"protokoll-{document.protocol_id}"


def protocol_file_object(api: Api, document: SignedDocument) -> dict[str, Any]:
    """The justerat protokoll as signed: the stored PDF and its SHA-256."""
    protocol = document.protocol
    url = api.url("object", "file", protocol_file_key(document))
    pdf = api.absolute("meetings:protocol_pdf", pk=protocol.pk)
    name = "Justerat protokoll"
    if protocol.version > 1:
        name += f", version {protocol.version}"
    return {
        "id": url,
        "type": f"{OPARL}File",
        "name": name,
        "fileName": document.filename,
        "mimeType": "application/pdf",
        "date": iso(document.finalised_at),
        "size": document.size,
        "sha512Checksum": document.sha512,
        # The SHA-256 the protokoll's page and its extracts show, as a vendor
        # extension (OParl: a prefixed property name).
        f"{VENDOR}:sha256Checksum": document.sha256,
        "accessUrl": pdf,
        "downloadUrl": pdf,
        "meeting": [api.url("object", "meeting", protocol.meeting_id)],
        "web": api.absolute("meetings:protocol_detail", pk=protocol.pk),
        "created": iso(document.created_at),
        "modified": iso(document.finalised_at),
        "deleted": False,
    }


def meeting_object(api: Api, obj: Meeting) -> dict[str, Any]:
    data = api.common(obj, "Meeting", api.url("object", "meeting", obj.pk))
    invitation_url = api.absolute("meetings:meeting_pdf", pk=obj.pk)
    data.update(
        name=obj.title or f"Sammanträde {obj.body.short_name}",
        meetingState=obj.get_state_display(),
        cancelled=obj.state == Meeting.State.CANCELLED,
        start=iso(obj.starts_at),
        end=iso(obj.ends_at),
        location={
            "type": f"{OPARL}Location",
            "description": ", ".join(p for p in (obj.location, obj.address) if p)
            or "Digitalt möte",
        },
        organization=[api.url("object", "organization", organisation_key(obj.body))],
        invitation={
            "type": f"{OPARL}File",
            "name": "Kallelse",
            "fileName": f"kallelse-{obj.pk}.pdf",
            "mimeType": "application/pdf",
            "accessUrl": invitation_url,
            "downloadUrl": invitation_url,
        },
        agendaItem=[item_object(api, item) for item in obj.public_items],
        web=api.web(obj),
    )
    if obj.oparl_results is not None:
        data["resultsProtocol"] = protocol_file_object(api, obj.oparl_results)
    return data


def no_preparation(objects: list[Any]) -> None:
    return None


@dataclass(frozen=True)
class Kind:
    """One list: its rows, how a row is written, and what a page of them needs
    fetched at once (besides the dates) before it is written."""

    rows: Callable[[], QuerySet]
    serialize: Callable[[Api, Any], dict[str, Any]]
    prepare: Callable[[list[Any]], None] = no_preparation


def _meeting_rows() -> QuerySet[Meeting]:
    return public_meetings().prefetch_related(
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.filter(is_public=True)
            .only("pk", "meeting_id", "order", "title")
            .order_by("order", "pk"),
            to_attr="public_items",
        )
    )


def _prepare_meetings(meetings: list[Meeting]) -> None:
    attach_dates(item for meeting in meetings for item in meeting.public_items)
    attach_results_protocols(meetings)


KINDS: dict[str, Kind] = {
    "person": Kind(public_people, person_object),
    "membership": Kind(public_memberships, membership_object),
    "meeting": Kind(_meeting_rows, meeting_object, _prepare_meetings),
    "agendaitem": Kind(public_items, item_object),
    "file": Kind(public_files, file_object),
}
