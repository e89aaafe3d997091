"""What only networks have: purpose, focus, agreement, achievements and links."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Body


class NetworkProfile(models.Model):
    """The network page of a Body of kind nätverk."""

    body = models.OneToOneField(
        Body,
        verbose_name=_("organ"),
        on_delete=models.CASCADE,
        related_name="network_profile",
        limit_choices_to={"kind": Body.Kind.NETWORK},
    )
    full_name = models.CharField(
        _("fullständigt namn"),
        max_length=300,
        blank=True,
        help_text=_("T.ex. ”regionalt kompetensforum för vuxnas lärande”."),
    )
    purpose = models.TextField(_("syfte"))
    composition = models.TextField(
        _("sammansättning"), blank=True, help_text=_("Vilka som ingår i nätverket.")
    )
    size = models.PositiveSmallIntegerField(_("antal deltagare"), null=True, blank=True)
    meeting_frequency = models.CharField(
        _("mötesfrekvens"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. ”1 gång/månad”."),
    )
    meetings_per_year = models.PositiveSmallIntegerField(
        _("möten per år (ungefär)"), null=True, blank=True
    )
    working_notes = models.TextField(_("arbetsformer"), blank=True)
    agreement_title = models.CharField(_("samverkansavtal"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nätverksprofil")
        verbose_name_plural = _("nätverksprofiler")
        ordering = ["body__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__isnull=True) | Q(size__gt=0),
                name="network_size_positive",
                violation_error_message=_(
                    "Antalet deltagare måste vara större än noll."
                ),
            )
        ]

    def __str__(self) -> str:
        return str(self.body)


class NetworkEntry(models.Model):
    """Shared shape of the ordered lists on a network page."""

    profile = models.ForeignKey(
        NetworkProfile, verbose_name=_("nätverk"), on_delete=models.CASCADE
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    title = models.CharField(_("rubrik"), max_length=300)

    class Meta:
        abstract = True
        ordering = ["profile", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class FocusArea(NetworkEntry):
    """A priority area of the network."""

    history = HistoricalRecords()

    class Meta(NetworkEntry.Meta):
        verbose_name = _("prioriterat område")
        verbose_name_plural = _("prioriterade områden")
        default_related_name = "focus_areas"


class AgreementTopic(NetworkEntry):
    """A topic the network's samverkansavtal regulates."""

    history = HistoricalRecords()

    class Meta(NetworkEntry.Meta):
        verbose_name = _("område i samverkansavtalet")
        verbose_name_plural = _("områden i samverkansavtalet")
        default_related_name = "agreement_topics"


class SupportingNetwork(NetworkEntry):
    """A network that supports this one, e.g. GySär for GySam."""

    description = models.TextField(_("beskrivning"), blank=True)

    history = HistoricalRecords()

    class Meta(NetworkEntry.Meta):
        verbose_name = _("stödjande nätverk")
        verbose_name_plural = _("stödjande nätverk")
        default_related_name = "supporting_networks"


class Achievement(NetworkEntry):
    """Something the network has achieved or arranged."""

    description = models.TextField(_("beskrivning"), blank=True)
    date = models.DateField(_("datum"), null=True, blank=True)
    participants = models.PositiveIntegerField(
        _("antal deltagare"), null=True, blank=True
    )
    url = models.URLField(_("länk"), blank=True)

    history = HistoricalRecords()

    class Meta(NetworkEntry.Meta):
        verbose_name = _("resultat eller evenemang")
        verbose_name_plural = _("resultat och evenemang")
        default_related_name = "achievements"


class NetworkLink(NetworkEntry):
    """A link from the network page, e.g. to VuxWebb."""

    url = models.URLField(_("adress"), max_length=500)

    history = HistoricalRecords()

    class Meta(NetworkEntry.Meta):
        verbose_name = _("länk")
        verbose_name_plural = _("länkar")
        default_related_name = "links"
