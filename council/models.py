"""Who is who: users, organisations, people, bodies and their memberships."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A login. What a user may do follows from the memberships of its Person."""

    class Meta(AbstractUser.Meta):
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    @property
    def person_or_none(self) -> Person | None:
        try:
            return self.person
        except Person.DoesNotExist:
            return None


class Party(models.TextChoices):
    S = "S", _("Socialdemokraterna (S)")
    M = "M", _("Moderaterna (M)")
    V = "V", _("Vänsterpartiet (V)")
    C = "C", _("Centerpartiet (C)")
    L = "L", _("Liberalerna (L)")
    KD = "KD", _("Kristdemokraterna (KD)")
    MP = "MP", _("Miljöpartiet (MP)")
    SD = "SD", _("Sverigedemokraterna (SD)")
    OTHER = "övr", _("Annat parti")


class ItemKind(models.TextChoices):
    """What an agenda item is for; shared by templates and real agendas."""

    FORMALIA = "formalia", _("Formalia")
    INFORMATION = "information", _("Information")
    DISCUSSION = "diskussion", _("Diskussion")
    POSITION = "stallningstagande", _("Ställningstagande")
    DECISION = "beslut", _("Beslut")
    OTHER_MATTERS = "ovriga_fragor", _("Övriga frågor")


