from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PasskeysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "council.passkeys"
    label = "passkeys"
    verbose_name = _("Nycklar (passkeys)")
