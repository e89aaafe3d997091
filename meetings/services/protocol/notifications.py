"""E-mail about a protokoll: justering requested, ändringsförslag, justerat, and
reminders before the justering deadline. Called after the transaction commits."""

from __future__ import annotations

import datetime

from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from council.models import Person
from meetings.calendar import site_url
from meetings.models import Protocol
from meetings.selectors.protocol import review as review_selectors


def _address(person: Person | None) -> str:
    if person is None:
        return ""
    if person.email:
        return person.email
    user = person.user
    return user.email if user is not None and user.is_active else ""


def _protocol(protocol_id: int) -> Protocol:
    return Protocol.objects.select_related(
        "meeting__body", "chair__user", "secretary__user"
    ).get(pk=protocol_id)


def _title(protocol: Protocol) -> str:
    meeting = protocol.meeting
    return _("protokollet från %(body)s %(date)s") % {
        "body": meeting.body.short_name,
        "date": formats.date_format(meeting.local_start, "j F Y"),
    }


def _send(
    protocol: Protocol, people: list[Person], subject: str, template: str, **extra
) -> int:
    messages = []
    seen: set[str] = set()
    for person in people:
        address = _address(person)
        if not address or address.casefold() in seen:
            continue
        seen.add(address.casefold())
        text = render_to_string(
            template,
            {
                "protocol": protocol,
                "meeting": protocol.meeting,
                "person": person,
                "title": _title(protocol),
                "deadline": protocol.meeting.justering_deadline,
                "review_url": site_url(
                    reverse("meetings:protocol_review", kwargs={"pk": protocol.pk})
                ),
                "edit_url": site_url(
                    reverse("meetings:protocol_edit", kwargs={"pk": protocol.pk})
                ),
                **extra,
            },
        )
        messages.append((subject, text, None, [address]))
    return send_mass_mail(messages, fail_silently=True) if messages else 0


def justering_requested(*, protocol_id: int) -> int:
    protocol = _protocol(protocol_id)
    return _send(
        protocol,
        review_selectors.pending_signers(protocol),
        _("Justera %(title)s") % {"title": _title(protocol)},
        "meetings/protocol/email/justering_requested.txt",
    )


def comments_sent(*, protocol_id: int, author: int) -> int:
    protocol = _protocol(protocol_id)
    return _send(
        protocol,
        [protocol.secretary] if protocol.secretary else [],
        _("Ändringsförslag till %(title)s") % {"title": _title(protocol)},
        "meetings/protocol/email/comments_sent.txt",
        author=Person.objects.get(pk=author),
    )


def protocol_justerat(*, protocol_id: int) -> int:
    protocol = _protocol(protocol_id)
    return _send(
        protocol,
        [protocol.secretary] if protocol.secretary else [],
        _("Justerat: %(title)s") % {"title": _title(protocol)},
        "meetings/protocol/email/justerat.txt",
    )


def justering_reminders(*, today: datetime.date | None = None) -> int:
    """Remind whoever has not justerat a protokoll in justering, daily until done.

    Sent from three days before the deadline (meeting + 14 days) and every day
    after it has passed.
    """
    day = today or timezone.localdate()
    sent = 0
    waiting = Protocol.objects.filter(state=Protocol.State.IN_JUSTERING).select_related(
        "meeting__body", "chair__user", "secretary__user"
    )
    for protocol in waiting:
        left = (protocol.meeting.justering_deadline - day).days
        if left > 3:
            continue
        sent += _send(
            protocol,
            review_selectors.pending_signers(protocol),
            _("Påminnelse: justera %(title)s") % {"title": _title(protocol)},
            "meetings/protocol/email/reminder.txt",
            days_left=left,
        )
    return sent
