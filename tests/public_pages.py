"""The public pages every accessibility and HTML check runs on.

Add each new public page type here: the axe-core browser test and the Nu HTML
Checker test both read this list (with the demo data loaded). An entry is a path,
or a function returning one when the path holds a database id.
"""

from __future__ import annotations

from collections.abc import Callable


def demo_protocol_2018() -> str:
    """The published demo protokoll of 2018-09-28."""
    from meetings.models import Protocol

    protocol = Protocol.objects.get(
        meeting__starts_at__date="2018-09-28", state=Protocol.State.PUBLISHED
    )
    return f"/protokoll/{protocol.pk}/"


def demo_meeting_2018() -> str:
    """The meeting of 2018-09-28, with its kallelse and published protokoll."""
    from meetings.models import Meeting

    meeting = Meeting.objects.get(starts_at__date="2018-09-28")
    return f"/moten/{meeting.pk}/"


def demo_verification_2018() -> str:
    """/verifiera/ answering for the 2018 protokoll's certified copy, by its SHA-256."""
    from meetings.models import Protocol, SignedDocument

    document = SignedDocument.objects.final().get(
        protocol__meeting__starts_at__date="2018-09-28",
        protocol__state=Protocol.State.PUBLISHED,
        kind=SignedDocument.Kind.PROTOCOL,
    )
    return f"/verifiera/?sha256={document.sha256}"


PUBLIC_PAGES: list[str | Callable[[], str]] = [
    "/",
    "/organ/ssr/",
    "/organ/chefsgruppen/",
    "/natverk/",
    "/natverk/reko/",
    "/natverk/gysam/",
    "/natverk/sakkunnigstodet/",
    "/moten/",
    demo_meeting_2018,
    "/tillganglighet/",
    "/sok/?q=kompetensförsörjning",
    "/logga-in/",
    "/logga-ut/",
    "/protokoll/",
    demo_protocol_2018,
    "/anslag/",
    "/planer/",
    "/planer/ssr/2023/",
    "/styrdokument/",
    "/verifiera/",
    demo_verification_2018,
]

# Pages that answer with an error status but must still be accessible.
ERROR_PAGES = ["/organ/finns-inte/", "/natverk/finns-inte/"]


def public_pages() -> list[str]:
    """PUBLIC_PAGES with every function called: needs the database."""
    return [page() if callable(page) else page for page in PUBLIC_PAGES]
