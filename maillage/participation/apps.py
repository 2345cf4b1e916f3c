from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import MenuItem, NavigationMixin


class ParticipationConfig(NavigationMixin, AppConfig):
    name = "maillage.participation"
    label = "participation"
    verbose_name = _("Citizen participation")
    # After funding (450): the consultations, public like the calls for projects.
    menu_item = MenuItem("participation:consultation_list", order=500, label=_("Consultations"))
    stylesheet = "participation/participation.css"

    def ready(self) -> None:
        from maillage.core import cache, my_space, navigation
        from maillage.governance.models import Circle, Membership, Strategy, Workstream
        from maillage.governance.panels import GROUP_PANELS
        from maillage.network.models import Person, Seat
        from maillage.participation import panels, rules, verbs  # noqa: F401 (registrations)
        from maillage.participation.models import Consultation, Phase, Proposal
        from maillage.participation.selectors.consultations import LIST_CACHE
        from maillage.planning.panels import STRATEGY_PANELS
        from maillage.territories import panels as territory_panels
        from maillage.territories.models import Territory

        super().ready()
        # A territory's page: the consultations concerning it and their latest proposals.
        territory_panels.register(panels.territory_panel)
        cache.bump_on_change(panels.TERRITORY_CACHE, Consultation, Phase, Proposal)
        # The inputs routed to a circle or a workstream, waiting for its answer.
        GROUP_PANELS.register(panels.group_waiting_panel)
        cache.bump_on_change(panels.WAITING_CACHE, Proposal, Consultation)
        # The consultations' list: their phases, territories and strategies (many-to-many
        # relations of Consultation), the names of their groups, and the filters' choices.
        cache.bump_on_change(
            LIST_CACHE, Consultation, Phase, Circle, Workstream, Strategy, Territory
        )
        # A strategy's page: the published consultations under it.
        STRATEGY_PANELS.register(panels.strategy_panel)
        cache.bump_on_change(panels.STRATEGY_CACHE, Consultation, Strategy)
        # My space: the person's groups that have inputs waiting for their answer.
        my_space.AWAITING.register(panels.my_waiting_inputs)
        cache.bump_on_change(
            panels.AWAITING_CACHE,
            *(Proposal, Consultation, Membership, Seat, Person, Circle, Workstream),
        )
        # A citizen's proposals and comments, with where each stands on the influence trail.
        navigation.register_account_link(
            key="my_contributions",
            label=_("My contributions"),
            url_name="participation:my_contributions",
            order=330,
            visible="participation.view_my_contributions",
        )
