"""A read-only OParl 1.1 API of what is public: /api/oparl/v1.1/.

The portal is one OParl System with one Body, "Region Örebro län och länets
kommuner". Its Organizations are the bodies that meet (organizationType
"Gremium") and the member organisations the members represent ("Institution").
Persons, Memberships, Meetings (once the kallelse is sent), public AgendaItems
and public Files follow. `created` and `modified` come from the history tables.
Lists are paginated and take `modified_since`, `created_since` and `limit`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Model, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET

from council.models import Body, Membership, Organisation, Person
from meetings.models import AgendaItem, Attachment, Meeting

OPARL = "https://schema.oparl.org/1.1/"
BODY_ID = "1"
BODY_NAME = "Region Örebro län och länets kommuner"
DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class BadRequest(Exception):
    pass


def _with_dates(queryset: QuerySet) -> QuerySet:
    """Annotate created/modified from the model's history rows."""
    history = queryset.model.history.model.objects.filter(id=OuterRef("pk"))
    return queryset.annotate(
        oparl_created=Subquery(
            history.order_by("history_date").values("history_date")[:1]
        ),
        oparl_modified=Subquery(
            history.order_by("-history_date").values("history_date")[:1]
        ),
    )


def _iso(value: datetime.datetime | datetime.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


class Api:
    """URLs of this API for one request (absolute, as OParl wants)."""

    def __init__(self, request: HttpRequest):
        self.request = request

    def url(self, name: str, *args: Any) -> str:
        return self.request.build_absolute_uri(
            reverse(f"oparl:{name}", args=[str(a) for a in args])
        )

    def web(self, obj: Model) -> str:
        return self.request.build_absolute_uri(obj.get_absolute_url())

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


def meeting_object(api: Api, obj: Meeting) -> dict[str, Any]:
    data = api.common(obj, "Meeting", api.url("object", "meeting", obj.pk))
    invitation_url = api.request.build_absolute_uri(
        reverse("meetings:meeting_pdf", kwargs={"pk": obj.pk})
    )
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
    return data


@dataclass(frozen=True)
class Kind:
    rows: Callable[[], QuerySet]
    serialize: Callable[[Api, Any], dict[str, Any]]


def _meeting_rows() -> QuerySet[Meeting]:
    return public_meetings().prefetch_related(
        Prefetch(
            "agenda_items",
            queryset=_with_dates(AgendaItem.objects.filter(is_public=True)).order_by(
                "order", "pk"
            ),
            to_attr="public_items",
        )
    )


KINDS: dict[str, Kind] = {
    "person": Kind(public_people, person_object),
    "membership": Kind(public_memberships, membership_object),
    "meeting": Kind(_meeting_rows, meeting_object),
    "agendaitem": Kind(public_items, item_object),
    "file": Kind(public_files, file_object),
}


# --- Views ------------------------------------------------------------------------


def _json(data: dict[str, Any], status: int = 200) -> JsonResponse:
    response = JsonResponse(
        data, status=status, json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _since(request: HttpRequest, name: str) -> datetime.datetime | None:
    raw = request.GET.get(name)
    if not raw:
        return None
    value = parse_datetime(raw)
    if value is None:
        day = parse_date(raw)
        if day is None:
            raise BadRequest(f"{name} ska vara ett datum eller en tidpunkt (ISO 8601).")
        value = datetime.datetime.combine(day, datetime.time())
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _filtered(request: HttpRequest, rows: QuerySet) -> QuerySet:
    rows = _with_dates(rows)
    modified = _since(request, "modified_since")
    created = _since(request, "created_since")
    if modified:
        rows = rows.filter(oparl_modified__gte=modified)
    if created:
        rows = rows.filter(oparl_created__gte=created)
    return rows.order_by("pk")


def _page(request: HttpRequest, rows: list | QuerySet, serialize) -> dict[str, Any]:
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

    links = {"first": link(1), "last": link(paginator.num_pages)}
    if page.has_previous():
        links["prev"] = link(page.previous_page_number())
    if page.has_next():
        links["next"] = link(page.next_page_number())
    return {
        "data": [serialize(item) for item in page.object_list],
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
    return _json(_page(request, rows, lambda o: spec.serialize(api, o)))


@require_GET
def object_detail(request: HttpRequest, kind: str, key: str) -> JsonResponse:
    api = Api(request)
    if kind == "organization":
        prefix, _, rest = key.partition("-")
        if prefix == "organ":
            rows: QuerySet = public_bodies().filter(slug=rest)
        elif prefix == "org" and rest.isdigit():
            rows = Organisation.objects.filter(
                pk=int(rest), pk__in=public_memberships().values("organisation")
            )
        else:
            raise Http404
        obj = _with_dates(rows).first()
        if obj is None:
            raise Http404
        return _json(organisation_object(api, obj))
    spec = KINDS.get(kind)
    if spec is None or not key.isdigit():
        raise Http404
    obj = _with_dates(spec.rows()).filter(pk=int(key)).first()
    if obj is None:
        raise Http404
    return _json(spec.serialize(api, obj))
