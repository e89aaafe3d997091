"""Every page of the portal answers a hostile request without a server error:
each URL pattern with real ids and with hostile ones in each argument, hostile
query strings, and every form on the way posted as rendered and with hostile
values, as each role. The admin has its own walk (test_admin.py)."""

from __future__ import annotations

from urllib.parse import unquote, urljoin

from django.test import Client
from django.urls import Resolver404, resolve

from tests.fuzz.walk import (
    HOSTILE,
    Findings,
    Route,
    hostile_bodies,
    hostile_queries,
    post_forms,
    query_names,
    routes,
)
from tests.fuzz.world import World


def portal_routes() -> list[Route]:
    return [route for route in routes() if not route.template.startswith("admin/")]


def client_as(user) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def reaches(route: Route, path: str) -> bool:
    """Whether `path` resolves to `route` (and so reaches its view)."""
    try:
        match = resolve(path.split("?")[0])
    except Resolver404:
        return False
    return match.view_name == route.name


def walk_route(
    route: Route, world: World, role: str, client: Client, found: Findings
) -> list[tuple[str, dict]]:
    """GET the route's real and hostile URLs; return the forms its pages post.

    A hostile argument the URL pattern refuses ends at the resolver's 404 and is
    sent by the first role only; hostile query strings go to the pages (HTML or
    JSON) that answered the real URL.
    """
    arguments = world.arguments(route.prefix, list(route.names)) or [
        {name: "1" for name in route.names}
    ]
    forms: list[tuple[str, dict]] = []
    pages: list[str] = []
    for values in arguments:
        url = route.fill(values)
        response = found.check(client, "GET", url, role, route)
        found.check(client, "POST", url, role, route)
        kind = response.get("Content-Type", "")
        if response.status_code == 200 and ("html" in kind or "json" in kind):
            pages.append(url)
            if "html" in kind:
                for form in post_forms(response.content.decode()):
                    forms.append((urljoin(url, form.action), form.data))
    first_role = role == next(iter(world.users))
    for name in route.names:
        for hostile in HOSTILE:
            url = route.fill({**arguments[0], name: hostile})
            if first_role or reaches(route, unquote(url)):
                found.check(client, "GET", url, role, route)
    for url in pages[:1]:
        for query in hostile_queries(query_names()):
            found.check(client, "GET", f"{url}?{query}", role, route)
    return forms


def test_every_page_survives_hostile_requests(world):
    """No URL of the portal, as no role, answers 500 to hostile ids, query
    strings or form values; the message lists every one that does."""
    found = Findings()
    by_path = {}
    for role, user in world.users.items():
        client = client_as(user)
        posted: set[tuple[str, tuple[str, ...]]] = set()
        for route in portal_routes():
            by_path[route.template] = route
            for action, data in walk_route(route, world, role, client, found):
                key = (action, tuple(sorted(data)))
                if key in posted:
                    continue
                posted.add(key)
                for body in hostile_bodies(data):
                    found.check(client, "POST", action, role, route, body)

    assert not found.rows, found.report()
