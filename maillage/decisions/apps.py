from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import MenuItem, NavigationMixin


class DecisionsConfig(NavigationMixin, AppConfig):
    name = "maillage.decisions"
    label = "decisions"
    verbose_name = _("Decisions")
    menu_item = MenuItem("decisions:register", order=400)
    stylesheet = "decisions/decisions.css"

    def ready(self) -> None:
        from maillage.core import cache, my_space
        from maillage.core.models import User
        from maillage.decisions import calendar, panels, replies, rules, verbs  # noqa: F401
        from maillage.decisions.models import (
            Advice,
            AdviceRequest,
            Answer,
            Decision,
            Nomination,
            Poll,
            Process,
            ProposalVersion,
            Remark,
            Round,
            StructuralChange,
            Vote,
        )
        from maillage.decisions.selectors.register import DECISION_CACHE, PARTICIPATION_CACHE
        from maillage.decisions.views.register import REGISTER_CACHE
        from maillage.governance.calendar_sources import register_calendar_source
        from maillage.governance.models import (
            Circle,
            Membership,
            RoleAssignment,
            Strategy,
            Workstream,
        )
        from maillage.network.models import Organization, Person, Seat
        from maillage.territories.models import Territory

        super().ready()
        replies.register()  # a consent round's answers by e-mail
        # The decisions due for review on the governance calendar, its feed and My space.
        register_calendar_source(calendar.SOURCE)
        # My space: the consent rounds awaiting the person's answer.
        my_space.AWAITING.register(panels.my_answers)
        cache.bump_on_change(
            panels.AWAITING_CACHE,
            *(Process, Round, Answer, Poll, Vote, Nomination, AdviceRequest, Advice),
            # Who is asked: members (and their accounts) of the groups, and the groups' names.
            *(Membership, Person, Circle, Workstream),
        )
        # A decision's page, kept rendered: the decision, its process and what its rounds
        # recorded, and the names shown (people, organizations, recorders' accounts, groups).
        cache.bump_on_change(
            DECISION_CACHE,
            *(Decision, Process, Round, Answer, Remark, ProposalVersion, StructuralChange),
            *(Person, Organization, User, Circle, Workstream),
        )
        # The register's filters and results, kept rendered: what they show and filter by (a
        # group's territories and strategies are many-to-many relations of these models).
        cache.bump_on_change(REGISTER_CACHE, Decision, Circle, Workstream, Strategy, Territory)
        # Who takes part where (`selectors.kept_group_ids`): memberships, the substitutes of
        # seats (a many-to-many relation of Seat), role holders and people's accounts.
        cache.bump_on_change(PARTICIPATION_CACHE, Membership, Seat, RoleAssignment, Person)
