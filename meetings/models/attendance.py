"""Attendance: who was called, who reported förhinder, who was there and for
which items.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Organisation, Party, Person
from meetings.models.meeting import AgendaItem, Meeting


class Attendance(models.Model):
    """Who took part in a meeting, in which capacity, and who reported absence."""

    class Role(models.TextChoices):
        MEMBER = "ledamot", _("Ledamot")
        SERVING_SUBSTITUTE = "tjg_ersattare", _("Tjänstgörande ersättare")
        SUBSTITUTE = "ersattare", _("Ej tjänstgörande ersättare")
        SECRETARY = "sekreterare", _("Sekreterare")
        OTHER = "ovrig", _("Övrig närvarande")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("möte"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
    )
    name = models.CharField(
        _("namn"),
        max_length=200,
        blank=True,
        help_text=_("För den som inte finns i personregistret."),
    )
    title = models.CharField(_("titel"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation_text = models.CharField(
        _("organisation (fritext)"), max_length=200, blank=True
    )
    party = models.CharField(
        _("parti"), max_length=4, choices=Party.choices, blank=True
    )
    role = models.CharField(_("roll vid mötet"), max_length=20, choices=Role.choices)
    role_note = models.CharField(
        _("roll i organet"),
        max_length=100,
        blank=True,
        help_text=_("T.ex. ”vice ordförande”, som det står i protokollet."),
    )
    replaces = models.ForeignKey(
        Person,
        verbose_name=_("ersätter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    present = models.BooleanField(_("närvarande"), default=True)
    present_for = models.ManyToManyField(
        AgendaItem,
        verbose_name=_("närvarande vid punkter"),
        blank=True,
        related_name="+",
        help_text=_("Lämna tomt om personen var med hela mötet."),
    )
    absence_reported_at = models.DateTimeField(
        _("förhinder anmält"), null=True, blank=True
    )
    absence_note = models.CharField(_("meddelande"), max_length=500, blank=True)

    history = HistoricalRecords(m2m_fields=[present_for])

    class Meta:
        verbose_name = _("närvaro")
        verbose_name_plural = _("närvaro")
        ordering = ["meeting", "role", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="attendance_person_once_per_meeting",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""),
                name="attendance_has_person_or_name",
                violation_error_message=_("Ange en person eller ett namn."),
            ),
            models.CheckConstraint(
                condition=Q(replaces__isnull=True) | Q(role="tjg_ersattare"),
                name="attendance_only_serving_substitute_replaces",
                violation_error_message=_(
                    "Bara en tjänstgörande ersättare ersätter någon."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.person.name if self.person_id else self.name
