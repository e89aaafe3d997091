from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "council"
    verbose_name = _("Organisation och organ")

    def ready(self) -> None:
        from council import checks  # noqa: F401  (registers the deployment checks)
        from council.uploads import allow_long_file_names

        allow_long_file_names()
