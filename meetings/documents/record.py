"""Reading the documents of record: a protokoll's signed PDF and its signatures.

The public gets a protokoll's signed PDF when the protokoll is published and
everything in it is public. A protokoll with non-public paragraphs or
attachments is shown as HTML without them; its complete signed PDF is handed
out by the secretariat after the usual secrecy review.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q

from meetings.models import (
    Attachment,
    Paragraph,
    Protocol,
    SignatureRecord,
    SignedDocument,
)


def _documents(*, with_data: bool = False):
    documents = SignedDocument.objects.final().select_related(
        "protocol__meeting__body", "paragraph"
    )
    if not with_data:
        documents = documents.without_data()
    return documents.prefetch_related(
        Prefetch("signatures", queryset=SignatureRecord.objects.order_by("order"))
    )


def final_record(
    protocol: Protocol, *, with_data: bool = False
) -> SignedDocument | None:
    """The final signed PDF of one protokoll version, if it has one."""
    return (
        _documents(with_data=with_data)
        .filter(protocol=protocol, kind=SignedDocument.Kind.PROTOCOL)
        .first()
    )


def withheld() -> Q:
    """A protokoll holds something the public does not see: a non-public paragraph,
    or a non-public bilaga of one. (As an expression, for one protokoll or many.)"""
    return Q(
        Exists(Paragraph.objects.filter(protocol=OuterRef("pk"), is_public=False))
    ) | Q(
        Exists(
            Attachment.objects.filter(
                paragraph__protocol=OuterRef("pk"), is_public=False
            )
        )
    )


def is_wholly_public(protocol: Protocol) -> bool:
    """Published, and no paragraph or attachment of it is withheld from the public."""
    return (
        Protocol.objects.filter(pk=protocol.pk, state=Protocol.State.PUBLISHED)
        .exclude(withheld())
        .exists()
    )


def public_record(
    protocol: Protocol, *, with_data: bool = False
) -> SignedDocument | None:
    """The signed PDF the public may download, or None."""
    if not is_wholly_public(protocol):
        return None
    return final_record(protocol, with_data=with_data)


def current_record(
    protocol: Protocol, *, with_data: bool = False
) -> SignedDocument | None:
    """The protokoll's signed PDF, final or still being signed, if it has one."""
    documents = SignedDocument.objects.filter(
        protocol=protocol, kind=SignedDocument.Kind.PROTOCOL
    )
    return (documents if with_data else documents.without_data()).first()


def document_by_checksum(digest: str) -> SignedDocument | None:
    """A final document issued by the portal, found by its SHA-256 or SHA-512."""
    digest = digest.lower()
    column = "sha512" if len(digest) == 128 else "sha256"
    return _documents().filter(**{column: digest}).first()


def final_extract(
    paragraph_id: int, *, with_data: bool = False
) -> SignedDocument | None:
    """The final, certified extract of one paragraph, if one has been issued."""
    return (
        _documents(with_data=with_data)
        .filter(paragraph_id=paragraph_id, kind=SignedDocument.Kind.EXTRACT)
        .first()
    )


def newest_published_correction(protocol: Protocol) -> Protocol | None:
    """The newest published version that corrects this one, directly or in a chain.

    None when no published correction replaces it. A correction that is justerat
    but not yet published is passed over (it is not public), though a published
    correction of it still counts.
    """
    newest = None
    current = protocol
    seen = {protocol.pk}
    while True:
        following = Protocol.objects.filter(corrects=current).first()
        if following is None or following.pk in seen:
            return newest
        seen.add(following.pk)
        if following.state == Protocol.State.PUBLISHED:
            newest = following
        current = following
