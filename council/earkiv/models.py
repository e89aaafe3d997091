"""Each archival package the portal made: who, when, which package, its checksum."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ArchiveExport(models.Model):
    """One package made for the e-archive, downloaded or written by the
    scheduled export. Kept so that a delivery can be matched with what the
    archive received (package id and SHA-256 of the zip or of its METS)."""

    class Kind(models.TextChoices):
        PROTOCOL = "protokoll", _("Protokoll")
        YEAR = "ar", _("Årsleverans")

    class Channel(models.TextChoices):
        DOWNLOAD = "nedladdning", _("Nedladdning")
        COMMAND = "kommando", _("Schemalagd export")

    kind = models.CharField(_("slag"), max_length=10, choices=Kind.choices)
    channel = models.CharField(_("väg"), max_length=12, choices=Channel.choices)
    body = models.ForeignKey(
        "council.Body",
        verbose_name=_("organ"),
        on_delete=models.PROTECT,
        related_name="archive_exports",
    )
    year = models.PositiveSmallIntegerField(_("år"))
    object_id = models.PositiveIntegerField(_("protokollets id"), null=True, blank=True)
    label = models.CharField(_("paketets namn"), max_length=300)
    package_id = models.CharField(_("paketets id"), max_length=100, unique=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("storlek (byte)"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gjord av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    made_at = models.DateTimeField(_("gjord"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("arkivpaket")
        verbose_name_plural = _("arkivpaket")
        ordering = ["-made_at"]

    def __str__(self) -> str:
        return f"{self.label} ({self.package_id})"
