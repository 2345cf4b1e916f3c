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
        from maillage.network.models import Organization
        from maillage.planning import calendar, panels, receivers, rules, verbs  # noqa: F401
        from maillage.planning.models import (
            Action,
            Need,
            Objective,
            Orientation,
            Plan,
            ProgressUpdate,
            Target,
        )
        from maillage.planning.selectors.plans import PLAN_CACHE
        from maillage.planning.selectors.strategies import CACHE
        from maillage.planning.views.adoption import ADOPTIONS_CACHE, decision_panel
        from maillage.portrait.models import Indicator, Value
        from maillage.territories import panels as territory_panels
        from maillage.territories.models import Territory

        super().ready()
        # The dashboards' and the strategies' own styles.
        navigation.register_stylesheet("planning/dashboards.css")
        # A process's page and its decision's: the plan and objectives it adopts.
        DECISION_PANELS.register(decision_panel)
        cache.bump_on_change(ADOPTIONS_CACHE, Plan, Orientation, Objective)
        # A territory's page: the plan's actions concerning it.
        territory_panels.register(panels.territory_panel)
        cache.bump_on_change(panels.TERRITORY_CACHE, Action, Objective, Orientation, Plan)
        # A plan's pages: the plan and what it holds, who carries its actions, the territories
        # and indicators it names, the values that measure its targets.
        cache.bump_on_change(
            PLAN_CACHE,
            *(Plan, Need, Orientation, Objective, Action, Target, ProgressUpdate),
            *(Circle, Workstream, Territory, Indicator, Value),
        )
        # The strategies' pages, their dashboard and their live blocks on the public site: what
        # they count and name, and where the targets stand.
        cache.bump_on_change(
            CACHE,
            *(Action, Objective, Orientation, Plan, Target, ProgressUpdate, Value),
            *(Strategy, Circle, Workstream, Decision, Application, Organization, Territory),
        )
        # The governance calendar: the ends of the actions and the dates of the targets.
        register_calendar_source(calendar.ACTION_SOURCE)
        register_calendar_source(calendar.TARGET_SOURCE)
