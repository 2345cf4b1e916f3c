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
        from maillage.core import cache
        from maillage.decisions.panels import DECISION_PANELS
        from maillage.planning import receivers, rules, verbs  # noqa: F401 (registrations)
        from maillage.planning.models import Objective, Orientation, Plan
        from maillage.planning.views.adoption import ADOPTIONS_CACHE, decision_panel

        super().ready()
        # A process's page and its decision's: the plan and objectives it adopts.
        DECISION_PANELS.register(decision_panel)
        cache.bump_on_change(ADOPTIONS_CACHE, Plan, Orientation, Objective)
