from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import MenuItem, NavigationMixin


class PortraitConfig(NavigationMixin, AppConfig):
    name = "maillage.portrait"
    label = "portrait"
    verbose_name = _("Territorial portrait")
    # Right after the territory (100): the figures that describe it.
    menu_item = MenuItem("portrait:index", order=150, label=_("Portrait"))
    stylesheet = "portrait/portrait.css"

    def ready(self) -> None:
        from maillage.core import cache, navigation
        from maillage.core.imports import register_importer
        from maillage.portrait import panels, rules, services, verbs  # noqa: F401 (registrations)
        from maillage.portrait.models import Indicator, Source, Value
        from maillage.portrait.selectors import FIGURES_CACHE
        from maillage.territories import panels as territory_panels
        from maillage.territories.models import Boundary, Territory

        super().ready()
        # The maps' and the comparison's own styles.
        navigation.register_stylesheet("portrait/maps.css")
        register_importer(services.IMPORTER)
        # A territory's page: a few of its key figures and the link to its portrait.
        territory_panels.register(panels.territory_panel)
        # The portrait's pages and that panel are kept rendered until the next change of an
        # indicator, a value, a source, a territory or its outline (the maps).
        cache.bump_on_change(FIGURES_CACHE, Indicator, Value, Source, Territory, Boundary)
