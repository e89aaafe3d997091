"""The API's endpoints: the System, its one Body, the lists and single objects."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET

from council.models import Body, Organisation
from council.portal.oparl.api import BODY_ID, OPARL, Api, BadRequest
from council.portal.oparl.history import attach_dates, changed_since
from council.portal.oparl.objects import (
    KINDS,
    body_object,
    no_preparation,
    organisation_object,
    protocol_file_object,
)
from council.portal.oparl.public import (
    public_bodies,
    public_memberships,
    public_protocol_documents,
)
from council.text import id_or_none

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


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
    return changed_since(
        rows,
        modified=_since(request, "modified_since"),
        created=_since(request, "created_since"),
    ).order_by("pk")


def _page(
    request: HttpRequest,
    rows: list | QuerySet,
    serialize,
    prepare: Callable[[list[Any]], None] = no_preparation,
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
