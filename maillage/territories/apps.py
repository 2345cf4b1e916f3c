from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import MenuItem, NavigationMixin


class TerritoriesConfig(NavigationMixin, AppConfig):
    name = "maillage.territories"
    label = "territories"
    verbose_name = _("Territories")
    menu_item = MenuItem("territories:index", order=100, label=_("Territory"))
    stylesheet = "territories/territories.css"

    def ready(self) -> None:
        # Registers the audit verbs' labels, read by every history page.
        from maillage.core import cache
        from maillage.territories import services  # noqa: F401
        from maillage.territories.models import Boundary, Territory
        from maillage.territories.views import CACHE_NAMESPACE

        cache.bump_on_change(CACHE_NAMESPACE, Territory, Boundary)
        super().ready()