class Organisation(models.Model):
    """A member organisation (the Region or a municipality) or another party."""

    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        MUNICIPALITY = "kommun", _("Kommun")
        OTHER = "annan", _("Annan organisation")

    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=60, blank=True)
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    aliases = models.JSONField(
        _("namnvarianter"),
        default=list,
        blank=True,
        help_text=_("Andra stavningar som förekommer i handlingar, t.ex. i protokoll."),
    )
    is_member = models.BooleanField(
        _("medlemsorganisation"),
        default=False,
        help_text=_("Ingår i samverkan (regionen och länets kommuner)."),
    )
    website = models.URLField(_("webbplats"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """One real person, whatever spellings of the name the documents use."""

    name = models.CharField(_("namn"), max_length=200)
    aliases = models.JSONField(
        _("namnvarianter"),
        default=list,
        blank=True,
        help_text=_("Andra stavningar av namnet, t.ex. Lejgren för Lejegren."),
    )
    party = models.CharField(
        _("parti"), max_length=4, choices=Party.choices, blank=True
    )
    title = models.CharField(_("titel"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    email = models.EmailField(_("e-post"), blank=True)
    user = models.OneToOneField(
        User,
        verbose_name=_("användarkonto"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["name"]

    def __str__(self) -> str:
        if self.party:
            return f"{self.name} ({self.party})"
        return self.name

    @staticmethod
    def spellings_of(name: str, aliases: object) -> tuple[str, ...]:
        """The name and then each alias (a text, not empty) the person is kept with."""
        others = aliases if isinstance(aliases, list) else []
        return (name, *(a for a in others if isinstance(a, str) and a))

    def spellings(self) -> tuple[str, ...]:
        return self.spellings_of(self.name, self.aliases)

    def matches(self, name: str) -> bool:
        """Whether a spelling found in a document names this person."""
        wanted = " ".join(name.split()).casefold()
        return any(
            " ".join(known.split()).casefold() == wanted for known in self.spellings()
        )


class Body(models.Model):
    """A body that meets: the council, the officials' group or a network."""

    class Kind(models.TextChoices):
        COUNCIL = "samverkansrad", _("Samverkansråd")
        OFFICIALS = "tjanstemannagrupp", _("Tjänstemannagrupp")
        NETWORK = "natverk", _("Nätverk")

    class Numbering(models.TextChoices):
        PER_MEETING = "per_mote", _("1–n per möte")
        PER_YEAR = "per_ar", _("§ löpande per kalenderår")

    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=60)
    slug = models.SlugField(
        _("webbadressnamn"),
        unique=True,
        help_text=_("Används i publika adresser, t.ex. /organ/ssr/."),
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("beskrivning"), blank=True)
    mandate = models.TextField(
        _("uppdrag och arbetsordning"),
        blank=True,
        help_text=_("Vad organet har i uppdrag enligt överenskommelsen."),
    )
    has_decision_power = models.BooleanField(
        _("beslutande"),
        default=False,
        help_text=_("Av: organet bereder och rekommenderar, besluten fattas av andra."),
    )
    deciding_bodies = models.CharField(
        _("beslutande instanser"),
        max_length=200,
        blank=True,
        help_text=_("Vem som fattar besluten när organet bara rekommenderar."),
    )
    numbering = models.CharField(
        _("paragrafnumrering"),
        max_length=10,
        choices=Numbering.choices,
        default=Numbering.PER_MEETING,
    )
    uses_anslag = models.BooleanField(
        _("anslag används"),
        default=False,
        help_text=_("Justerade protokoll anslås på den digitala anslagstavlan."),
    )
    justering_requires_passkey = models.BooleanField(
        _("justering kräver nyckel (passkey)"),
        default=False,
        help_text=_(
            "Sekreteraren, ordföranden och justerarna bekräftar med en nyckel "
            "(passkey) i stället för lösenord när protokollet skickas för justering "
            "och justeras. Var och en registrerar sin nyckel på sidan Säkerhet."
        ),
    )
    office = models.CharField(_("tjänsteställe"), max_length=200, blank=True)
    secretariat = models.ForeignKey(
        Organisation,
        verbose_name=_("sekretariat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="secretariat_for",
    )
    min_meetings_per_year = models.PositiveSmallIntegerField(
        _("minsta antal möten per år"), default=0
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("stödjer organet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supporting_bodies",
        help_text=_("Det organ som detta organ bereder ärenden för eller stödjer."),
    )
    area = models.CharField(
        _("område"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. Utbildning och arbetsmarknad."),
    )
    is_active = models.BooleanField(_("aktivt"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = _("organ")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        if self.kind == self.Kind.NETWORK:
            return reverse("networks:network_detail", kwargs={"slug": self.slug})
        return reverse("council:body_detail", kwargs={"slug": self.slug})


class AgendaTemplateItem(models.Model):
    """A standard item that every new dagordning of a body starts with."""

    body = models.ForeignKey(
        Body,
        verbose_name=_("organ"),
        on_delete=models.CASCADE,
        related_name="agenda_template_items",
    )
    order = models.PositiveSmallIntegerField(_("ordning"))
    title = models.CharField(_("rubrik"), max_length=300)
    text = models.TextField(
        _("standardtext"),
        blank=True,
        help_text=_("Förifylld text i protokollet, t.ex. ”Mötet öppnas”."),
    )
    kind = models.CharField(_("typ av ärende"), max_length=20, choices=ItemKind.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("standardpunkt i dagordning")
        verbose_name_plural = _("standardpunkter i dagordning")
        ordering = ["body", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "order"], name="agenda_template_order_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> MembershipQuerySet:
        day = on or timezone.localdate()
        return self.filter(starts__lte=day).filter(
            Q(ends__isnull=True) | Q(ends__gte=day)
        )


class Membership(models.Model):
    """A person's seat in a body for a term, in a role, representing an organisation."""

    class Role(models.TextChoices):
        CHAIR = "ordforande", _("Ordförande")
        VICE_CHAIR = "vice_ordforande", _("Vice ordförande")
        MEMBER = "ledamot", _("Ledamot")
        SUBSTITUTE = "ersattare", _("Ersättare")
        SECRETARY = "sekreterare", _("Sekreterare")
        OTHER = "annan", _("Annan roll")

    # Ordered as a protokoll and a start page list them.
    ROLE_ORDER = [
        Role.CHAIR,
        Role.VICE_CHAIR,
        Role.MEMBER,
        Role.SUBSTITUTE,
        Role.SECRETARY,
        Role.OTHER,
    ]
    VOTING_ROLES = {Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER}

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("organ"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    title = models.CharField(
        _("uppdrag"),
        max_length=200,
        blank=True,
        help_text=_("Fritext när rollen behöver förklaras, t.ex. ”områdeschef”."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("företräder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    party = models.CharField(
        _("parti under mandatperioden"),
        max_length=4,
        choices=Party.choices,
        blank=True,
    )
    starts = models.DateField(_("från"))
    ends = models.DateField(_("till"), null=True, blank=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("uppdrag i organ")
        verbose_name_plural = _("uppdrag i organ")
        ordering = ["body", "role", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(ends__gte=models.F("starts")),
                name="membership_term_ends_after_start",
                violation_error_message=_(
                    "Mandatperioden kan inte sluta innan den börjar."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}, {self.get_role_display().lower()}, {self.body}"

    @property
    def is_voting(self) -> bool:
        return self.role in self.VOTING_ROLES

    @property
    def presides(self) -> bool:
        return self.role in {self.Role.CHAIR, self.Role.VICE_CHAIR}


class AccessibilityFeedback(models.Model):
    """A report of an accessibility problem, sent from the accessibility statement."""

    message = models.TextField(_("beskrivning"))
    page = models.CharField(
        _("sida"),
        max_length=500,
        blank=True,
        help_text=_("Adressen där problemet finns."),
    )
    name = models.CharField(_("namn"), max_length=200, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    created_at = models.DateTimeField(_("inkommen"), auto_now_add=True)
    handled_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    response = models.TextField(_("svar och åtgärd"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("synpunkt på tillgänglighet")
        verbose_name_plural = _("synpunkter på tillgänglighet")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message[:80]


# The signing CA's revocations, in a module of their own.
from council.earkiv.models import ArchiveExport  # noqa: E402,F401
from council.pki_models import RevocationList, RevokedCertificate  # noqa: E402,F401
