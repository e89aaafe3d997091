"""iCalendar (RFC 5545) for meetings: invitations in e-mails and feeds.

Every meeting has one UID for its whole life (`meeting-<pk>@<host of SITE_URL>`),
and its SEQUENCE grows when time, place or status change, so calendars update the
event they already have instead of adding a new one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from meetings.models import AgendaItem, Meeting

PRODID = "-//Samverkansportalen//Möten//SV"


def site_url(path: str = "") -> str:
    return f"{settings.SITE_URL}{path}"


def meeting_url(meeting: Meeting) -> str:
    return site_url(reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk}))


def meeting_uid(meeting: Meeting) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"meeting-{meeting.pk}@{host}"


def summary(meeting: Meeting) -> str:
    text = f"{meeting.body.short_name}: {meeting.display_title}"
    # Not every calendar shows STATUS:CANCELLED; the title always shows.
    return f"Inställt: {text}" if meeting.state == Meeting.State.CANCELLED else text


def location(meeting: Meeting, *, non_public: bool) -> str:
    parts = [p for p in (meeting.location, meeting.address) if p]
    if meeting.online_url:
        parts.append(meeting.online_url if non_public else "Digitalt möte")
    return ", ".join(parts)


def description(
    meeting: Meeting, items: Iterable[AgendaItem], *, non_public: bool
) -> str:
    lines = []
    if meeting.state == Meeting.State.CANCELLED:
        lines.append("Mötet är inställt.")
        if meeting.cancel_reason:
            lines.append(f"Skäl: {meeting.cancel_reason}")
        lines.append("")
    lines.append("Dagordning:")
    for item in items:
        if item.is_public or non_public:
            lines.append(f"{item.order}. {item.title}")
    if non_public and meeting.online_url:
        lines += ["", f"Länk till det digitala mötet: {meeting.online_url}"]
    lines += ["", f"Mötessidan: {meeting_url(meeting)}"]
    return "\n".join(lines)


def meeting_event(
    meeting: Meeting,
    items: Iterable[AgendaItem],
    *,
    non_public: bool,
    stamp: datetime.datetime | None = None,
) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp or timezone.now())
    event.add("sequence", meeting.sequence)
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add("dtend", meeting.ends_at.astimezone(datetime.UTC))
    event.add("summary", summary(meeting))
    where = location(meeting, non_public=non_public)
    if where:
        event.add("location", where)
    event.add("description", description(meeting, items, non_public=non_public))
    event.add("url", meeting_url(meeting))
    event.add(
        "status",
        "CANCELLED" if meeting.state == Meeting.State.CANCELLED else "CONFIRMED",
    )
    return event


def _calendar(name: str | None = None, method: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    return cal


def feed(meetings: Iterable[Meeting], *, name: str, non_public: bool) -> bytes:
    """A subscribable feed; each meeting's items come from `feed_items`."""
    cal = _calendar(name=name)
    for meeting in meetings:
        items: Any = getattr(meeting, "feed_items", [])
        cal.add_component(meeting_event(meeting, items, non_public=non_public))
    return cal.to_ical()


def invitation(
    meeting: Meeting,
    items: Iterable[AgendaItem],
    *,
    organizer_email: str,
    attendee_email: str,
    attendee_name: str,
) -> bytes:
    """The .ics of a kallelse or tillägg: a request, or a cancel when cancelled."""
    cancelled = meeting.state == Meeting.State.CANCELLED
    cal = _calendar(method="CANCEL" if cancelled else "REQUEST")
    event = meeting_event(meeting, items, non_public=True)
    organizer = vCalAddress(f"mailto:{organizer_email}")
    organizer.params["cn"] = vText(meeting.body.name)
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{attendee_email}")
    attendee.params["cn"] = vText(attendee_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee)
    cal.add_component(event)
    return cal.to_ical()
