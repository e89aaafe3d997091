"""Drafting the protokoll: the secretary's writes while it is an utkast.

A draft starts from the dagordning, one paragraph per item with the standard
items' usual wording. Every save of the draft states the `lock_version` it was
based on; a stale save is refused with `ProtocolConflict` so that two people
never overwrite each other. Once a protokoll has left the draft state these
services refuse (see `protocol_workflow` for the transitions).

- `base`: locking, the draft-only rule, the version check, who is present;
- `creating`: starting the protokoll from the dagordning;
- `draft`: saving the editor (justering details and every paragraph's text);
- `paragraphs`: adding, moving and removing paragraphs;
- `action_items`: uppdrag in a paragraph;
- `attendance`: attendance as the protokoll records it.

Callers import this package (`from meetings.services import protocol as
drafting`); the names below are its public interface.
"""

from meetings.services.protocol.action_items import (
    protocol_action_item_add,
    protocol_action_item_delete,
)
from meetings.services.protocol.attendance import protocol_attendance_save
from meetings.services.protocol.base import (
    EDITABLE_PARAGRAPH_FIELDS,
    JUSTERARE_PLACEHOLDER,
    NEW_PARAGRAPH_HEADING,
    ProtocolConflict,
    check_draft,
    lock_protocol,
    present_people,
    touch,
)
from meetings.services.protocol.creating import protocol_create, standard_wording
from meetings.services.protocol.draft import protocol_save_draft
from meetings.services.protocol.paragraphs import (
    protocol_paragraph_add,
    protocol_paragraph_delete,
    protocol_paragraph_move,
)

__all__ = [
    "EDITABLE_PARAGRAPH_FIELDS",
    "JUSTERARE_PLACEHOLDER",
    "NEW_PARAGRAPH_HEADING",
    "ProtocolConflict",
    "check_draft",
    "lock_protocol",
    "present_people",
    "protocol_action_item_add",
    "protocol_action_item_delete",
    "protocol_attendance_save",
    "protocol_create",
    "protocol_paragraph_add",
    "protocol_paragraph_delete",
    "protocol_paragraph_move",
    "protocol_save_draft",
    "standard_wording",
    "touch",
]
