from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import NavigationMixin


class TerritoriesConfig(NavigationMixin, AppConfig):
    name = "maillage.territories"
    label = "territories"
    verbose_name = _("Territories")
    menu_items = (
        {
            "key": "territories",
            "label": _("Territory"),
            "url_name": "territories:index",
            "order": 100,
        },
    )
    stylesheet = "territories/territories.css"

    def ready(self) -> None:
        # Registers the audit verbs' labels, read by every history page.
        from maillage.territories import services  # noqa: F401

        super().ready()
