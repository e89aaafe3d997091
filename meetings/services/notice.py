"""Kallelse and tillägg: e-mail every current ledamot and ersättare of the body.

Each e-mail carries the dagordning, links to the meeting page, an iCalendar
invitation and the kallelse as a PDF with the council's letterhead. The meeting
keeps a dispatch record of when and to whom; changes made after the kallelse
are sent as a tillägg.
"""

from __future__ import annotations

import logging
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from council.history import attribute, save_attributed
from council.models import Membership
from council.pdf import PdfResourceError
from council.pdf_store import StoredPdf, stored_pdf
from meetings import calendar, permissions
from meetings.models import AgendaItem, Meeting, NoticeDispatch
from meetings.selectors import meeting as selectors

logger = logging.getLogger(__name__)


def recipient_address(membership: Membership) -> str:
    person = membership.person
    if person.email:
        return person.email
    user = person.user
    return user.email if user is not None and user.is_active else ""


def notice_recipients(meeting: Meeting) -> tuple[list[dict], list[dict]]:
    """Who a kallelse or tillägg goes to now: (reached, without an e-mail address).

    One e-mail per address; the confirmation before sending shows these lists."""
    reached, missing = [], []
    seen: set[str] = set()
    for membership in selectors.called_memberships(body=meeting.body):
        entry = {
            "person_id": membership.person_id,
            "name": membership.person.name,
            "role": membership.get_role_display(),
        }
        address = recipient_address(membership)
        if not address:
            missing.append(entry)
        elif address.casefold() not in seen:
            seen.add(address.casefold())
            reached.append({**entry, "email": address})
    return reached, missing


def kallelse_document(meeting: Meeting, *, non_public: bool) -> StoredPdf:
    """The kallelse with the letterhead; the public version lists public items.

    Rendered once per version of its content and kept (council/pdf_store.py)."""
    items = selectors.agenda(meeting=meeting, non_public=non_public)
    return stored_pdf(
        kind="kallelse",
        subject=f"{meeting.pk}-{'complete' if non_public else 'public'}",
        template_name="meetings/pdf/kallelse.html",
        context={
            "body": meeting.body,
            "meeting": meeting,
            "items": items,
            "non_public": non_public,
            "meeting_url": calendar.meeting_url(meeting),
        },
        title=_("Kallelse till %(body)s %(date)s")
        % {
            "body": meeting.body.short_name,
            "date": formats.date_format(meeting.local_start, "j F Y"),
        },
    )


def kallelse_pdf(meeting: Meeting, *, non_public: bool) -> bytes:
    return kallelse_document(meeting, non_public=non_public).data


def notice_send_refusal(meeting: Meeting) -> str | None:
    """Why the kallelse cannot be sent now, or None. The confirmation page asks
    before sending; the send checks again."""
    if meeting.notice_sent_at is not None or meeting.state != Meeting.State.PLANNED:
        return _("Kallelsen är redan skickad. Skicka ett tillägg om något har ändrats.")
    if meeting.starts_at <= timezone.now():
        return _("Mötet har redan börjat; kallelsen kan inte skickas.")
    if not AgendaItem.objects.filter(meeting=meeting).exists():
        return _("Dagordningen är tom. Lägg till punkter först.")
    if not selectors.called_memberships(body=meeting.body):
        return _("Organet har inga ledamöter eller ersättare att kalla.")
    return None


def supplement_refusal(meeting: Meeting, *, message: str = "") -> str | None:
    """Why a tillägg cannot be sent now, or None."""
    if meeting.notice_sent_at is None:
        return _("Skicka kallelsen först.")
    if meeting.state not in {Meeting.State.CALLED, Meeting.State.CANCELLED}:
        return _("Mötet är hållet; ett tillägg kan inte skickas.")
    if not message.strip() and not selectors.pending_changes(meeting=meeting).exists():
        return _(
            "Inget har ändrats sedan kallelsen. Skriv ett meddelande för att ändå "
            "skicka ett tillägg."
        )
    return None


@transaction.atomic
def notice_send(*, meeting_id: int, actor: Any) -> NoticeDispatch:
    """Send the kallelse to every current ledamot and ersättare of the body."""
    meeting = (
        Meeting.objects.select_for_update().select_related("body").get(pk=meeting_id)
    )
    if not permissions.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    refusal = notice_send_refusal(meeting)
    if refusal:
        raise ValidationError(refusal)
    reached, missing = notice_recipients(meeting)
    now = timezone.now()
    meeting.notice_sent_at = now
    meeting.state = Meeting.State.CALLED
    save_attributed(meeting, user=actor, reason=_("Kallelse skickad"))
    dispatch = NoticeDispatch(
        meeting=meeting,
        kind=NoticeDispatch.Kind.NOTICE,
        sent_at=now,
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
        recipients=reached,
        without_email=missing,
        sequence=meeting.sequence,
    )
    save_attributed(dispatch, user=actor, reason=_("Kallelse skickad"))
    transaction.on_commit(lambda: send_dispatch(dispatch_id=dispatch.pk))
    return dispatch


