from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "maillage.site"
    label = "site"
    verbose_name = _("Public site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from maillage.site import live, receivers, rules  # noqa: F401 (registrations)

        receivers.connect()
        live.register_builtin()
