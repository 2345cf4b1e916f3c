from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import MenuItem, NavigationMixin


class PlanningConfig(NavigationMixin, AppConfig):
    name = "maillage.planning"
    label = "planning"
    verbose_name = _("Work plan")
    # After funding (450), before the consultations (500).
    menu_item = MenuItem("planning:plan_index", order=470, label=_("Work plan"))
    stylesheet = "planning/planning.css"

    def ready(self) -> None:
        from maillage.core import cache, navigation
        from maillage.decisions.models import Decision
        from maillage.decisions.panels import DECISION_PANELS
        from maillage.funding.models import Application
        from maillage.governance.calendar_sources import register_calendar_source
        from maillage.governance.models import Circle, Strategy, Workstream
        from maillage.planning import calendar, panels, receivers, rules, verbs  # noqa: F401
        from maillage.planning.models import Action, Objective, Orientation, Plan
        from maillage.planning.selectors.strategies import CACHE
        from maillage.planning.views.adoption import ADOPTIONS_CACHE, decision_panel
        from maillage.territories import panels as territory_panels

        super().ready()
        # The dashboards' and the strategies' own styles.
        navigation.register_stylesheet("planning/dashboards.css")
        # A process's page and its decision's: the plan and objectives it adopts.
        DECISION_PANELS.register(decision_panel)
        cache.bump_on_change(ADOPTIONS_CACHE, Plan, Orientation, Objective)
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
