from django.apps import AppConfig, apps
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "council.portal"
    label = "portal"
    verbose_name = _("Portalen")

    def ready(self) -> None:
        from council.portal import checks, public_cache  # noqa: F401  (checks register)
        from council.portal.search import sources, sqlite

        public_cache.connect_signals()
        sources.connect_signals()
        connection_created.connect(
            sqlite.register_function, dispatch_uid="search_swedish_stems"
        )
        sqlite.register_open_connections()
        # Sent for apps with models once every migration has run: the council's.
        post_migrate.connect(
            sqlite.after_migrate, sender=apps.get_app_config("council")
        )