@transaction.atomic
def notice_send_supplement(
    *, meeting_id: int, actor: Any, message: str = ""
) -> NoticeDispatch:
    """Send a tillägg about the changes since the kallelse (and an optional note)."""
    meeting = (
        Meeting.objects.select_for_update().select_related("body").get(pk=meeting_id)
    )
    if not permissions.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    pending = list(
        selectors.pending_changes(meeting=meeting).select_for_update().order_by("pk")
    )
    message = message.strip()
    refusal = supplement_refusal(meeting, message=message)
    if refusal:
        raise ValidationError(refusal)
    reached, missing = notice_recipients(meeting)
    now = timezone.now()
    meeting.sequence += 1
    save_attributed(meeting, user=actor, reason=_("Tillägg till kallelsen skickat"))
    dispatch = NoticeDispatch(
        meeting=meeting,
        kind=NoticeDispatch.Kind.SUPPLEMENT,
        sent_at=now,
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
        recipients=reached,
        without_email=missing,
        message=message,
        sequence=meeting.sequence,
    )
    save_attributed(dispatch, user=actor, reason=_("Tillägg till kallelsen skickat"))
    for change in pending:
        change.dispatch = dispatch
        attribute(change, user=actor, reason=_("Skickad i tillägg"))
        change.save(update_fields=["dispatch"])
    transaction.on_commit(lambda: send_dispatch(dispatch_id=dispatch.pk))
    return dispatch


def send_dispatch(*, dispatch_id: int) -> int:
    """Build and send the e-mails of one dispatch; returns how many were sent.

    Runs after the commit. A failing mail server is logged, not raised: the
    dispatch record says who should have been reached, and it can be resent.
    """
    dispatch = NoticeDispatch.objects.select_related("meeting__body").get(
        pk=dispatch_id
    )
    meeting = dispatch.meeting
    items = selectors.agenda(meeting=meeting, non_public=True)
    changes = list(dispatch.changes.order_by("changed_at", "pk"))
    try:
        pdf = kallelse_pdf(meeting, non_public=True)
    except PdfResourceError:
        # Logged by the renderer; nothing goes out without its kallelse.
        logger.exception("Could not send dispatch %s: no kallelse PDF", dispatch.pk)
        return 0
    organizer = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "noreply@localhost"
    is_notice = dispatch.kind == NoticeDispatch.Kind.NOTICE
    when = formats.date_format(meeting.local_start, "l j F Y")
    subject = (
        _("Kallelse: %(body)s %(when)s")
        if is_notice
        else _("Tillägg: %(body)s %(when)s")
    ) % {"body": meeting.body.short_name, "when": when}
    context = {
        "meeting": meeting,
        "items": items,
        "changes": changes,
        "dispatch": dispatch,
        "meeting_url": calendar.meeting_url(meeting),
        "my_meetings_url": calendar.site_url(reverse("meetings:my_meetings")),
        "pdf_url": calendar.site_url(
            reverse("meetings:meeting_pdf", kwargs={"pk": meeting.pk})
        ),
        "documents_url": calendar.site_url(
            reverse("meetings:meeting_documents", kwargs={"pk": meeting.pk})
        ),
    }
    pdf_name = f"kallelse-{meeting.body.slug}-{meeting.local_start:%Y-%m-%d}.pdf"
    messages = []
    for recipient in dispatch.recipients:
        body = render_to_string(
            "meetings/email/notice.txt", {**context, "recipient": recipient}
        )
        email = EmailMultiAlternatives(
            subject=subject, body=body, to=[recipient["email"]]
        )
        email.attach(
            "kallelse.ics",
            calendar.invitation(
                meeting,
                items,
                organizer_email=organizer,
                attendee_email=recipient["email"],
                attendee_name=recipient["name"],
            ),
            "text/calendar; method={}; charset=utf-8".format(
                "CANCEL" if meeting.state == Meeting.State.CANCELLED else "REQUEST"
            ),
        )
        email.attach(pdf_name, pdf, "application/pdf")
        messages.append(email)
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:
        logger.exception("Could not send dispatch %s", dispatch.pk)
        return 0
