from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import NavigationMixin


class PlanningConfig(NavigationMixin, AppConfig):
    name = "maillage.planning"
    label = "planning"
    verbose_name = _("Work plan")
    stylesheet = "planning/dashboards.css"

    def ready(self) -> None:
        from maillage.core import cache
        from maillage.decisions.models import Decision
        from maillage.funding.models import Application
        from maillage.governance.calendar_sources import register_calendar_source
        from maillage.governance.models import Circle, Strategy, Workstream
        from maillage.planning import calendar, panels, rules  # noqa: F401 (registrations)
        from maillage.planning.models import Action, Objective, Orientation, Plan
        from maillage.planning.selectors.strategies import CACHE
        from maillage.territories import panels as territory_panels

        super().ready()
        # A territory's page: the plan's actions concerning it.
        territory_panels.register(panels.territory_panel)
        cache.bump_on_change(panels.TERRITORY_CACHE, Action, Objective, Orientation, Plan)
        # The strategies' live blocks on the public site: what they count.
        cache.bump_on_change(
            CACHE,
            *(Action, Objective, Orientation, Plan, Strategy, Circle, Workstream),
            *(Decision, Application),
        )
        # The governance calendar: the ends of the actions and the dates of the targets.
        register_calendar_source(calendar.ACTION_SOURCE)
        register_calendar_source(calendar.TARGET_SOURCE)
