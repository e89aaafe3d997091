"""How each OParl type is written, and which rows each list holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from council.models import Body, Membership, Organisation, Person
from council.portal.oparl.api import BODY_ID, BODY_NAME, OPARL, Api, iso, present
from council.portal.oparl.deleted import Tombstones
from council.portal.oparl.files import (
    MEETINGS,
    file_keys,
    file_object,
    in_called_meeting,
    kallelse_file_object,
    load_files,
    signed_file_object,
)
from council.portal.oparl.history import Window, attach_dates, dated_within
from council.portal.oparl.public import (
    attach_results_protocols,
    public_items,
    public_meetings,
    public_memberships,
    public_people,
)
from meetings.models import AgendaItem, Meeting


def organisation_key(obj: Body | Organisation) -> str:
    return f"organ-{obj.slug}" if isinstance(obj, Body) else f"org-{obj.pk}"


def system_object(api: Api, span: tuple[datetime, datetime]) -> dict[str, Any]:
    return {
        "id": api.url("system"),
        "type": f"{OPARL}System",
        "oparlVersion": OPARL,
        "name": "Samverkansportalen",
        "body": api.url("body_list"),
        "website": api.request.build_absolute_uri("/"),
        "contactName": "Sekretariatet, Region Örebro län",
        "created": iso(span[0]),
        "modified": iso(span[1]),
    }


def body_object(api: Api, span: tuple[datetime, datetime]) -> dict[str, Any]:
    """The one Body; it is as old as the oldest organ and changes with them
    (`span`, from the organs' history: the API's decision, see README)."""
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
        "consultation": api.url("list", "consultation"),
        "locationList": api.url("list", "location"),
        "legislativeTermList": api.url("list", "legislativeterm"),
        "legislativeTerm": [],
        "classification": "Samverkan mellan region och kommuner",
        "created": iso(span[0]),
        "modified": iso(span[1]),
        "deleted": False,
    }


def organisation_object(api: Api, obj: Body | Organisation) -> dict[str, Any]:
    url = api.url("object", "organization", organisation_key(obj))
    data = api.common(obj, "Organization", url)
    data.update(
        body=api.url("body", BODY_ID),
        name=obj.name,
        shortName=obj.short_name,
        classification=obj.get_kind_display(),
    )
    if isinstance(obj, Body):
        data.update(
            organizationType="Gremium",
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
        data["organizationType"] = "Institution"
    return present(data)


def person_object(api: Api, obj: Person) -> dict[str, Any]:
    """With its memberships embedded (OParl 1.1, 3.5 oparl:Person)."""
    data = api.common(obj, "Person", api.url("object", "person", obj.pk))
    data.update(
        body=api.url("body", BODY_ID),
        name=obj.name,
        membership=[
            membership_object(api, m, embedded=True) for m in obj.memberships.all()
        ],
        keyword=[obj.get_party_display()] if obj.party else None,
    )
    return present(data)


def membership_object(
    api: Api, obj: Membership, *, embedded: bool = False
) -> dict[str, Any]:
    """Embedded in its Person, without the back-reference to it."""
    data = api.common(obj, "Membership", api.url("object", "membership", obj.pk))
    data.update(
        person=None if embedded else api.url("object", "person", obj.person_id),
        organization=api.url("object", "organization", organisation_key(obj.body)),
        role=obj.get_role_display(),
        votingRight=obj.is_voting,
        startDate=iso(obj.starts),
        endDate=iso(obj.ends),
        onBehalfOf=api.url("object", "organization", f"org-{obj.organisation_id}")
        if obj.organisation_id
        else None,
    )
    return present(data)


def item_object(api: Api, obj: AgendaItem, *, embedded: bool = False) -> dict[str, Any]:
    """Embedded in its Meeting, without the back-reference to it."""
    data = api.common(obj, "AgendaItem", api.url("object", "agendaitem", obj.pk))
    data.update(
        meeting=None if embedded else api.url("object", "meeting", obj.meeting_id),
        number=str(obj.order),
        order=obj.order,
        name=obj.title,
        public=True,
        web=api.web(obj.meeting),
    )
    return present(data)


def location_object(
    api: Api, obj: Meeting, *, embedded: bool = False
) -> dict[str, Any]:
    """A meeting's place, as the meeting gives it: one Location per meeting,
    dated like the meeting."""
    data = api.common(obj, "Location", api.url("object", "location", obj.pk))
    data.update(
        description=", ".join(p for p in (obj.location, obj.address) if p)
        or "Digitalt möte",
        room=obj.location,
        streetAddress=obj.address,
        meetings=None if embedded else [api.url("object", "meeting", obj.pk)],
    )
    return present(data)


def meeting_state(obj: Meeting) -> tuple[str, bool]:
    """meetingState in OParl's recommended words, and cancelled: "durchgeführt"
    once the protokoll is published (then it took place), "eingeladen" from the
    kallelse until then, "terminiert" before it."""
    if obj.has_published_protocol:
        return "durchgeführt", False
    state = "eingeladen" if obj.notice_sent_at else "terminiert"
    return state, obj.state == Meeting.State.CANCELLED


def meeting_object(api: Api, obj: Meeting) -> dict[str, Any]:
    data = api.common(obj, "Meeting", api.url("object", "meeting", obj.pk))
    state, cancelled = meeting_state(obj)
    data.update(
        name=obj.title or f"Sammanträde {obj.body.short_name}",
        meetingState=state,
        cancelled=cancelled,
        start=iso(obj.starts_at),
        end=iso(obj.ends_at),
        location=location_object(api, obj, embedded=True),
        organization=[api.url("object", "organization", organisation_key(obj.body))],
        invitation=kallelse_file_object(api, obj, embedded=True)
        if obj.notice_sent_at
        else None,
        resultsProtocol=signed_file_object(api, obj.oparl_results, embedded=True)
        if obj.oparl_results is not None
        else None,
        agendaItem=[item_object(api, item, embedded=True) for item in obj.public_items],
        web=api.web(obj),
    )
    return present(data)


def _dated(objects: list[Any]) -> list[Any]:
    attach_dates(objects)
    return objects


@dataclass(frozen=True)
class Kind:
    """One list: its rows in a filter window, how a page of rows becomes the
    objects to write (their dates and whatever else they need, fetched for the
    whole page at once), how an object is written, and its OParl type and
    deleted objects (`deleted.Tombstones`) where rows can go."""

    rows: Callable[[Window], QuerySet]
    serialize: Callable[[Api, Any], dict[str, Any]]
    load: Callable[[list[Any]], list[Any]] = _dated
    type: str = ""
    tombstones: Tombstones | None = None


def _filtered(rows: Callable[[], QuerySet]) -> Callable[[Window], QuerySet]:
    return lambda window: dated_within(rows(), window).order_by("pk")


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


def _load_meetings(meetings: list[Meeting]) -> list[Meeting]:
    attach_dates(
        [*meetings, *(item for meeting in meetings for item in meeting.public_items)]
    )
    attach_results_protocols(meetings)
    return meetings


def _load_people(people: list[Person]) -> list[Person]:
    attach_dates([*people, *(m for p in people for m in p.memberships.all())])
    return people


def _no_rows(window: Window) -> QuerySet:
    return Meeting.objects.none()


def _had_membership() -> Q:
    return Q(id__in=Membership.history.model.objects.values("person_id"))


PEOPLE = Tombstones(Person, public_people, _had_membership)
MEMBERSHIPS = Tombstones(Membership, public_memberships, Q)
ITEMS = Tombstones(
    AgendaItem, public_items, lambda: Q(in_called_meeting(), is_public=True)
)

KINDS: dict[str, Kind] = {
    "person": Kind(
        _filtered(public_people), person_object, _load_people, "Person", PEOPLE
    ),
    "membership": Kind(
        _filtered(public_memberships),
        membership_object,
        type="Membership",
        tombstones=MEMBERSHIPS,
    ),
    "meeting": Kind(
        _filtered(_meeting_rows), meeting_object, _load_meetings, "Meeting", MEETINGS
    ),
    "agendaitem": Kind(
        _filtered(public_items), item_object, type="AgendaItem", tombstones=ITEMS
    ),
    "location": Kind(
        _filtered(public_meetings),
        location_object,
        type="Location",
        tombstones=MEETINGS,
    ),
    # Files keep their deleted ones in their own list of keys (files.file_keys).
    "file": Kind(file_keys, file_object, load_files, "File"),
    # The council has no papers (Drucksachen), so no consultations, and no
    # legislative terms (Wahlperioden): their lists are empty.
    "paper": Kind(_no_rows, lambda api, obj: {}),
    "consultation": Kind(_no_rows, lambda api, obj: {}),
    "legislativeterm": Kind(_no_rows, lambda api, obj: {}),
}
