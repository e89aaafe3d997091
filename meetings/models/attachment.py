"""Attachments (bilagor): the documents of a meeting, of an item on its
dagordning, or of a paragraph of its protokoll.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models.meeting import AgendaItem, Meeting


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    # Random, unguessable names: the stored path never reveals the title, and
    # files are served only through views that check permissions.
    return f"bilagor/{instance.meeting_id or 'x'}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A document (bilaga, handling) belonging to a meeting, an item or a paragraph."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("möte"),
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("punkt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
    )
    paragraph = models.ForeignKey(
        "Paragraph",
        verbose_name=_("paragraf"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
    )
    title = models.CharField(_("titel"), max_length=300)
    file = models.FileField(_("fil"), upload_to=attachment_upload_to)
    original_name = models.CharField(_("ursprungligt filnamn"), max_length=255)
    content_type = models.CharField(_("filtyp"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("storlek (byte)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    is_public = models.BooleanField(
        _("offentlig"),
        default=False,
        help_text=_("Icke offentliga bilagor visas bara för organets ledamöter."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uppladdad av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.title
