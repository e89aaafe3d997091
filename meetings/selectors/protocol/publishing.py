"""What publishing a justerat protokoll makes public, and what it keeps back."""

from __future__ import annotations

from dataclasses import dataclass, field

from meetings.models import Attachment, Paragraph, Protocol


@dataclass
class Publication:
    public_paragraphs: list[Paragraph] = field(default_factory=list)
    withheld_paragraphs: list[Paragraph] = field(default_factory=list)
    public_attachments: list[Attachment] = field(default_factory=list)
    withheld_attachments: list[Attachment] = field(default_factory=list)


def publication_for(protocol: Protocol) -> Publication:
    """The paragraphs and attachments of `protocol`, split by what the public sees:
    a non-public paragraph is left out with its attachments."""
    publication = Publication()
    paragraphs = protocol.paragraphs.order_by("order").prefetch_related("attachments")
    for paragraph in paragraphs:
        public = paragraph.is_public
        if public:
            publication.public_paragraphs.append(paragraph)
        else:
            publication.withheld_paragraphs.append(paragraph)
        for attachment in paragraph.attachments.all():
            if public and attachment.is_public:
                publication.public_attachments.append(attachment)
            else:
                publication.withheld_attachments.append(attachment)
    return publication
