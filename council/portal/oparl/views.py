"""The API's endpoints: the System, its one Body, the lists and single objects."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET

from council.models import Body, Membership, Organisation
from council.portal.oparl.api import BODY_ID, OPARL, Api, BadRequest
from council.portal.oparl.deleted import (
    GONE,
    Deleted,
    Tombstones,
    deleted_object,
    keys_with_deleted,
    load_with_deleted,
)
from council.portal.oparl.files import file_by_key, file_object
from council.portal.oparl.history import Window, attach_dates, dated_within, model_span
from council.portal.oparl.objects import (
    KINDS,
    Kind,
    body_object,
    organisation_object,
    system_object,
)
from council.portal.oparl.public import public_bodies, public_memberships
from council.text import id_or_none

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


def _json(data: dict[str, Any], status: int = 200) -> JsonResponse:
    # Compact: with an indent the json module falls back to its slow Python encoder.
    response = JsonResponse(
        data, status=status, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _moment(request: HttpRequest, name: str) -> datetime.datetime | None:
    """A filter's date-time (OParl 1.1, 2.5 "Filter"); a day alone is taken as
    its first moment, local time; anything else is a 400 with an Error object."""
    raw = request.GET.get(name)
    if raw is None:
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


def _window(request: HttpRequest) -> Window:
    return Window(**{name: _moment(request, name) for name in FILTERS})


def _page(
    request: HttpRequest,
    rows: list | QuerySet,
    serialize: Callable[[Any], dict[str, Any]],
    load: Callable[[list[Any]], list[Any]],
) -> dict[str, Any]:
    """A page of an external list (OParl 1.1, 2.5 "Paginierung"); its links
    keep the request's filters."""
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

    objects = load(list(page.object_list))
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


def _member_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        pk__in=public_memberships().values("organisation")
    )


BODIES = Tombstones(
    Body,
    public_bodies,
    lambda: Q(is_active=True),
    key=lambda row: f"organ-{row.slug}",
)
MEMBER_ORGANISATIONS = Tombstones(
    Organisation,
    _member_organisations,
    lambda: Q(id__in=Membership.history.model.objects.values("organisation_id")),
    key=lambda row: f"org-{row.id}",
)


def _organisations(window: Window) -> list[Body | Organisation | Deleted]:
    """Bodies, then member organisations; with `modified_since` the deleted ones
    of each after them (two queries each: the list is short, not paginated in SQL)."""
    bodies = dated_within(public_bodies(), window).prefetch_related("memberships")
    members = dated_within(_member_organisations(), window)
    rows = [*bodies.order_by("pk"), *members.order_by("pk")]
    if window.modified_since:
        for tombstones in (BODIES, MEMBER_ORGANISATIONS):
            pks = [pk for pk, _ in tombstones.keys(window, GONE)]
            rows += sorted(tombstones.load(pks).values(), key=lambda d: d.key)
    return rows


def _organisation(api: Api, obj: Body | Organisation | Deleted) -> dict[str, Any]:
    if isinstance(obj, Deleted):
        return deleted_object(api, "Organization", "organization", obj)
    return organisation_object(api, obj)


def _dated_live(objects: list[Any]) -> list[Any]:
    attach_dates(obj for obj in objects if not isinstance(obj, Deleted))
    return objects


def _error(message: str, status: int) -> JsonResponse:
    """OParl's error object (OParl 1.1, 2.9 "Ausnahmebehandlung")."""
    return _json({"type": f"{OPARL}Error", "message": message}, status=status)


def _errors(view):
    def wrapped(request: HttpRequest, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadRequest as exc:
            return _error(str(exc), 400)
        except Http404:
            return _error("Det finns inget sådant objekt eller någon sådan lista.", 404)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _deleted_organisation(prefix: str, rest: str) -> Deleted | None:
    """A deleted organ by the slug it last had, or a member organisation by id."""
    if prefix == "organ":
        history = Body.history.model.objects.filter(slug=rest)
        found = BODIES.load(history.values_list("id", flat=True))
        return next((d for d in found.values() if d.key == f"organ-{rest}"), None)
    pk = id_or_none(rest)
    return None if pk is None else MEMBER_ORGANISATIONS.get(pk)


@require_GET
def system(request: HttpRequest) -> JsonResponse:
    return _json(system_object(Api(request), model_span(Body)))


@require_GET
@_errors
def body_list(request: HttpRequest) -> JsonResponse:
    span = model_span(Body)
    bodies = [body_object(Api(request), span)] if _window(request).holds(*span) else []
    return _json(_page(request, bodies, lambda b: b, lambda objects: objects))


@require_GET
@_errors
def body(request: HttpRequest, key: str) -> JsonResponse:
    if key != BODY_ID:
        raise Http404
    return _json(body_object(Api(request), model_span(Body)))


@require_GET
@_errors
def object_list(request: HttpRequest, kind: str) -> JsonResponse:
    api = Api(request)
    window = _window(request)
    if kind == "organization":
        rows: Any = _organisations(window)
        return _json(_page(request, rows, lambda o: _organisation(api, o), _dated_live))
    spec = KINDS.get(kind)
    if spec is None:
        raise Http404
    if window.modified_since and spec.tombstones is not None:
        # Deleted objects too (OParl 1.1, 2.5 "Filter"; 2.8).
        tombstones = spec.tombstones
        keys = keys_with_deleted(spec.rows(window), tombstones, window)
        load = load_with_deleted(lambda: spec.rows(Window()), spec.load, tombstones)
        return _json(_page(request, keys, lambda o: _serialize(api, spec, o), load))
    return _json(
        _page(request, spec.rows(window), lambda o: spec.serialize(api, o), spec.load)
    )


def _serialize(api: Api, spec: Kind, obj: Any) -> dict[str, Any]:
    if isinstance(obj, Deleted):
        url_kind = next(name for name, kind in KINDS.items() if kind is spec)
        return deleted_object(api, spec.type, url_kind, obj)
    return spec.serialize(api, obj)


@require_GET
@_errors
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
            gone = _deleted_organisation(prefix, rest)
            if gone is None:
                raise Http404
            return _json(deleted_object(api, "Organization", "organization", gone))
        attach_dates([obj])
        return _json(organisation_object(api, obj))
    if kind == "file":
        row = file_by_key(key)
        if row is None:
            raise Http404
        return _json(file_object(api, row))
    spec = KINDS.get(kind)
    pk = id_or_none(key)
    if spec is None or pk is None:
        raise Http404
    obj = spec.rows(Window()).filter(pk=pk).first()
    if obj is None:
        gone = spec.tombstones.get(pk) if spec.tombstones else None
        if gone is None:
            raise Http404
        return _json(deleted_object(api, spec.type, kind, gone))
    (obj,) = spec.load([obj])
    return _json(spec.serialize(api, obj))
