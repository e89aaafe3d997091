"""The anslag: the public notice that a protokoll has been justerat."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models.protocol import Protocol


class Notice(models.Model):
    """An anslag: the public notice that a protokoll has been justerat."""

    ANSLAG_DAYS = 21

    protocol = models.OneToOneField(
        Protocol,
        verbose_name=_("protokoll"),
        on_delete=models.PROTECT,
        related_name="notice",
    )
    posted_on = models.DateField(_("anslaget"))
    removed_on = models.DateField(_("tas ned"))
    kept_at = models.CharField(
        _("förvaringsplats"),
        max_length=300,
        help_text=_(
            "Var protokollet förvaras, t.ex. Regional utveckling, Region Örebro län."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("anslag")
        verbose_name_plural = _("anslag")
        ordering = ["-posted_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(removed_on__gt=F("posted_on")),
                name="notice_removed_after_posted",
                violation_error_message=_(
                    "Anslaget måste tas ned efter att det satts upp."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"Anslag: {self.protocol}"
