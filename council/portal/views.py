"""Public pages that draw on every app: the start page, a body's page, search, and
a person's page."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from council import selectors
from council.models import Body
from council.portal import people
from council.portal import search as search_module
from council.text import year_or_none
from meetings.models import Meeting
from meetings.selectors.tasks import tasks_for
from plans.selectors import plans_public_for_body


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
        # Signed in, the start page opens with what awaits the user.
        "tasks": tasks_for(user=request.user),
    }
    return render(request, "council/home.html", context)


BODY_MEETINGS = 10


def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        body = selectors.body_with_relations(slug=slug)
    except Body.DoesNotExist as exc:
        raise Http404 from exc
    if body.kind == Body.Kind.NETWORK:
        # A network's page is its network page; one address per page.
        return redirect(body.get_absolute_url(), permanent=True)
    meetings = list(
        Meeting.objects.public()
        .filter(body=body)
        .order_by("-starts_at")[:BODY_MEETINGS]
    )
    now = timezone.now()
    context = {
        "body": body,
        "page_body": body,
        "members_by_role": selectors.memberships_by_role(body=body),
        "upcoming": sorted(
            (m for m in meetings if m.starts_at >= now), key=lambda m: m.starts_at
        ),
        "past": [m for m in meetings if m.starts_at < now],
        "plans": plans_public_for_body(body=body),
    }
    return render(request, "council/body_detail.html", context)


def search(request: HttpRequest) -> HttpResponse:
    """/sok/?q=…: public protokoll, meeting items, plans and networks."""
    query = request.GET.get("q", "")
    kind = request.GET.get("typ", "")
    body = request.GET.get("organ", "")
    year = year_or_none(request.GET.get("ar", ""))
    results = search_module.search(
        query, kind=kind, body=body, year=year, page=request.GET.get("sida")
    )
    return render(
        request,
        "council/search.html",
        {
            "query": results.query,
            "results": results,
            "page": results.page,
            "chosen": {"typ": kind, "organ": body, "ar": year},
        },
    )


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A person with a public seat: their seats and where the protokoll name them."""
    person = people.public_person(pk)
    context = {
        "person": person,
        "other_spellings": person.spellings()[1:],
        "seats": people.seats(person),
        "named": people.named_paragraphs(person),
        "named_limit": people.NAMED_LIMIT,
    }
    return render(request, "council/person_detail.html", context)
