"""Kallelse and tillägg: each dispatch to the members, and the changes made to a
meeting after its kallelse went out.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models.meeting import AgendaItem, Meeting


class NoticeDispatch(models.Model):
    """One sending of a kallelse or a tillägg: when, by whom, to whom."""

    class Kind(models.TextChoices):
        NOTICE = "kallelse", _("Kallelse")
        SUPPLEMENT = "tillagg", _("Tillägg")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("möte"),
        on_delete=models.PROTECT,
        related_name="dispatches",
    )
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("skickad"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skickad av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recipients = models.JSONField(
        _("mottagare"),
        default=list,
        blank=True,
        help_text=_("Namn, roll och e-postadress för varje mottagare."),
    )
    without_email = models.JSONField(
        _("saknar e-postadress"),
        default=list,
        blank=True,
        help_text=_("Ledamöter och ersättare som inte kunde nås med e-post."),
    )
    message = models.TextField(_("meddelande"), blank=True)
    sequence = models.PositiveIntegerField(
        _("kalenderversion"),
        default=0,
        help_text=_("Mötets SEQUENCE i kalenderinbjudan när utskicket gjordes."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")
        ordering = ["meeting", "sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.meeting}"


class MeetingChange(models.Model):
    """A change to a meeting made after its kallelse was sent.

    Members see these as "Ändringar efter kallelsen"; a tillägg sends the ones not
    yet sent and links them to its dispatch.
    """

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("möte"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("punkt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
    )
    description = models.CharField(_("ändring"), max_length=500)
    is_public = models.BooleanField(
        _("offentlig"),
        default=True,
        help_text=_("Gäller något som syns på den publika mötessidan."),
    )
    changed_at = models.DateTimeField(_("ändrad"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ändrad av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dispatch = models.ForeignKey(
        NoticeDispatch,
        verbose_name=_("skickad i tillägg"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="changes",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ändring efter kallelse")
        verbose_name_plural = _("ändringar efter kallelse")
        ordering = ["meeting", "changed_at", "pk"]

    def __str__(self) -> str:
        return self.description
