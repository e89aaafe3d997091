"""How often one client may do something, counted in the cache."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: behind the proxy, the last one it added."""
    if settings.CLIENT_IP_FROM_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if last := forwarded.split(",")[-1].strip():
            return last
    return request.META.get("REMOTE_ADDR", "")


def throttle_allows(
    request: HttpRequest, *, scope: str, limit: int, window_seconds: int
) -> bool:
    """Count one use of `scope` by this client; False past `limit` in the window.

    A fixed window that starts with the client's first use. The default cache is
    per process unless it is configured as a shared one (Redis, Memcached), so with
    several workers each counts on its own.
    """
    key = f"throttle:{scope}:{client_ip(request)}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
