"""A read-only OParl 1.1 API of what is public: /api/oparl/v1.1/.

The portal is one OParl System with one Body, "Region Örebro län och länets
kommuner". Its Organizations are the bodies that meet (organizationType
"Gremium") and the member organisations the members represent ("Institution").
Persons, Memberships, Meetings (once the kallelse is sent), public AgendaItems
and public Files follow. A Meeting whose public protokoll has a final signed PDF
that the public may download links it as `resultsProtocol`, with its SHA-512
(`sha512Checksum`) and, as a vendor extension, its SHA-256.

`created` and `modified` come from the history tables: the first and the last
history row of each object, read for a whole page in one aggregated query per
model (never a subquery per row). Lists are paginated and take
`modified_since`, `created_since` and `limit`; a page costs the same number of
queries whatever its size.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Max, Min, Model, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET

from council.models import Body, Membership, Organisation, Person
from council.text import id_or_none
from meetings.documents.record import withheld
from meetings.models import (
    AgendaItem,
    Attachment,
    Meeting,
    Protocol,
    SignedDocument,
)

OPARL = "https://schema.oparl.org/1.1/"
# The prefix of this portal's own properties (OParl: "Herstellerspezifische
# Erweiterungen").
VENDOR = "samverkansportalen"
BODY_ID = "1"
BODY_NAME = "Region Örebro län och länets kommuner"
DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class BadRequest(Exception):
    pass


def _history(model: type[Model]) -> QuerySet:
    return model.history.model.objects.all()


def attach_dates(objects: Iterable[Model]) -> None:
    """Set oparl_created/oparl_modified from the history: one query per model."""
    by_model: dict[type[Model], list[Model]] = defaultdict(list)
    for obj in objects:
        by_model[type(obj)].append(obj)
    for model, rows in by_model.items():
        dates = {
            row["id"]: (row["created"], row["modified"])
            for row in _history(model)
            .filter(id__in=[obj.pk for obj in rows])
            .values("id")
            .annotate(created=Min("history_date"), modified=Max("history_date"))
            .order_by()
        }
        for obj in rows:
            obj.oparl_created, obj.oparl_modified = dates.get(obj.pk, (None, None))


def _changed_since(
    rows: QuerySet,
    *,
    modified: datetime.datetime | None,
    created: datetime.datetime | None,
) -> QuerySet:
    """Rows changed (a history row at or after) or created (the first one) since."""
    history = _history(rows.model)
    if modified:
        rows = rows.filter(
            pk__in=history.filter(history_date__gte=modified).values("id")
        )
    if created:
        rows = rows.filter(
            pk__in=history.values("id")
            .annotate(first=Min("history_date"))
            .filter(first__gte=created)
            .values("id")
        )
    return rows


def _iso(value: datetime.datetime | datetime.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


class Api:
    """URLs of this API for one request (absolute, as OParl wants).

    The API's own URLs are joined to its root, which is reversed once: a page
    of meetings holds thousands of them.
    """

    def __init__(self, request: HttpRequest):
        self.request = request
        self.root = request.build_absolute_uri(reverse("oparl:system"))
        self._web: dict[tuple[type, int], str] = {}

    def url(self, name: str, *args: Any) -> str:
        """The URL named `name` in council.urls' oparl_patterns."""
        parts = [str(a) for a in args]
        if name == "body_list":
            parts = ["body"]
        elif name == "body":
            parts = ["body", *parts]
        return self.root + "/".join(parts)

    def web(self, obj: Model) -> str:
        key = (type(obj), obj.pk)
        if key not in self._web:
            self._web[key] = self.request.build_absolute_uri(obj.get_absolute_url())
        return self._web[key]

    def absolute(self, name: str, **kwargs: Any) -> str:
        return self.request.build_absolute_uri(reverse(name, kwargs=kwargs))

    def common(self, obj: Model, kind: str, url: str) -> dict[str, Any]:
        return {
            "id": url,
            "type": f"{OPARL}{kind}",
            "created": _iso(getattr(obj, "oparl_created", None)),
            "modified": _iso(getattr(obj, "oparl_modified", None)),
            "deleted": False,
        }


# --- What is public ---------------------------------------------------------------


def public_bodies() -> QuerySet[Body]:
    return Body.objects.filter(is_active=True).select_related("parent")


def public_memberships() -> QuerySet[Membership]:
    return Membership.objects.filter(body__is_active=True).select_related(
        "person", "body", "organisation"
    )


