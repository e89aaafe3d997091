"""Public pages of the council app: the start page, a body's page, logging out."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from council import search as search_module
from council import selectors, services
from council.forms import AccessibilityFeedbackForm
from council.models import Body
from meetings.models import Meeting
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
        "members_by_role": selectors.memberships_by_role(body=body),
        "upcoming": sorted(
            (m for m in meetings if m.starts_at >= now), key=lambda m: m.starts_at
        ),
        "past": [m for m in meetings if m.starts_at < now],
        "plans": plans_public_for_body(body=body),
    }
    return render(request, "council/body_detail.html", context)


class LogoutView(auth_views.LogoutView):
    """Logging out is a POST; a GET (a typed or bookmarked address) asks first."""

    http_method_names = ["get", "post", "options"]
    template_name = "council/logout_confirm.html"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return render(request, self.template_name)


# When and how the accessibility statement was last assessed.
ACCESSIBILITY_ASSESSED_ON = datetime.date(2026, 11, 23)
DIGG_COMPLAINTS_URL = (
    "https://www.digg.se/analys-och-uppfoljning/lagen-om-tillganglighet-till-"
    "digital-offentlig-service-dos-lagen/anmal-bristande-tillganglighet"
)


def accessibility(request: HttpRequest) -> HttpResponse:
    """The tillgänglighetsredogörelse, with a form for reporting problems."""
    form = AccessibilityFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["website"]:
            services.accessibility_feedback_submit(
                message=data["message"],
                page=data["page"],
                name=data["name"],
                email=data["email"],
            )
        messages.success(
            request,
            "Tack! Din synpunkt är mottagen och skickad till sekretariatet.",
        )
        return redirect("council:accessibility")
    return render(
        request,
        "council/accessibility.html",
        {
            "form": form,
            "assessed_on": ACCESSIBILITY_ASSESSED_ON,
            "digg_url": DIGG_COMPLAINTS_URL,
            "feedback_email": settings.FEEDBACK_EMAIL,
        },
        status=400 if form.errors else 200,
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /mina-moten/",
        "Disallow: /logga-in/",
        "Disallow: /logga-ut/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


def search(request: HttpRequest) -> HttpResponse:
    """/sok/?q=…: public protokoll, meeting items, plans and networks."""
    query = request.GET.get("q", "")
    kind = request.GET.get("typ", "")
    body = request.GET.get("organ", "")
    try:
        year = int(request.GET["ar"]) if request.GET.get("ar") else None
    except ValueError:
        year = None
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


def health(request: HttpRequest) -> HttpResponse:
    """A bare page without the database: for load balancers, and bench's baseline."""
    return render(request, "council/health.html")
