"""The admin answers hostile requests without a server error: every admin URL
with real and hostile ids, every changelist with hostile search, ordering, page
and filter values, the autocomplete with hostile terms and names, and every form
on the way posted as rendered, with each hostile value in every field, and with
another option chosen in each of its select fields."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from council.admin.lookups import KeysOnlyAutocompleteMixin
from meetings.models import Meeting
from tests.fuzz.walk import (
    KEPT,
    SHORT,
    Findings,
    Route,
    hostile_bodies,
    post_forms,
    routes,
)

# Answers of 500 that a change on another branch mends, by URL name.
ELSEWHERE = {
    "admin:meetings_meetingchange_add": "MeetingChange admin (changed_at set on add)",
    "admin:meetings_protocol_change": "state fields of Protocol made read-only",
    "admin:meetings_meeting_change": "state fields of Meeting made read-only",
    "admin:plans_annualplan_change": "state fields of AnnualPlan made read-only",
}

MODEL_PATH = re.compile(r"admin/(?P<app>\w+)/(?P<model>\w+)/")


def admin_routes() -> list[Route]:
    return [route for route in routes() if route.template.startswith("admin/")]


def real_arguments(route: Route) -> dict[str, object]:
    """Real values for an admin URL's arguments: a row of the route's model."""
    values: dict[str, object] = {"app_label": "meetings", "url": "finns-inte/"}
    match = MODEL_PATH.match(route.template)
    model = None
    if match and match["app"] in {c.label for c in apps.get_app_configs()}:
        try:
            model = apps.get_model(match["app"], match["model"])
        except LookupError:
            model = None
    if model is None:
        model = Meeting
    obj = model._default_manager.order_by("pk").first()
    if obj is not None:
        values["object_id"] = values["id"] = obj.pk
        history = getattr(obj, "history", None)
        if history is not None and hasattr(history, "order_by"):
            values["version_id"] = history.order_by("history_id").first().history_id
    values["content_type_id"] = ContentType.objects.get_for_model(model).pk
    return values


def alternatives(html: str, data: dict[str, list[str]]) -> list[dict]:
    """The form with one select field changed to another of its options."""
    bodies = []
    for name, options in re.findall(
        r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, flags=re.S
    ):
        if name not in data or KEPT.fullmatch(name):
            continue
        values = [v for v in re.findall(r'<option value="([^"]*)"', options)]
        for value in [v for v in values if [v] != data[name]][:2]:
            bodies.append({**data, name: [value]})
    return bodies


def changelist_queries(html: str) -> list[str]:
    """Hostile values for the search, ordering, page and every filter the
    changelist's own links use."""
    names = {"q", "o", "p", "all", "_to_field", "e", "_popup"}
    for href in re.findall(r'href="\?([^"]*)"', html):
        names.update(name for name, _ in parse_qsl(href.replace("&amp;", "&")))
    return [urlencode({name: value}) for name in sorted(names) for value in SHORT] + [
        urlencode([(name, value) for name in sorted(names) for value in "ab"])
    ]


def autocomplete_queries() -> list[str]:
    """Every autocomplete field of the admin with hostile terms; hostile names."""
    queries = []
    names = {}
    for model, model_admin in admin.site._registry.items():
        admins = [model_admin, *(i(model, admin.site) for i in model_admin.inlines)]
        for source in admins:
            for field_name in source.autocomplete_fields:
                target = source.model
                base = {
                    "app_label": target._meta.app_label,
                    "model_name": target._meta.model_name,
                    "field_name": field_name,
                }
                queries += [urlencode({**base, "term": v}) for v in SHORT[:4]]
                queries.append(urlencode({**base, "page": "-1"}))
                names = names or base
    queries += [urlencode({**names, name: value}) for name in names for value in SHORT]
    return sorted(set(queries))


def test_the_admin_survives_hostile_requests(world):
    """No admin URL answers 500 to a superuser's (or an anonymous visitor's)
    hostile ids, query strings or form values; the message lists every one that
    does, those another change mends marked as such."""
    found = Findings(elsewhere=ELSEWHERE)
    staff = Client(raise_request_exception=False)
    staff.force_login(world.users["administratör"])
    anonymous = Client(raise_request_exception=False)
    autocomplete = next(r for r in admin_routes() if r.name == "admin:autocomplete")
    for query in autocomplete_queries():
        found.check(
            staff, "GET", f"/admin/autocomplete/?{query}", "admin", autocomplete
        )

    for route in admin_routes():
        values = real_arguments(route)
        url = route.fill(values)
        found.check(anonymous, "GET", url, "anonym", route)
        response = found.check(staff, "GET", url, "administratör", route)
        for name in route.names:
            for hostile in SHORT:
                found.check(
                    staff,
                    "GET",
                    route.fill({**values, name: hostile}),
                    "administratör",
                    route,
                )
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        if route.name.endswith("_changelist"):
            for query in changelist_queries(html):
                found.check(staff, "GET", f"{url}?{query}", "administratör", route)
        if route.name.endswith("_delete"):
            continue  # the confirmation's form; deleting is tested in test_admin
        for form in post_forms(html):
            action = urljoin(url, form.action)
            if action != url:
                continue
            bodies = hostile_bodies(form.data) + alternatives(html, form.data)
            for body in bodies:
                found.check(staff, "POST", action, "administratör", route, body)

    assert not found.rows, found.report()


def test_every_admin_with_autocomplete_checks_its_keys():
    """Each model admin and inline with autocomplete fields looks up only posted
    values that can be keys (a new inline that forgets the mixin fails here)."""
    missing = [
        f"{model._meta.label}: {type(source).__name__}"
        for model, model_admin in admin.site._registry.items()
        for source in [
            model_admin,
            *(i(model, admin.site) for i in model_admin.inlines),
        ]
        if source.autocomplete_fields
        and not isinstance(source, KeysOnlyAutocompleteMixin)
    ]
    assert not missing, missing
