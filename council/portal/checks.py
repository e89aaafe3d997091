"""Deployment check (`manage.py check --deploy`): no demo users outside DEBUG."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.checks import Error, register
from django.db import DatabaseError

from council.portal.demo.data.people import DEMO_USERS


def demo_users_present() -> list[str]:
    """Usernames of active demo users as `load_demo` creates them: a demo
    username with the demo e-mail address or the documented password."""
    usernames = [username for username, _person, _role in DEMO_USERS]
    users = get_user_model().objects.filter(username__in=usernames, is_active=True)
    return [
        user.username
        for user in users.order_by("username")
        if user.email == f"{user.username}@example.org"
        or user.check_password(settings.DEMO_PASSWORD)
    ]


@register(deploy=True)
def check_no_demo_users(app_configs=None, **kwargs) -> list[Error]:
    if settings.DEBUG:
        return []
    try:
        found = demo_users_present()
    except DatabaseError:
        # No database yet, or not migrated: then it holds no demo users either.
        return []
    if not found:
        return []
    return [
        Error(
            "Demo users created by load_demo exist: "
            + ", ".join(found)
            + ". Their password is documented and 'admin' is a superuser.",
            hint=(
                "Delete or deactivate them in the admin (Användare); if one is a "
                "real account, give it its own password and e-mail address."
            ),
            id="portal.E001",
        )
    ]
