"""What every drafting write shares: locking the protokoll, the draft-only rule,
the version check against lost updates, and recording a change."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from council import workflow
from council.history import save_attributed
from council.models import Person
from meetings import permissions
from meetings.documents.content import PARAGRAPH_TEXT_FIELDS
from meetings.models import Attendance, Meeting, Paragraph, Protocol

# What the editor changes of a paragraph: the text that is justerat, and whether
# the public sees it.
EDITABLE_PARAGRAPH_FIELDS = (*PARAGRAPH_TEXT_FIELDS, "is_public")
JUSTERARE_PLACEHOLDER = "… väljs till justerare."
NEW_PARAGRAPH_HEADING = "Ny paragraf"


class ProtocolConflict(ValidationError):
    """Someone else saved the protokoll after the version this save started from."""

    def __init__(self, protocol: Protocol) -> None:
        super().__init__(
            _(
                "Någon annan har sparat protokollet medan du skrev. Dina ändringar är "
                "inte sparade men finns kvar i formuläret. Jämför med den sparade "
                "versionen nedan och spara igen."
            ),
            code="conflict",
        )
        self.protocol = protocol


def lock_protocol(protocol_id: int) -> Protocol:
    return (
        Protocol.objects.select_for_update(of=("self",))
        .select_related("meeting__body")
        .get(pk=protocol_id)
    )


def check_draft(protocol: Protocol) -> None:
    """Only a draft changes; anything else gets a message, never a crash."""
    if protocol.is_locked:
        raise ValidationError(
            _("Protokollet är justerat och kan inte ändras. Gör en rättelse i stället.")
        )
    if protocol.state != Protocol.State.DRAFT:
        raise ValidationError(
            _(
                "Protokollet är %(state)s och kan inte ändras nu. Det kan ändras igen "
                "om justerarna skickar tillbaka det med ändringsförslag."
            )
            % {"state": protocol.get_state_display().lower()}
        )


def _editable(
    protocol_id: int, actor: Any, base_version: int | None = None
) -> Protocol:
    protocol = lock_protocol(protocol_id)
    if not permissions.can_edit_protocol(actor, protocol):
        raise PermissionDenied
    check_draft(protocol)
    if base_version is not None and base_version != protocol.lock_version:
        raise ProtocolConflict(protocol)
    return protocol


def touch(protocol: Protocol, *, actor: Any, reason: str) -> Protocol:
    """Record a change of the draft: a new lock_version and a history row."""
    protocol.lock_version += 1
    save_attributed(protocol, user=actor, reason=reason)
    return protocol


def present_people(meeting: Meeting) -> list[Person]:
    """Who was present and is in the person register, in protokoll order."""
    rows = (
        Attendance.objects.filter(meeting=meeting, present=True, person__isnull=False)
        .select_related("person")
        .order_by("role", "order", "pk")
    )
    return [row.person for row in rows]


def paragraph_for_edit(paragraph_id: int, actor: Any) -> tuple[Protocol, Paragraph]:
    """The draft a paragraph belongs to, locked and editable by `actor`, and the
    paragraph, locked too."""
    protocol_id = (
        Paragraph.objects.filter(pk=paragraph_id)
        .values_list("protocol_id", flat=True)
        .first()
    )
    if protocol_id is None:
        raise ValidationError(_("Paragrafen finns inte längre."))
    protocol = _editable(protocol_id, actor)
    return protocol, Paragraph.objects.select_for_update().get(pk=paragraph_id)


def move(protocol: Protocol, target: str) -> None:
    """Follow Protocol.TRANSITIONS (council.workflow) or refuse with a message."""
    workflow.move(
        protocol,
        target,
        message=_("Protokollet är %(state)s och kan inte bli %(target)s.")
        % {
            "state": protocol.get_state_display().lower(),
            "target": Protocol.State(target).label.lower(),
        },
    )