def public_people() -> QuerySet[Person]:
    """People with a seat in a public body; nothing else about them is shown."""
    return Person.objects.filter(
        pk__in=public_memberships().values("person")
    ).prefetch_related(
        Prefetch(
            "memberships", queryset=Membership.objects.filter(body__is_active=True)
        )
    )


def public_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.public().select_related("body")


def public_items() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(
        is_public=True, meeting__in=public_meetings()
    ).select_related("meeting")


def public_protocol_documents() -> QuerySet[SignedDocument]:
    """Final signed PDFs of public protokoll with nothing withheld from the public:
    the rule the PDF's own page applies (meetings.documents.record.withheld)."""
    return (
        SignedDocument.objects.final()
        .without_data()
        .filter(
            kind=SignedDocument.Kind.PROTOCOL,
            protocol__in=Protocol.objects.public().exclude(withheld()),
        )
        .select_related("protocol__meeting__body")
    )


def attach_results_protocols(meetings: Iterable[Meeting]) -> None:
    """Set oparl_results: the latest public version's signed PDF, or None."""
    meetings = list(meetings)
    documents = public_protocol_documents().filter(
        protocol__meeting__in=[m.pk for m in meetings]
    )
    latest: dict[int, SignedDocument] = {}
    for document in documents.order_by("protocol__version", "pk"):
        latest[document.protocol.meeting_id] = document
    for meeting in meetings:
        meeting.oparl_results = latest.get(meeting.pk)


def public_files() -> QuerySet[Attachment]:
    return Attachment.objects.filter(
        Q(agenda_item__isnull=True) | Q(agenda_item__is_public=True),
        is_public=True,
        paragraph__isnull=True,
        meeting__in=public_meetings(),
    ).select_related("meeting", "agenda_item")


# --- Serialisation ----------------------------------------------------------------


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
        startDate=_iso(obj.starts),
        endDate=_iso(obj.ends),
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
        mimeType=obj.content_type or "application/octet-stream",
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
        "date": _iso(document.finalised_at),
        "size": document.size,
        "sha512Checksum": document.sha512,
        # The SHA-256 the protokoll's page and its extracts show, as a vendor
        # extension (OParl: a prefixed property name).
        f"{VENDOR}:sha256Checksum": document.sha256,
        "accessUrl": pdf,
        "downloadUrl": pdf,
        "meeting": [api.url("object", "meeting", protocol.meeting_id)],
        "web": api.absolute("meetings:protocol_detail", pk=protocol.pk),
        "created": _iso(document.created_at),
        "modified": _iso(document.finalised_at),
        "deleted": False,
    }


