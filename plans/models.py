"""Annual plans (verksamhetsplan) and the styrdokument they serve."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Body


class Styrdokument(models.Model):
    """A steering document: strategy, action plan, agreement or activity plan."""

    class Kind(models.TextChoices):
        STRATEGY = "strategi", _("Strategi")
        ACTION_PLAN = "handlingsplan", _("Handlingsplan")
        COOPERATION = "samverkansdokument", _("Samverkansdokument")
        AGREEMENT = "overenskommelse", _("Överenskommelse")
        ACTIVITY_PLAN = "aktivitetsplan", _("Aktivitetsplan")

    class Status(models.TextChoices):
        IN_PREPARATION = "under_framtagande", _("Under framtagande")
        IN_FORCE = "gallande", _("Gällande")
        EXTENDED = "forlangd", _("Förlängd")
        ENDED = "avslutad", _("Avslutad")

    title = models.CharField(_("titel"), max_length=300, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=60, blank=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("beskrivning"), blank=True)
    period_start = models.PositiveSmallIntegerField(
        _("gäller från år"), null=True, blank=True
    )
    period_end = models.PositiveSmallIntegerField(
        _("gäller till år"), null=True, blank=True
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    status_note = models.CharField(
        _("kommentar till status"),
        max_length=300,
        blank=True,
        help_text=_("T.ex. hur länge en förlängning gäller."),
    )
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("hör till"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        help_text=_("T.ex. den aktivitetsplan som hör till ett samverkansdokument."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("efterföljare"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
    )
    url = models.URLField(_("länk"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("styrdokument")
        verbose_name_plural = _("styrdokument")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(period_start__isnull=True)
                    | Q(period_end__isnull=True)
                    | Q(period_end__gte=F("period_start"))
                ),
                name="styrdokument_period_ordered",
                violation_error_message=_("Perioden kan inte sluta innan den börjar."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:styrdokument_detail", kwargs={"pk": self.pk})

    @property
    def period(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return str(self.period_start or self.period_end or "")


class StrategyArea(models.Model):
    """A numbered area of a strategy, e.g. RUS 5:3."""

    styrdokument = models.ForeignKey(
        Styrdokument,
        verbose_name=_("styrdokument"),
        on_delete=models.CASCADE,
        related_name="areas",
    )
    code = models.CharField(_("nummer"), max_length=20)
    title = models.CharField(_("rubrik"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategiområde")
        verbose_name_plural = _("strategiområden")
        ordering = ["styrdokument", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["styrdokument", "code"], name="strategy_area_code_unique"
            )
        ]

    def __str__(self) -> str:
        short = self.styrdokument.short_name or self.styrdokument.title
        return f"{short} {self.code}"


class AnnualPlanQuerySet(models.QuerySet):
    def public(self) -> AnnualPlanQuerySet:
        """What the public sees: published plans of bodies that are active."""
        return self.filter(AnnualPlan.public_q())


class AnnualPlan(models.Model):
    """A body's verksamhetsplan for one year, one version of it."""

    class State(models.TextChoices):
        DRAFT = "utkast", _("Utkast")
        ADOPTED = "faststalld", _("Fastställd")
        PUBLISHED = "publicerad", _("Publicerad")

    TRANSITIONS = {
        State.DRAFT: {State.ADOPTED},
        State.ADOPTED: {State.PUBLISHED},
        State.PUBLISHED: set(),
    }
    # From adoption on, the text of a version is fixed.
    LOCKED_STATES = {State.ADOPTED, State.PUBLISHED}

    body = models.ForeignKey(
        Body, verbose_name=_("organ"), on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("ersätter version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revision",
    )
    change_reason = models.TextField(_("skäl till ny version"), blank=True)
    state = models.CharField(
        _("status"), max_length=12, choices=State.choices, default=State.DRAFT
    )
    prepared_by = models.ForeignKey(
        Body,
        verbose_name=_("beredd av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prepared_plans",
    )
    introduction = models.TextField(_("inledning"), blank=True)
    follow_up_summary = models.TextField(
        _("sammanfattande uppföljning"),
        blank=True,
        help_text=_("Uppföljningen av föregående års verksamhet i stort."),
    )
    styrdokument = models.ManyToManyField(
        Styrdokument,
        verbose_name=_("styrdokument som planen tjänar"),
        blank=True,
        related_name="plans",
    )
    adopted_at_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("fastställd vid möte"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_plans",
    )
    adopted_in_paragraph = models.ForeignKey(
        "meetings.Paragraph",
        verbose_name=_("fastställd i paragraf"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_plans",
    )
    adopted_on = models.DateField(_("fastställd den"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[styrdokument])
    objects = AnnualPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("verksamhetsplan")
        verbose_name_plural = _("verksamhetsplaner")
        ordering = ["body", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "version"], name="annual_plan_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="annual_plan_year_sane",
                violation_error_message=_("Ange ett år mellan 2000 och 2100."),
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(change_reason=""),
                name="annual_plan_revision_has_reason",
                violation_error_message=_("En ny version måste ha ett skäl."),
            ),
        ]

    def __str__(self) -> str:
        label = f"Verksamhetsplan {self.year}, {self.body.short_name}"
        return f"{label} (version {self.version})" if self.version > 1 else label

    def get_absolute_url(self) -> str:
        return reverse(
            "plans:detail", kwargs={"slug": self.body.slug, "year": self.year}
        )

    @staticmethod
    def public_q(prefix: str = "") -> models.Q:
        """The public's plans as a condition: published, of an active body. With a
        `prefix` ("plan__") it is the same condition on the rows of a plan."""
        return models.Q(
            **{
                f"{prefix}state": AnnualPlan.State.PUBLISHED,
                f"{prefix}body__is_active": True,
            }
        )

    @property
    def is_locked(self) -> bool:
        return self.state in self.LOCKED_STATES


class PlanSection(models.Model):
    """Shared shape of the ordered, titled entries of a plan."""

    plan = models.ForeignKey(
        AnnualPlan, verbose_name=_("plan"), on_delete=models.CASCADE
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    title = models.CharField(_("rubrik"), max_length=300)

    class Meta:
        abstract = True
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Assignment(PlanSection):
    """An uppdrag in the plan."""

    text = models.TextField(_("beskrivning"), blank=True)
    # The searchable text as a `swedish` tsvector, kept by a PostgreSQL trigger
    # (empty on SQLite); council.portal.search ranks on it.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta(PlanSection.Meta):
        verbose_name = _("uppdrag")
        verbose_name_plural = _("uppdrag")
        default_related_name = "assignments"


class VisionItem(PlanSection):
    """A direction in the plan's Vision/Strategi (3–5 år)."""

    text = models.TextField(_("strategisk inriktning"), blank=True)
    styrdokument = models.ManyToManyField(
        Styrdokument, verbose_name=_("styrdokument"), blank=True, related_name="+"
    )
    strategy_areas = models.ManyToManyField(
        StrategyArea,
        verbose_name=_("strategiområden"),
        blank=True,
        related_name="vision_items",
    )
    # The searchable text as a `swedish` tsvector, kept by a PostgreSQL trigger
    # (empty on SQLite); council.portal.search ranks on it.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[styrdokument, strategy_areas])

    class Meta(PlanSection.Meta):
        verbose_name = _("vision/strategi")
        verbose_name_plural = _("vision/strategi")
        default_related_name = "vision_items"


class Activity(PlanSection):
    """An activity of the plan, with who owns it and how it went."""

    class Owner(models.TextChoices):
        COUNCIL = "radet", _("Samverkansrådet")
        OFFICIALS = "chefsgruppen", _("Chefsgruppen")
        NETWORK = "natverk", _("Ett nätverk")
        EXTERNAL = "extern", _("Extern part")

    class Status(models.TextChoices):
        PLANNED = "planerad", _("Planerad")
        ONGOING = "pagar", _("Pågår")
        DONE = "genomford", _("Genomförd")
        NOT_STARTED = "ej_paborjad", _("Ej påbörjad")
        CANCELLED = "struken", _("Struken")

    description = models.TextField(_("beskrivning"), blank=True)
    owner = models.CharField(
        _("ansvarig"), max_length=15, choices=Owner.choices, default=Owner.OFFICIALS
    )
    owner_body = models.ForeignKey(
        Body,
        verbose_name=_("ansvarigt organ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_activities",
    )
    owner_text = models.CharField(
        _("ansvarig (fritext)"),
        max_length=200,
        blank=True,
        help_text=_("För en extern part, t.ex. Örebro universitet."),
    )
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.PLANNED
    )
    follow_up = models.TextField(_("uppföljning"), blank=True)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("överförd från"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        help_text=_("Den aktivitet i föregående års plan som fortsätter här."),
    )
    paragraphs = models.ManyToManyField(
        "meetings.Paragraph",
        verbose_name=_("behandlad i paragrafer"),
        blank=True,
        related_name="activities",
    )
    # The searchable text as a `swedish` tsvector, kept by a PostgreSQL trigger
    # (empty on SQLite); council.portal.search ranks on it.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[paragraphs])

    class Meta(PlanSection.Meta):
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        default_related_name = "activities"

    @property
    def owner_display(self) -> str:
        """Who owns the activity, as a reader wants to see it."""
        if self.owner_body_id is not None:
            return self.owner_body.name
        return self.owner_text or self.get_owner_display()

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.CANCELLED}
