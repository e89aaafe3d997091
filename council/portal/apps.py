from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "council.portal"
    label = "portal"
    verbose_name = _("Portalen")

    def ready(self) -> None:
        from council.portal import public_cache
        from council.portal.search import sources

        public_cache.connect_signals()
        sources.connect_signals()
