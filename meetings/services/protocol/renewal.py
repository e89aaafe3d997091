"""Renewing the document timestamps of final documents (PAdES B-LTA).

A final document's newest document timestamp proves that the file, with the
validation data in it, existed at that time, for as long as the timestamp's
certificate can be validated. Before that ends (SIGNING_TIMESTAMP_RENEWAL_DAYS
ahead), fresh revocation data and a new document timestamp are appended as
incremental updates; the bytes before stay a prefix of the new ones, which is
the one change the database guard allows on a final document. Each renewal is
recorded. A final document from before document timestamps gets its first one
the same way. Run daily: `manage.py renew_timestamps`.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council import signing
from council.history import save_attributed
from council.signing import finalise
from council.signing.revocation import current_crl_der
from meetings.models import SignedDocument, TimestampRenewal


@dataclass(frozen=True)
class Due:
    document: SignedDocument
    valid_until: datetime.datetime | None  # None: no document timestamp yet


def documents_due(*, days: int | None = None, now=None) -> list[Due]:
    """Final documents whose newest document timestamp ends within `days`."""
    days = settings.SIGNING_TIMESTAMP_RENEWAL_DAYS if days is None else days
    horizon = (now or timezone.now()) + datetime.timedelta(days=days)
    due = []
    for document in SignedDocument.objects.final().order_by("pk").iterator():
        newest = finalise.newest_document_timestamp(bytes(document.data))
        if newest is None or newest.valid_until <= horizon:
            due.append(Due(document, newest.valid_until if newest else None))
    return due


@transaction.atomic
def document_renew_timestamp(
    document: SignedDocument, *, actor=None, reason: str = ""
) -> TimestampRenewal:
    """Append fresh validation data and a new document timestamp to `document`."""
    locked = SignedDocument.objects.select_for_update().get(pk=document.pk)
    if not locked.is_final:
        raise ValidationError(_("Bara slutliga dokument får förnyade tidsstämplar."))
    before = bytes(locked.data)
    previous = finalise.newest_document_timestamp(before)
    try:
        after = finalise.renew_document_timestamp(before, crls=[current_crl_der()])
    except signing.SigningError as error:
        raise ValidationError(str(error)) from error
    if not after.startswith(before):  # never: the update is incremental
        raise ValidationError(_("Förnyelsen skulle ha ändrat dokumentet."))
    newest = finalise.newest_document_timestamp(after)
    locked.set_data(after)
    save_attributed(
        locked,
        user=actor,
        reason=reason or _("Dokumenttidsstämpeln förnyad (långtidsvalidering)"),
    )
    renewal = TimestampRenewal(
        document=locked,
        previous_sha256=hashlib.sha256(before).hexdigest(),
        previous_size=len(before),
        sha256=locked.sha256,
        size=locked.size,
        previous_valid_until=previous.valid_until if previous else None,
        valid_until=newest.valid_until,
        authority=newest.authority[:300],
    )
    save_attributed(
        renewal, user=actor, reason=reason or _("Dokumenttidsstämpeln förnyad")
    )
    return renewal
