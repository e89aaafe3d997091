from functools import cache

from django.conf import settings
from django.http import HttpRequest

from council.models import Membership
from council.permissions import is_administrator


def site(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)

    @cache
    def keeps_protocols() -> bool:
        """Whether to offer the protokoll overview (menu, breadcrumbs): those who
        may see it, the secretaries of active bodies and administrators.

        A callable, so the query runs only when a page asks (for logged-in users),
        and at most once a page.
        """
        if user is None or not user.is_authenticated:
            return False
        if is_administrator(user):
            return True
        return (
            Membership.objects.current()
            .filter(
                person__user=user,
                role=Membership.Role.SECRETARY,
                body__is_active=True,
            )
            .exists()
        )

    return {"SITE_NAME": settings.SITE_NAME, "keeps_protocols": keeps_protocols}
