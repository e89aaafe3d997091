"""Meetings before and during: dagordning, attachments, attendance."""

from __future__ import annotations

import datetime
import secrets
import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Body, ItemKind, Organisation, Party, Person
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
    # (empty on SQLite); council.search ranks on it.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("punkt på dagordningen")
        verbose_name_plural = _("punkter på dagordningen")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


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
