from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "council"
    verbose_name = _("Organisation och organ")

    def ready(self) -> None:
        from council import public_cache, search

        public_cache.connect_signals()
        search.connect_signals()
