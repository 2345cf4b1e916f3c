from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import MenuItem, NavigationMixin


class GovernanceConfig(NavigationMixin, AppConfig):
    name = "maillage.governance"
    label = "governance"
    verbose_name = _("Collaboration model")
    menu_item = MenuItem("governance:map", order=300)
    stylesheet = "governance/governance.css"

    def ready(self) -> None:
        from allauth.account.models import EmailAddress

        from maillage.core import cache, my_space, navigation
        from maillage.core.models import User
        from maillage.governance import (  # noqa: F401 (registrations)
            ical,
            panels,
            receivers,
            rules,
            selectors,
            services,
            structure,
        )
        from maillage.governance.models import Accountability, Deliverable, Invitation, Policy
        from maillage.governance.views import balance
        from maillage.network.panels import PERSON_PANELS
        from maillage.territories import panels as territory_panels

        super().ready()
        receivers.connect()
        structure.watch()  # the cached map of the structure follows every change
        ical.watch()  # and so do the kept iCal feeds
        balance.watch()  # and so do the cached intersectoral balances
        # and the kept content of the circles' pages.
        cache.bump_on_change(
            selectors.PAGES,
            *structure.watched_models(),
            Policy,
            Accountability,
            Deliverable,
            Invitation,
        )
        # A territory's page lists the circles and workstreams working there.
        territory_panels.register(panels.structure_panel)
        # A person's page shows their roles and memberships as well as their seats.
        PERSON_PANELS.register(panels.person_panel)
        # My space: the person's roles, groups and next dates, and the invitations awaiting them.
        my_space.SECTIONS.register(panels.my_roles_section, order=panels.MY_ROLES_ORDER)
        my_space.SECTIONS.register(panels.my_groups_section, order=panels.MY_GROUPS_ORDER)
        my_space.SECTIONS.register(panels.my_dates_section, order=panels.MY_DATES_ORDER)
        my_space.AWAITING.register(panels.my_invitations)
        cache.bump_on_change(panels.AWAITING_CACHE, Invitation, EmailAddress, User)
        # The calendar page holds each person's own subscription link and its renewal.
        navigation.register_account_link(
            key="governance_calendar",
            label=_("Governance calendar"),
            url_name="governance:calendar",
            order=300,
            visible="governance.view_calendar",
        )
