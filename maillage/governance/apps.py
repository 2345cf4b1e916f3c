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
        from maillage.core import cache, navigation
        from maillage.governance import (  # noqa: F401 (registrations)
            ical,
            receivers,
            rules,
            selectors,
            services,
            structure,
        )
        from maillage.governance.models import Accountability, Policy
        from maillage.governance.panels import structure_panel
        from maillage.governance.views import balance
        from maillage.territories import panels

        super().ready()
        receivers.connect()
        structure.watch()  # the cached map of the structure follows every change
        ical.watch()  # and so do the kept iCal feeds
        balance.watch()  # and so do the cached intersectoral balances
        # and the kept content of the circles' pages.
        cache.bump_on_change(selectors.PAGES, *structure.watched_models(), Policy, Accountability)
        # A territory's page lists the circles and workstreams working there.
        panels.register(structure_panel)
        # The calendar page holds each person's own subscription link and its renewal.
        navigation.register_account_link(
            key="governance_calendar",
            label=_("Governance calendar"),
            url_name="governance:calendar",
            order=300,
            visible="governance.view_calendar",
        )
