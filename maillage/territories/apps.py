from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoriesConfig(AppConfig):
    name = "maillage.territories"
    label = "territories"
    verbose_name = _("Territories")

    def ready(self) -> None:
        # Registers the audit verbs' labels, read by every history page.
        from maillage.territories import services  # noqa: F401
