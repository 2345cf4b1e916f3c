from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoriesConfig(AppConfig):
    name = "maillage.territories"
    label = "territories"
    verbose_name = _("Territories")

    def ready(self) -> None:
        from maillage.core import navigation

        # Registers the audit verbs' labels, read by every history page.
        from maillage.territories import services  # noqa: F401

        navigation.register_menu_item(
            key="territories", label=_("Territory"), url_name="territories:index", order=100
        )
        navigation.register_stylesheet("territories/territories.css")
