"""Public pages of the council app: the start page, a body's page, logging out."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

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
    if body.kind == Body.Kind.NETWORK:
        # A network's page is its network page; one address per page.
        return redirect(body.get_absolute_url(), permanent=True)
    context = {
        "body": body,
        "members_by_role": selectors.memberships_by_role(body=body),
    }
    return render(request, "council/body_detail.html", context)


class LogoutView(auth_views.LogoutView):
    """Logging out is a POST; a GET (a typed or bookmarked address) asks first."""

    http_method_names = ["get", "post", "options"]
    template_name = "council/logout_confirm.html"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return render(request, self.template_name)
