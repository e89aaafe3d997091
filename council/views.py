"""Public pages of the council app: the start page and a body's page."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from council import selectors
from council.models import Body


def home(request: HttpRequest) -> HttpResponse:
    try:
        council = selectors.body_with_relations(slug=settings.COUNCIL_SLUG)
    except Body.DoesNotExist:
        council = None
    context = {
        "council": council,
        "members_by_role": (
            selectors.memberships_by_role(body=council) if council else []
        ),
        "bodies": selectors.bodies_public(),
    }
    return render(request, "council/home.html", context)


def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        body = selectors.body_with_relations(slug=slug)
    except Body.DoesNotExist as exc:
        raise Http404 from exc
    context = {
        "body": body,
        "members_by_role": selectors.memberships_by_role(body=body),
        "network": getattr(body, "network_profile", None),
    }
    return render(request, "council/body_detail.html", context)
