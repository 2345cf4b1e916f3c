from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import NavigationMixin


class PortraitConfig(NavigationMixin, AppConfig):
    name = "maillage.portrait"
    label = "portrait"
    verbose_name = _("Territorial portrait")
    stylesheet = "portrait/maps.css"

    def ready(self) -> None:
        from maillage.portrait import rules  # noqa: F401 (registrations)

        super().ready()
