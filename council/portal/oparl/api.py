"""The API's constants, its URLs for one request, and the fields every object has."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

OPARL = "https://schema.oparl.org/1.1/"
# The prefix of this portal's own properties (OParl: "Herstellerspezifische
# Erweiterungen").
VENDOR = "samverkansportalen"
BODY_ID = "1"
BODY_NAME = "Region Örebro län och länets kommuner"


class BadRequest(Exception):
    pass


def iso(value: datetime.datetime | datetime.date | None) -> str | None:
    """OParl's date-time (yyyy-mm-ddThh:mm:ss±hh:mm) or date (yyyy-mm-dd)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def iso_date(value: datetime.datetime | None) -> str | None:
    """The local day of a moment, as an OParl date."""
    return None if value is None else timezone.localdate(value).isoformat()


def present(data: dict[str, Any]) -> dict[str, Any]:
    """Without the properties that have no value: OParl (2.4, "null-Werte und
    leere Listen") writes an optional property with nothing to say not at all,
    rather than as null, "" or []."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


class Api:
    """URLs of this API for one request (absolute, as OParl wants).

    The API's own URLs are joined to its root, which is reversed once: a page
    of meetings holds thousands of them.
    """

    def __init__(self, request: HttpRequest):
        self.request = request
        self.root = request.build_absolute_uri(reverse("oparl:system"))
        self._web: dict[tuple[type, int], str] = {}

    def url(self, name: str, *args: Any) -> str:
        """The URL named `name` in council.portal.oparl.urls."""
        parts = [str(a) for a in args]
        if name == "body_list":
            parts = ["body"]
        elif name == "body":
            parts = ["body", *parts]
        return self.root + "/".join(parts)

    def web(self, obj: Model) -> str:
        key = (type(obj), obj.pk)
        if key not in self._web:
            self._web[key] = self.request.build_absolute_uri(obj.get_absolute_url())
        return self._web[key]

    def absolute(self, name: str, **kwargs: Any) -> str:
        return self.request.build_absolute_uri(reverse(name, kwargs=kwargs))

    def common(self, obj: Model, kind: str, url: str) -> dict[str, Any]:
        """id, type and the dates from the history (attach_dates)."""
        return present(
            {
                "id": url,
                "type": f"{OPARL}{kind}",
                "created": iso(getattr(obj, "oparl_created", None)),
                "modified": iso(getattr(obj, "oparl_modified", None)),
                "deleted": False,
            }
        )
