"""Publishing a justerat protokoll: never with a personnummer in it; with an
anslag for the three weeks of the appeal period if the body uses one.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council import workflow
from council.history import save_attributed
from council.personnummer import PersonnummerPlace, where_list
from meetings import permissions
from meetings.documents.content import find_personnummer
from meetings.models import (
    Notice,
    Protocol,
)
from meetings.services.protocol.base import (
    lock_protocol,
    move,
)


def anslag_dates(posted_on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Posted today, taken down after the three weeks of the appeal period."""
    return posted_on, posted_on + datetime.timedelta(days=Notice.ANSLAG_DAYS)


def personnummer_refusal(places: list[PersonnummerPlace]) -> str:
    return _(
        "Protokollet publiceras inte: det innehåller något som ser ut som ett "
        "personnummer (%(where)s). Personnummer får aldrig publiceras. Gör en "
        "rättelse som tar bort det och publicera den i stället."
    ) % {"where": where_list(places)}


def protocol_publish_refusal(protocol: Protocol) -> str | None:
    """Why `protocol` cannot be published now, or None. The confirmation page
    asks before publishing; the publishing checks again."""
    if not workflow.may_move(Protocol, protocol.state, Protocol.State.PUBLISHED):
        return _("Protokollet är %(state)s och kan inte publiceras.") % {
            "state": protocol.get_state_display().lower()
        }
    places = find_personnummer(protocol)
    return personnummer_refusal(places) if places else None


@transaction.atomic
def protocol_publish(*, protocol_id: int, actor: Any) -> Protocol:
    """Publish a justerat protokoll; refused while it holds a personnummer."""
    protocol = lock_protocol(protocol_id)
    if not permissions.can_publish_protocol(actor, protocol):
        raise PermissionDenied
    move(protocol, Protocol.State.PUBLISHED)
    places = find_personnummer(protocol)
    if places:
        raise ValidationError(personnummer_refusal(places))
    protocol.published_at = timezone.now()
    save_attributed(protocol, user=actor, reason=_("Publicerat"))
    body = protocol.meeting.body
    if body.uses_anslag:
        posted_on, removed_on = anslag_dates(timezone.localdate())
        kept_at = ", ".join(
            part
            for part in (body.office, body.secretariat.name if body.secretariat else "")
            if part
        )
        notice = Notice(
            protocol=protocol,
            posted_on=posted_on,
            removed_on=removed_on,
            kept_at=kept_at or body.name,
        )
        save_attributed(notice, user=actor, reason=_("Anslag vid publicering"))
    return protocol
