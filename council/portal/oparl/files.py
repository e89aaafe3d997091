"""The API's Files (OParl 1.1, 3.12 oparl:File) and their list.

Four things are Files, each with its own id under /file/:
- a public attachment (bilaga): /file/<pk>, dated by its history;
- a meeting's kallelse, the PDF the meeting page serves: /file/kallelse-<meeting>,
  dated like the meeting it is rendered from;
- a published protokoll's signed PDF: /file/protokoll-<protocol>;
- a signed protokollsutdrag of one public paragraph: /file/utdrag-<document>;
the last two created when their record was made and modified when it became final.

A File embedded in a Meeting (invitation, resultsProtocol) leaves out its
back-reference to the meeting (OParl 1.1, 3 "Schema"); served alone it has it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet, Value
from django.urls import reverse

from council.portal.oparl.api import OPARL, VENDOR, Api, iso, iso_date, present
from council.portal.oparl.deleted import Deleted, Tombstones, deleted_object
from council.portal.oparl.history import Window, attach_dates, dated_within
from council.portal.oparl.public import (
    called_meetings,
    public_extract_documents,
    public_files,
    public_meetings,
    public_protocol_documents,
)
from council.text import id_or_none
from council.uploads import displayable, served_content_type
from meetings.models import Attachment, Meeting, SignedDocument

ATTACHMENT, KALLELSE, PROTOKOLL, UTDRAG, GONE_ATTACHMENT, GONE_KALLELSE = range(6)
PREFIXES = {KALLELSE: "kallelse-", PROTOKOLL: "protokoll-", UTDRAG: "utdrag-"}


# Deleted Files (OParl 1.1, 2.8): attachments and the kallelse of a meeting that
# is gone or no longer public. A signed protokoll or extract is a legal record
# and stays (the database protects it), so it has none.
def _was_called() -> Q:
    return Q(notice_sent_at__isnull=False)


def in_called_meeting() -> Q:
    """Of a meeting whose history shows a kallelse: public once, if itself was."""
    called = Meeting.history.model.objects.filter(_was_called()).values("id")
    return Q(meeting_id__in=called)


MEETINGS = Tombstones(Meeting, public_meetings, _was_called)
ATTACHMENTS = Tombstones(
    Attachment,
    public_files,
    lambda: Q(in_called_meeting(), is_public=True, paragraph__isnull=True),
)
KALLELSER = Tombstones(
    Meeting,
    called_meetings,
    _was_called,
    key=lambda row: f"{PREFIXES[KALLELSE]}{row.id}",
)
TOMBSTONES = {GONE_ATTACHMENT: ATTACHMENTS, GONE_KALLELSE: KALLELSER}


def attachment_file_object(api: Api, obj: Attachment) -> dict[str, Any]:
    data = api.common(obj, "File", api.url("object", "file", obj.pk))
    kwargs = {"pk": obj.meeting_id, "attachment_pk": obj.pk}
    download = api.request.build_absolute_uri(
        reverse("meetings:attachment_download", kwargs=kwargs)
    )
    # OParl 1.1, 2.7: the accessUrl must not answer "Content-Disposition:
    # attachment". A PDF or an image is shown inline (an image sandboxed); any other
    # upload is only ever a download (nothing uploaded runs in the portal's
    # origin), so its accessUrl is the download.
    access = (
        api.request.build_absolute_uri(
            reverse("meetings:attachment_view", kwargs=kwargs)
        )
        if displayable(obj.content_type)
        else download
    )
    data.update(
        name=obj.title,
        fileName=obj.original_name,
        # The type the download is served with (`council.uploads`).
        mimeType=served_content_type(obj.content_type),
        size=obj.size,
        accessUrl=access,
        downloadUrl=download,
        meeting=[api.url("object", "meeting", obj.meeting_id)],
        agendaItem=[api.url("object", "agendaitem", obj.agenda_item_id)]
        if obj.agenda_item_id
        else None,
        web=api.web(obj.meeting),
    )
    data[f"{VENDOR}:sha256Checksum"] = obj.sha256
    return present(data)


def kallelse_file_object(
    api: Api, meeting: Meeting, *, embedded: bool = False
) -> dict[str, Any]:
    """The kallelse as the meeting page serves it: a PDF rendered from the meeting."""
    url = api.url("object", "file", f"{PREFIXES[KALLELSE]}{meeting.pk}")
    data = api.common(meeting, "File", url)
    pdf = api.absolute("meetings:meeting_pdf", pk=meeting.pk)
    data.update(
        name="Kallelse",
        fileName=f"kallelse-{meeting.body.slug}-{meeting.local_start:%Y-%m-%d}.pdf",
        mimeType="application/pdf",
        date=iso_date(meeting.notice_sent_at),
        # Served inline; there is no separate download (OParl: downloadUrl is
        # a URL that answers with "Content-Disposition: attachment").
        accessUrl=pdf,
        meeting=None if embedded else [api.url("object", "meeting", meeting.pk)],
        web=api.web(meeting),
    )
    return present(data)


def signed_file_object(
    api: Api, document: SignedDocument, *, embedded: bool = False
) -> dict[str, Any]:
    """A protokoll or an extract as signed: the stored PDF and its checksums."""
    protocol = document.protocol
    if document.kind == SignedDocument.Kind.EXTRACT:
        key = f"{PREFIXES[UTDRAG]}{document.pk}"
        pdf = api.absolute(
            "meetings:protocol_extract",
            pk=protocol.pk,
            number=document.paragraph.number,
        )
        name = f"Protokollsutdrag § {document.paragraph.number}"
    else:
        key = f"{PREFIXES[PROTOKOLL]}{protocol.pk}"
        pdf = api.absolute("meetings:protocol_pdf", pk=protocol.pk)
        name = "Justerat protokoll"
    if protocol.version > 1:
        name += f", version {protocol.version}"
    data = {
        "id": api.url("object", "file", key),
        "type": f"{OPARL}File",
        "name": name,
        "fileName": document.filename,
        "mimeType": "application/pdf",
        "date": iso_date(document.finalised_at),
        "size": document.size,
        "sha512Checksum": document.sha512,
        # The SHA-256 the protokoll's page and its extracts show, as a vendor
        # extension (OParl: a prefixed property name).
        f"{VENDOR}:sha256Checksum": document.sha256,
        # Served inline; see kallelse_file_object.
        "accessUrl": pdf,
        "meeting": None
        if embedded
        else [api.url("object", "meeting", protocol.meeting_id)],
        "web": api.absolute("meetings:protocol_detail", pk=protocol.pk),
        "created": iso(document.created_at),
        "modified": iso(document.finalised_at or document.created_at),
        "deleted": False,
    }
    return present(data)


def _signed_rows(documents: QuerySet, window: Window) -> QuerySet:
    return documents.filter(window.q(created="created_at", modified="finalised_at"))


def _sources(window: Window) -> dict[int, QuerySet]:
    return {
        ATTACHMENT: dated_within(public_files(), window),
        KALLELSE: dated_within(called_meetings(), window),
        PROTOKOLL: _signed_rows(public_protocol_documents(), window),
        UTDRAG: _signed_rows(public_extract_documents(), window),
    }


def file_keys(window: Window) -> QuerySet:
    """(pk, source) of every public File in the window, in one stable order;
    with `modified_since`, the deleted ones too (OParl 1.1, 2.5 "Filter")."""
    keys = [
        rows.annotate(source=Value(source)).values_list("pk", "source").order_by()
        for source, rows in _sources(window).items()
    ]
    if window.modified_since:
        keys += [
            tombstones.keys(window, source) for source, tombstones in TOMBSTONES.items()
        ]
    return keys[0].union(*keys[1:], all=True).order_by("source", "pk")


def load_files(keys: list[tuple[int, int]]) -> list[tuple[int, Any]]:
    """The rows of a page of keys, in its order: one query per kind on the page,
    and one for the dates of each history-dated kind."""
    wanted: dict[int, list[int]] = defaultdict(list)
    for pk, source in keys:
        wanted[source].append(pk)
    sources = _sources(Window())
    found = {
        source: TOMBSTONES[source].load(pks)
        if source in TOMBSTONES
        else sources[source].in_bulk(pks)
        for source, pks in wanted.items()
    }
    attach_dates(
        obj
        for source in (ATTACHMENT, KALLELSE)
        for obj in found.get(source, {}).values()
    )
    return [(source, found[source][pk]) for pk, source in keys]


def file_object(api: Api, row: tuple[int, Any]) -> dict[str, Any]:
    source, obj = row
    if isinstance(obj, Deleted):
        return deleted_object(api, "File", "file", obj)
    if source == ATTACHMENT:
        return attachment_file_object(api, obj)
    if source == KALLELSE:
        return kallelse_file_object(api, obj)
    return signed_file_object(api, obj)


def file_by_key(key: str) -> tuple[int, Any] | None:
    """The File with this key in its URL, or None."""
    source = next(
        (s for s, prefix in PREFIXES.items() if key.startswith(prefix)), ATTACHMENT
    )
    pk = id_or_none(key.removeprefix(PREFIXES.get(source, "")))
    if pk is None:
        return None
    rows = _sources(Window())[source]
    column = "protocol" if source == PROTOKOLL else "pk"
    obj = rows.filter(**{column: pk}).first()
    if obj is None:
        tombstones = {ATTACHMENT: ATTACHMENTS, KALLELSE: KALLELSER}.get(source)
        gone = tombstones.get(pk) if tombstones else None
        return None if gone is None else (source, gone)
    if source in (ATTACHMENT, KALLELSE):
        attach_dates([obj])
    return source, obj
