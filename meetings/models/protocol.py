"""The protokoll: versions, paragraphs, justering and comments."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Person
from meetings.models.meeting import AgendaItem, Meeting
from meetings.models.states import ProtocolState


class ProtocolQuerySet(models.QuerySet):
    def public(self) -> ProtocolQuerySet:
        """What the public reads: published protokoll of active bodies, less a version
        that a published correction replaces (its own page stays readable)."""
        published = Protocol.State.PUBLISHED
        return self.filter(state=published, meeting__body__is_active=True).exclude(
            correction__state=published
        )


class Protocol(models.Model):
    """The protokoll of a meeting, one version of it.

    A correction (rättelse) is a new version that points at the one it corrects;
    the justerat original is never changed.
    """

    State = ProtocolState

    class JusteringMethod(models.TextChoices):
        DIGITAL = "digital", _("Digital justering i portalen")
        PAPER = "papper", _("Justerat på papper")

    TRANSITIONS = {
        State.DRAFT: {State.IN_JUSTERING},
        State.IN_JUSTERING: {State.DRAFT, State.JUSTERAT},
        State.JUSTERAT: {State.PUBLISHED},
        State.PUBLISHED: set(),
    }
    LOCKED_STATES = {State.JUSTERAT, State.PUBLISHED}

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("möte"),
        on_delete=models.PROTECT,
        related_name="protocols",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("rättar version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
    )
    correction_reason = models.TextField(_("skäl för rättelse"), blank=True)
    state = models.CharField(
        _("status"), max_length=15, choices=State.choices, default=State.DRAFT
    )
    secretary = models.ForeignKey(
        Person,
        verbose_name=_("sekreterare"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="protocols_as_secretary",
    )
    chair = models.ForeignKey(
        Person,
        verbose_name=_("ordförande"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="protocols_as_chair",
        help_text=_("Den som var ordförande vid mötet och justerar."),
    )
    justerare = models.ManyToManyField(
        Person,
        verbose_name=_("justerare"),
        blank=True,
        related_name="protocols_as_justerare",
    )
    justering_date = models.DateField(
        _("justering, datum"),
        null=True,
        blank=True,
        help_text=_("Planerad dag för justering, eller den dag då det justerades."),
    )
    justering_place = models.CharField(
        _("justering, plats"), max_length=200, blank=True
    )
    justering_method = models.CharField(
        _("justeringssätt"),
        max_length=10,
        choices=JusteringMethod.choices,
        default=JusteringMethod.DIGITAL,
    )
    content_sha256 = models.CharField(
        _("innehållets SHA-256"),
        max_length=64,
        blank=True,
        help_text=_("Fingeravtryck av den text som justerades."),
    )
    published_at = models.DateTimeField(_("publicerat"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(
        _("versionsräknare"),
        default=0,
        help_text=_("Ökar vid varje sparning; skyddar mot att ändringar skrivs över."),
    )
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[justerare])
    objects = ProtocolQuerySet.as_manager()

    class Meta:
        verbose_name = _("protokoll")
        verbose_name_plural = _("protokoll")
        ordering = ["-meeting__starts_at", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "version"], name="protocol_one_per_meeting_version"
            ),
            models.CheckConstraint(
                condition=(
                    Q(version=1, corrects__isnull=True)
                    | Q(version__gt=1, corrects__isnull=False)
                ),
                name="protocol_version_matches_correction",
                violation_error_message=_(
                    "Version 1 rättar ingen tidigare version; senare versioner gör det."
                ),
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""),
                name="protocol_correction_has_reason",
                violation_error_message=_("En rättelse måste ha ett skäl."),
            ),
        ]

    def __str__(self) -> str:
        label = f"Protokoll {self.meeting}"
        return f"{label}, version {self.version}" if self.version > 1 else label

    def clean(self) -> None:
        super().clean()
        if self.justering_date is not None and self.meeting_id is not None:
            self.meeting.check_justering_date(self.justering_date)

    @property
    def is_locked(self) -> bool:
        return self.state in self.LOCKED_STATES

    @property
    def is_editable(self) -> bool:
        """Only a draft's text may change; sent for justering, it waits for the
        signers or their ändringsförslag."""
        return self.state == self.State.DRAFT

    def required_signers(self) -> list[tuple[Person, str]]:
        """Who must justera, as (person, Justering.Role): the chair, then each
        justerare by name. The secretary signs "Vid protokollet" when sending it;
        that is no justering."""
        signers = [(self.chair, Justering.Role.CHAIR)] if self.chair_id else []
        return signers + [
            (person, Justering.Role.JUSTERARE)
            for person in sorted(self.justerare.all(), key=lambda p: p.name)
        ]

    def is_required_signer(self, person: Person | None) -> bool:
        """Whether `person` is one of `required_signers`, asked without loading
        them (the permission checks ask it often)."""
        if person is None:
            return False
        return (
            self.chair_id == person.pk or self.justerare.filter(pk=person.pk).exists()
        )


class Justering(models.Model):
    """One signer's justering of one protokoll version: who, when and what text."""

    class Role(models.TextChoices):
        SECRETARY = "sekreterare", _("Vid protokollet")
        CHAIR = "ordforande", _("Ordförande")
        JUSTERARE = "justerare", _("Justerare")

    protocol = models.ForeignKey(
        Protocol,
        verbose_name=_("protokoll"),
        on_delete=models.PROTECT,
        related_name="justeringar",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("roll"), max_length=15, choices=Role.choices)
    method = models.CharField(
        _("sätt"), max_length=10, choices=Protocol.JusteringMethod.choices
    )
    justerat_at = models.DateTimeField(_("justerat"))
    content_sha256 = models.CharField(
        _("justerad text, SHA-256"), max_length=64, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("justering")
        verbose_name_plural = _("justeringar")
        ordering = ["protocol", "justerat_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["protocol", "person", "role"], name="justering_once_per_signer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.person.name}"


class Paragraph(models.Model):
    """A numbered paragraph (§) of a protokoll."""

    protocol = models.ForeignKey(
        Protocol,
        verbose_name=_("protokoll"),
        on_delete=models.CASCADE,
        related_name="paragraphs",
    )
    order = models.PositiveSmallIntegerField(_("ordning"))
    number = models.PositiveIntegerField(
        _("nummer"),
        null=True,
        blank=True,
        help_text=_(
            "Fastställs när protokollet går till justering och återanvänds aldrig."
        ),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("punkt på dagordningen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="paragraphs",
    )
    heading = models.CharField(_("rubrik"), max_length=500)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Markdown: stycken, listor, fetstil, länkar."),
    )
    outcome = models.TextField(
        _("ställningstagande"),
        blank=True,
        help_text=_("Vad organet beslutade eller rekommenderar."),
    )
    dnr = models.CharField(_("diarienummer"), max_length=60, blank=True)
    presenter = models.CharField(_("föredragande"), max_length=300, blank=True)
    motions = models.TextField(_("yrkanden"), blank=True)
    reservations = models.TextField(_("reservationer"), blank=True)
    protocol_note = models.TextField(_("protokollsanteckning"), blank=True)
    recused = models.ManyToManyField(
        Person,
        verbose_name=_("jäv"),
        blank=True,
        related_name="+",
        help_text=_("Deltog varken i handläggningen eller var närvarande."),
    )
    is_public = models.BooleanField(_("offentlig"), default=True)
    # The searchable text as a `swedish` tsvector, kept by a PostgreSQL trigger
    # (empty on SQLite); council.portal.search ranks on it.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[recused])

    class Meta:
        verbose_name = _("paragraf")
        verbose_name_plural = _("paragrafer")
        ordering = ["protocol", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["protocol", "number"], name="paragraph_number_unique"
            ),
            models.UniqueConstraint(
                fields=["protocol", "order"], name="paragraph_order_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"§ {self.number or '–'} {self.heading}"

    def get_absolute_url(self) -> str:
        url = reverse("meetings:protocol_detail", kwargs={"pk": self.protocol_id})
        return f"{url}#paragraf-{self.number or self.order}"


class ActionItem(models.Model):
    """Something someone was asked to do in a paragraph."""

    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("paragraf"),
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    description = models.TextField(_("uppgift"))
    assignee = models.ForeignKey(
        Person,
        verbose_name=_("ansvarig"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
    )
    assignee_text = models.CharField(
        _("ansvarig (fritext)"), max_length=200, blank=True
    )
    due = models.DateField(_("klart senast"), null=True, blank=True)
    done = models.BooleanField(_("klart"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uppdrag från paragraf")
        verbose_name_plural = _("uppdrag från paragrafer")
        ordering = ["paragraph", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class ParagraphComment(models.Model):
    """An ändringsförslag from a justerare or the chair on a paragraph."""

    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("paragraf"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        Person, verbose_name=_("av"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("ändringsförslag"))
    created_at = models.DateTimeField(_("skrivet"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("hanterat"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ändringsförslag")
        verbose_name_plural = _("ändringsförslag")
        ordering = ["paragraph", "created_at"]

    def __str__(self) -> str:
        return self.text[:80]
