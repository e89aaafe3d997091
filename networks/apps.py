from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "networks"
    verbose_name = _("Nätverk")
