"""Reads for the review page: the protokoll and its versions, the comments beside
each paragraph, the justeringar, when a signer last looked, and what the viewer
may do there (`protocol_actions`, the one source of the page's buttons).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from council.models import Person
from council.permissions import person_of
from meetings import permissions
from meetings.models import (
    Justering,
    Paragraph,
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


@dataclass(frozen=True)
class ProtocolActions:
    """What a user may do with a protokoll now: each is a button on the review
    page. The services check the same again when the button is pressed."""

    comment: bool = False
    justera: bool = False
    already_justerat: bool = False  # this user's justering of the current text
    send: bool = False
    publish: bool = False
    correct: bool = False


def protocol_actions(
    *,
    protocol: Protocol,
    user: Any,
    justeringar: list[Justering],
    correction: Protocol | None,
) -> ProtocolActions:
    """Who the user is (permissions) and where the protokoll stands (its state),
    from the `justeringar` and the `correction` the page has read already."""
    state = protocol.state
    in_justering = state == Protocol.State.IN_JUSTERING
    person = person_of(user)
    already = person is not None and any(
        j.person_id == person.pk and j.content_sha256 for j in justeringar
    )
    return ProtocolActions(
        comment=in_justering and permissions.can_comment_protocol(user, protocol),
        justera=in_justering
        and permissions.can_justera_protocol(user, protocol)
        and not already,
        already_justerat=already,
        send=state == Protocol.State.DRAFT
        and permissions.can_edit_protocol(user, protocol),
        publish=state == Protocol.State.JUSTERAT
        and permissions.can_publish_protocol(user, protocol),
        correct=protocol.is_locked
        and permissions.can_correct_protocol(user, protocol)
        and correction is None,
    )


@dataclass(frozen=True)
class SigningStep:
    """One signer's place in the justering: who, as what, and when they justerade
    the current text (None while they have not)."""

    person: Person
    role: str
    justering: Justering | None

    @property
    def role_label(self) -> str:
        return Justering.Role(self.role).label


def signing_progress(
    *, protocol: Protocol, justeringar: list[Justering]
) -> list[SigningStep]:
    """Each of `Protocol.required_signers`, in order, with their justering of the
    text as it stands, from the `justeringar` the page has read already."""
    done = {(j.person_id, j.role): j for j in justeringar if j.content_sha256}
    if protocol.is_locked:
        # Justerat on paper: the record holds no fingerprint, only the date.
        done = {(j.person_id, j.role): j for j in justeringar} | done
    return [
        SigningStep(person=person, role=role, justering=done.get((person.pk, role)))
        for person, role in protocol.required_signers()
    ]


@dataclass(frozen=True)
class WaitingComments:
    """Ändringsförslag from one signer that the secretary has not yet handled."""

    author: Person | None
    paragraphs: list[Any]
    latest: datetime.datetime


def waiting_comments(*, protocol: Protocol) -> list[WaitingComments]:
    """The open ändringsförslag, by whose, latest first: they wait for the
    secretary, who handles them by sending the protokoll for justering again."""
    by_author: dict[int | None, list[ParagraphComment]] = {}
    for comment in (
        ParagraphComment.objects.filter(
            paragraph__protocol=protocol, resolved_at__isnull=True
        )
        .select_related("author", "paragraph")
        .order_by("created_at")
    ):
        by_author.setdefault(comment.author_id, []).append(comment)
    found = [
        WaitingComments(
            author=comments[0].author,
            paragraphs=sorted({c.paragraph for c in comments}, key=lambda p: p.order),
            latest=comments[-1].created_at,
        )
        for comments in by_author.values()
    ]
    return sorted(found, key=lambda w: w.latest, reverse=True)


def last_text_edit(*, protocol: Protocol) -> Any:
    """The latest saved change of the paragraphs (its history row, with who and
    when), or None: an ändringsförslag or a justering changes no paragraph, so
    this names whoever last changed the text itself."""
    return (
        Paragraph.history.filter(protocol_id=protocol.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
