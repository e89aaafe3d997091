"""What the API shows: the rows the public may see, by the public pages' rules."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from council.models import Body, Membership, Person
from council.selectors import people_with_public_seat, public_seats
from meetings.documents.record import withheld
from meetings.models import AgendaItem, Attachment, Meeting, Protocol, SignedDocument


def public_bodies() -> QuerySet[Body]:
    return Body.objects.filter(is_active=True).select_related("parent")


def public_memberships() -> QuerySet[Membership]:
    return public_seats().select_related("person", "body", "organisation")


def public_people() -> QuerySet[Person]:
    """People with a seat in a public body; nothing else about them is shown."""
    return people_with_public_seat().prefetch_related(
        Prefetch(
            "memberships",
            queryset=public_seats().select_related("body").order_by("pk"),
        )
    )


def public_meetings() -> QuerySet[Meeting]:
    """With `has_published_protocol`: the meeting's state follows its protokoll."""
    published = Protocol.objects.filter(
        meeting=OuterRef("pk"), state=Protocol.State.PUBLISHED
    )
    return (
        Meeting.objects.public()
        .select_related("body")
        .annotate(has_published_protocol=Exists(published))
    )


def called_meetings() -> QuerySet[Meeting]:
    """Public meetings with a kallelse: their invitation is a File."""
    return public_meetings().filter(notice_sent_at__isnull=False)


def public_items() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(
        is_public=True, meeting__in=public_meetings()
    ).select_related("meeting")


def public_protocol_documents() -> QuerySet[SignedDocument]:
    """Final signed PDFs of public protokoll with nothing withheld from the public:
    the rule the PDF's own page applies (meetings.documents.record.withheld)."""
    return (
        SignedDocument.objects.final()
        .without_data()
        .filter(
            kind=SignedDocument.Kind.PROTOCOL,
            protocol__in=Protocol.objects.public().exclude(withheld()),
        )
        .select_related("protocol__meeting__body")
    )


def public_extract_documents() -> QuerySet[SignedDocument]:
    """Signed extracts (protokollsutdrag) the public may download: final, of a
    public paragraph (meetings.services.protocol.extract.extractable_paragraph) of
    a protokoll the public reads: like the protokoll's own PDF, not of a version
    that a published correction replaces."""
    return (
        SignedDocument.objects.final()
        .without_data()
        .filter(
            kind=SignedDocument.Kind.EXTRACT,
            paragraph__is_public=True,
            protocol__in=Protocol.objects.public(),
        )
        .select_related("protocol__meeting__body", "paragraph")
    )


def attach_results_protocols(meetings: Iterable[Meeting]) -> None:
    """Set oparl_results: the latest public version's signed PDF, or None."""
    meetings = list(meetings)
    documents = public_protocol_documents().filter(
        protocol__meeting__in=[m.pk for m in meetings]
    )
    latest: dict[int, SignedDocument] = {}
    for document in documents.order_by("protocol__version", "pk"):
        latest[document.protocol.meeting_id] = document
    for meeting in meetings:
        meeting.oparl_results = latest.get(meeting.pk)


def public_files() -> QuerySet[Attachment]:
    return Attachment.objects.filter(
        Q(agenda_item__isnull=True) | Q(agenda_item__is_public=True),
        is_public=True,
        paragraph__isnull=True,
        meeting__in=public_meetings(),
    ).select_related("meeting", "agenda_item")
