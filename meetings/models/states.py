"""States that more than one model speaks of, kept apart so that the models of a
meeting and of its protokoll need not import each other."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProtocolState(models.TextChoices):
    """Where a protokoll version stands; `Protocol.TRANSITIONS` says where it may go."""

    DRAFT = "utkast", _("Utkast")
    IN_JUSTERING = "for_justering", _("För justering")
    JUSTERAT = "justerat", _("Justerat")
    PUBLISHED = "publicerat", _("Publicerat")
