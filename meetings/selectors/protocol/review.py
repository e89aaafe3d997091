"""Reads for the review page: the protokoll and its versions, the comments beside
each paragraph, the justeringar, and when a signer last looked.
"""

from __future__ import annotations

import datetime
from typing import Any

from council.models import Person
from meetings.models import (
    Justering,
    ParagraphComment,
    Protocol,
)


def protocol_get(*, pk: int) -> Protocol:
    return Protocol.objects.select_related(
        "meeting__body", "chair", "secretary", "corrects"
    ).get(pk=pk)


def superseding(protocol: Protocol) -> Protocol | None:
    """The justerat correction that replaces this version, if there is one."""
    return Protocol.objects.filter(
        corrects=protocol, state__in=list(Protocol.LOCKED_STATES)
    ).first()


def versions(*, protocol: Protocol) -> list[Protocol]:
    """Every version of the meeting's protokoll, first to latest."""
    return list(
        Protocol.objects.filter(meeting=protocol.meeting_id).order_by("version")
    )


def comments_by_paragraph(
    *, protocol: Protocol, open_only: bool = False
) -> dict[int, list[ParagraphComment]]:
    comments = ParagraphComment.objects.filter(
        paragraph__protocol=protocol
    ).select_related("author")
    if open_only:
        comments = comments.filter(resolved_at__isnull=True)
    found: dict[int, list[ParagraphComment]] = {}
    for comment in comments.order_by("created_at"):
        found.setdefault(comment.paragraph_id, []).append(comment)
    return found


def justeringar(*, protocol: Protocol) -> list[Justering]:
    return list(
        Justering.objects.filter(protocol=protocol)
        .select_related("person")
        .order_by("justerat_at")
    )


def last_look(*, protocol: Protocol, person: Any) -> datetime.datetime | None:
    """When the signer last certainly read the protokoll: their latest ändringsförslag."""
    if person is None:
        return None
    latest = (
        ParagraphComment.objects.filter(paragraph__protocol=protocol, author=person)
        .order_by("-created_at")
        .first()
    )
    return latest.created_at if latest else None


def pending_signers(protocol: Protocol) -> list[Person]:
    """Those of `Protocol.required_signers` who have not yet justerat its text."""
    done = {
        (j.person_id, j.role)
        for j in Justering.objects.filter(protocol=protocol).exclude(content_sha256="")
    }
    return [
        person
        for person, role in protocol.required_signers()
        if (person.pk, role) not in done
    ]
