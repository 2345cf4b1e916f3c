from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import NavigationMixin


class ParticipationConfig(NavigationMixin, AppConfig):
    name = "maillage.participation"
    label = "participation"
    verbose_name = _("Citizen participation")

    def ready(self) -> None:
        from maillage.core import cache, my_space
        from maillage.governance.models import Circle, Membership, Workstream
        from maillage.governance.panels import GROUP_PANELS
        from maillage.network.models import Person, Seat
        from maillage.participation import panels, rules, verbs  # noqa: F401 (registrations)
        from maillage.participation.models import Consultation, Proposal

        super().ready()
        # The inputs routed to a circle or a workstream, waiting for its answer.
        GROUP_PANELS.register(panels.group_waiting_panel)
        # My space: the person's groups that have inputs waiting for their answer.
        my_space.AWAITING.register(panels.my_waiting_inputs)
        cache.bump_on_change(
            panels.AWAITING_CACHE,
            *(Proposal, Consultation, Membership, Seat, Person, Circle, Workstream),
        )
