"""Helpers of the plans tests: the roles of the `users` fixture, and logging in as
one of them.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

ROLES = [
    "anonym",
    "annat organ",
    "ledamot",
    "beredningsgruppen",
    "sekreterare",
    "administratör",
]


def login(client, user):
    if not isinstance(user, AnonymousUser):
        client.force_login(user)
