"""Pages of the core: the accessibility statement, logging out, robots.txt, health."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from council import services
from council.forms import AccessibilityFeedbackForm
from council.throttle import throttle_allows


class LogoutView(auth_views.LogoutView):
    """Logging out is a POST; a GET (a typed or bookmarked address) asks first."""

    http_method_names = ["get", "post", "options"]
    template_name = "council/logout_confirm.html"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return render(request, self.template_name)


# When and how the accessibility statement was last assessed.
ACCESSIBILITY_ASSESSED_ON = datetime.date(2026, 12, 2)
DIGG_COMPLAINTS_URL = (
    "https://www.digg.se/analys-och-uppfoljning/lagen-om-tillganglighet-till-"
    "digital-offentlig-service-dos-lagen/anmal-bristande-tillganglighet"
)


def accessibility(request: HttpRequest) -> HttpResponse:
    """The tillgänglighetsredogörelse, with a form for reporting problems."""
    form = AccessibilityFeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if throttle_allows(
            request,
            scope="accessibility-feedback",
            limit=settings.FEEDBACK_RATE_LIMIT,
            window_seconds=settings.FEEDBACK_RATE_WINDOW_SECONDS,
        ):
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
        form.add_error(
            None,
            _(
                "Du har skickat många synpunkter på kort tid. Vänta en stund och "
                "skicka sedan igen: din text finns kvar nedan."
            ),
        )
        status = 429
    elif form.errors:
        status = 400
    return render(
        request,
        "council/accessibility.html",
        {
            "form": form,
            "assessed_on": ACCESSIBILITY_ASSESSED_ON,
            "digg_url": DIGG_COMPLAINTS_URL,
            "feedback_email": settings.FEEDBACK_EMAIL,
        },
        status=status,
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


def health(request: HttpRequest) -> HttpResponse:
    """A bare page without the database: for load balancers, and bench's baseline."""
    return render(request, "council/health.html")
