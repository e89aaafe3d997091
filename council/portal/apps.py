from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "council.portal"
    label = "portal"
    verbose_name = _("Portalen")

    def ready(self) -> None:
        from council.portal import checks, public_cache  # noqa: F401  (checks register)
        from council.portal.search import sources

        public_cache.connect_signals()
        sources.connect_signals()
