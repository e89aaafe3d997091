from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "council"
    verbose_name = _("Organisation och organ")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from council import checks  # noqa: F401  (registers the deployment checks)
        from council.middleware import session_activity_start
        from council.uploads import allow_long_file_names

        allow_long_file_names()
        user_logged_in.connect(
            session_activity_start, dispatch_uid="council.session_activity_start"
        )