def meeting_object(api: Api, obj: Meeting) -> dict[str, Any]:
    data = api.common(obj, "Meeting", api.url("object", "meeting", obj.pk))
    invitation_url = api.absolute("meetings:meeting_pdf", pk=obj.pk)
    data.update(
        name=obj.title or f"Sammanträde {obj.body.short_name}",
        meetingState=obj.get_state_display(),
        cancelled=obj.state == Meeting.State.CANCELLED,
        start=_iso(obj.starts_at),
        end=_iso(obj.ends_at),
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


def _no_preparation(objects: list[Any]) -> None:
    return None


@dataclass(frozen=True)
class Kind:
    """One list: its rows, how a row is written, and what a page of them needs
    fetched at once (besides the dates) before it is written."""

    rows: Callable[[], QuerySet]
    serialize: Callable[[Api, Any], dict[str, Any]]
    prepare: Callable[[list[Any]], None] = _no_preparation


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


# --- Views ------------------------------------------------------------------------


def _json(data: dict[str, Any], status: int = 200) -> JsonResponse:
    # Compact: with an indent the json module falls back to its slow Python encoder.
    response = JsonResponse(
        data, status=status, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _since(request: HttpRequest, name: str) -> datetime.datetime | None:
    raw = request.GET.get(name)
    if not raw:
        return None
    try:  # None when not ISO 8601, ValueError when no such day ("2024-02-30")
        value = parse_datetime(raw)
        day = parse_date(raw) if value is None else None
    except ValueError:
        value = day = None
    if value is None:
        if day is None:
            raise BadRequest(f"{name} ska vara ett datum eller en tidpunkt (ISO 8601).")
        value = datetime.datetime.combine(day, datetime.time())
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _filtered(request: HttpRequest, rows: QuerySet) -> QuerySet:
    return _changed_since(
        rows,
        modified=_since(request, "modified_since"),
        created=_since(request, "created_since"),
    ).order_by("pk")


def _page(
    request: HttpRequest,
    rows: list | QuerySet,
    serialize,
    prepare: Callable[[list[Any]], None] = _no_preparation,
) -> dict[str, Any]:
    try:
        limit = int(request.GET.get("limit", DEFAULT_LIMIT))
        number = int(request.GET.get("page", 1))
    except ValueError as exc:
        raise BadRequest("limit och page ska vara heltal.") from exc
    limit = max(1, min(limit, MAX_LIMIT))
    paginator = Paginator(rows, limit)
    page = paginator.get_page(number)

    def link(n: int) -> str:
        params = request.GET.copy()
        params["page"] = str(n)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    objects = list(page.object_list)
    attach_dates(objects)
    prepare(objects)
    links = {"first": link(1), "last": link(paginator.num_pages)}
    if page.has_previous():
        links["prev"] = link(page.previous_page_number())
    if page.has_next():
        links["next"] = link(page.next_page_number())
    return {
        "data": [serialize(item) for item in objects],
        "pagination": {
            "totalElements": paginator.count,
            "elementsPerPage": limit,
            "currentPage": page.number,
            "totalPages": paginator.num_pages,
        },
        "links": links,
    }


def _organisations(request: HttpRequest) -> list[Body | Organisation]:
    bodies = _filtered(request, public_bodies()).prefetch_related("memberships")
    members = _filtered(
        request,
        Organisation.objects.filter(pk__in=public_memberships().values("organisation")),
    )
    return [*bodies, *members]


def _bad_request(view):
    def wrapped(request: HttpRequest, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadRequest as exc:
            return _json({"error": str(exc)}, status=400)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_GET
def system(request: HttpRequest) -> JsonResponse:
    api = Api(request)
    return _json(
        {
            "id": api.url("system"),
            "type": f"{OPARL}System",
            "oparlVersion": OPARL,
            "name": "Samverkansportalen",
            "body": api.url("body_list"),
            "website": request.build_absolute_uri("/"),
            "product": "Samverkansportalen",
            "contactName": "Sekretariatet, Region Örebro län",
        }
    )


@require_GET
def body_list(request: HttpRequest) -> JsonResponse:
    api = Api(request)
    return _json(
        {
            "data": [body_object(api)],
            "pagination": {
                "totalElements": 1,
                "elementsPerPage": 1,
                "currentPage": 1,
                "totalPages": 1,
            },
            "links": {},
        }
    )


@require_GET
def body(request: HttpRequest, key: str) -> JsonResponse:
    if key != BODY_ID:
        raise Http404
    return _json(body_object(Api(request)))


@require_GET
@_bad_request
def object_list(request: HttpRequest, kind: str) -> JsonResponse:
    api = Api(request)
    if kind == "organization":
        rows: Any = _organisations(request)
        return _json(_page(request, rows, lambda o: organisation_object(api, o)))
    if kind == "paper":  # the council has no papers (Drucksachen)
        return _json(_page(request, [], lambda o: o))
    spec = KINDS.get(kind)
    if spec is None:
        raise Http404
    rows = _filtered(request, spec.rows())
    return _json(_page(request, rows, lambda o: spec.serialize(api, o), spec.prepare))


@require_GET
def object_detail(request: HttpRequest, kind: str, key: str) -> JsonResponse:
    api = Api(request)
    if kind == "organization":
        prefix, _, rest = key.partition("-")
        if prefix == "organ":
            rows: QuerySet = public_bodies().filter(slug=rest)
        elif prefix == "org" and (organisation_id := id_or_none(rest)) is not None:
            rows = Organisation.objects.filter(
                pk=organisation_id,
                pk__in=public_memberships().values("organisation"),
            )
        else:
            raise Http404
        obj = rows.prefetch_related("memberships").first()
        if obj is None:
            raise Http404
        attach_dates([obj])
        return _json(organisation_object(api, obj))
    protocol_id = id_or_none(key.removeprefix("protokoll-"))
    if kind == "file" and key.startswith("protokoll-") and protocol_id is not None:
        document = public_protocol_documents().filter(protocol=protocol_id).first()
        if document is None:
            raise Http404
        return _json(protocol_file_object(api, document))
    spec = KINDS.get(kind)
    pk = id_or_none(key)
    if spec is None or pk is None:
        raise Http404
    obj = spec.rows().filter(pk=pk).first()
    if obj is None:
        raise Http404
    attach_dates([obj])
    spec.prepare([obj])
    return _json(spec.serialize(api, obj))
