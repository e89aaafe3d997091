"""Meetings before and during: the meeting, its dagordning, and personal
calendar links.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Body, ItemKind, Person
from meetings.models.states import ProtocolState

JUSTERING_DAYS = 14


class MeetingQuerySet(models.QuerySet):
    def public(self) -> MeetingQuerySet:
        """Meetings the public may see: of an active body, and either called (the
        kallelse is sent) or with a published protokoll (e.g. imported ones)."""
        published = Q(protocols__state=ProtocolState.PUBLISHED)
        return self.filter(
            Q(notice_sent_at__isnull=False)
            | Q(pk__in=Meeting.objects.filter(published).values("pk")),
            body__is_active=True,
        )


class Meeting(models.Model):
    """A meeting of a body: when, where, and how far it has come."""

    class State(models.TextChoices):
        PLANNED = "planerat", _("Planerat")
        CALLED = "kallat", _("Kallat")
        HELD = "hallet", _("Hållet")
        CANCELLED = "installt", _("Inställt")

    TRANSITIONS = {
        State.PLANNED: {State.CALLED, State.CANCELLED},
        State.CALLED: {State.HELD, State.CANCELLED},
        State.HELD: set(),
        State.CANCELLED: {State.PLANNED},
    }

    body = models.ForeignKey(
        Body, verbose_name=_("organ"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(
        _("rubrik"),
        max_length=200,
        blank=True,
        help_text=_("Lämna tomt för ”Sammanträde”."),
    )
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    location = models.CharField(
        _("lokal"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. Konferenslokal Lärken."),
    )
    address = models.CharField(_("adress"), max_length=200, blank=True)
    online_url = models.URLField(
        _("länk till digitalt möte"),
        blank=True,
        help_text=_("Visas bara för organets ledamöter och ersättare."),
    )
    state = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    notice_sent_at = models.DateTimeField(_("kallelse skickad"), null=True, blank=True)
    sequence = models.PositiveIntegerField(
        _("kalenderversion"),
        default=0,
        help_text=_(
            "SEQUENCE i kalenderinbjudan; ökar när tid, plats eller status ändras."
        ),
    )

    cancel_reason = models.TextField(
        _("skäl till att mötet är inställt"),
        blank=True,
        help_text=_(
            "Visas för ledamöterna och allmänheten på mötessidan, i kalendrarna och "
            "i meddelandet om att mötet är inställt."
        ),
    )

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("Mötet måste sluta efter att det börjar."),
            ),
            models.CheckConstraint(
                condition=~Q(location="", address="", online_url=""),
                name="meeting_has_place",
                violation_error_message=_(
                    "Ange en lokal, en adress eller en länk till ett digitalt möte."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body.short_name} {self.local_start:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", kwargs={"pk": self.pk})

    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.starts_at)

    @property
    def justering_deadline(self) -> datetime.date:
        """Justering is due within 14 days of the meeting."""
        return self.local_start.date() + datetime.timedelta(days=JUSTERING_DAYS)

    def has_ended(self, now: datetime.datetime | None = None) -> bool:
        """Whether the meeting is over (its end time has passed)."""
        return self.ends_at <= (now or timezone.now())

    def check_ended(self, now: datetime.datetime | None = None) -> None:
        """Refuse, with a message, what may happen only after the meeting: the
        protokoll is sent for justering once the meeting has ended."""
        if not self.has_ended(now):
            ends = timezone.localtime(self.ends_at)
            raise ValidationError(
                _(
                    "Protokollet kan skickas för justering först när mötet är slut "
                    "(mötet slutar %(day)s kl. %(time)s)."
                )
                % {
                    "day": formats.date_format(ends, "j F Y"),
                    "time": formats.time_format(ends, "H.i"),
                },
                code="meeting_not_ended",
            )

    def check_justering_date(self, day: datetime.date | None) -> None:
        """Refuse a justering date before the meeting's own day (the PDF would
        carry a justering that predates the meeting). Raised at the field
        `justering_date`, so a form or the admin shows it there."""
        meeting_day = self.local_start.date()
        if day is not None and day < meeting_day:
            raise ValidationError(
                {
                    "justering_date": ValidationError(
                        _(
                            "Justeringen kan inte vara före mötet (%(day)s). "
                            "Välj mötesdagen eller en senare dag."
                        )
                        % {"day": formats.date_format(meeting_day, "j F Y")},
                        code="justering_before_meeting",
                    )
                }
            )

    @property
    def display_title(self) -> str:
        return self.title or str(_("Sammanträde"))

    @property
    def is_notice_sent(self) -> bool:
        return self.notice_sent_at is not None

    @property
    def is_public(self) -> bool:
        """See MeetingQuerySet.public; one query when no kallelse was sent."""
        if not self.body.is_active:
            return False
        published = self.protocols.filter(state=ProtocolState.PUBLISHED)
        return self.is_notice_sent or published.exists()

    @property
    def place(self) -> str:
        parts = [p for p in (self.location, self.address) if p]
        if self.online_url:
            parts.append(str(_("digitalt")))
        return ", ".join(parts)


class AgendaItem(models.Model):
    """A point on the dagordning."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("möte"),
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )
    order = models.PositiveSmallIntegerField(_("ordning"))
    title = models.CharField(_("rubrik"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    kind = models.CharField(
        _("typ av ärende"),
        max_length=20,
        choices=ItemKind.choices,
        default=ItemKind.INFORMATION,
    )
    is_public = models.BooleanField(
        _("offentlig"),
        default=True,
        help_text=_("Icke offentliga punkter visas bara för organets ledamöter."),
    )
    presenter = models.CharField(
        _("föredragande"),
        max_length=300,
        blank=True,
        help_text=_("Namn och titel, t.ex. ”Eva Sund, utvecklingsledare”."),
    )
    presenter_person = models.ForeignKey(
        Person,
        verbose_name=_("föredragande (person)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presented_items",
    )
    # The searchable text as a `swedish` tsvector, kept by a PostgreSQL trigger
    # (empty on SQLite); council.portal.search ranks on it.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("punkt på dagordningen")
        verbose_name_plural = _("punkter på dagordningen")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a member's personal calendar address; revoked, it stops working."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
    )
    token = models.CharField(
        _("nyckel"), max_length=64, unique=True, default=new_calendar_token
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("personlig kalenderlänk")
        verbose_name_plural = _("personliga kalenderlänkar")
        ordering = ["user", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_token_one_active_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
