from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import MenuItem, NavigationMixin


class NetworkConfig(NavigationMixin, AppConfig):
    name = "maillage.network"
    label = "network"
    verbose_name = _("Partner network")
    menu_item = MenuItem("network:organization_list", order=200)
    stylesheet = "network/network.css"

    def ready(self) -> None:
        from allauth.account.signals import email_confirmed

        from maillage.core import accounts, cache
        from maillage.core.imports import register_importer
        from maillage.core.my_space import SECTIONS
        from maillage.core.signals import platform_invitation_accepted
        from maillage.network import exports, receivers, rules, services  # noqa: F401 (registrations)
        from maillage.network.models import Organization, Sector
        from maillage.network.panels import (
            MY_SEATS_ORDER,
            PANEL_CACHE,
            account_record_panel,
            my_seats_section,
            open_seats_column,
            organizations_panel,
        )
        from maillage.territories import panels
        from maillage.territories.models import Territory

        super().ready()
        exports.watch()  # the cached export files follow every change
        for importer in services.IMPORTERS:
            register_importer(importer)
        email_confirmed.connect(
            receivers.link_person_on_email_confirmed, dispatch_uid="network.link_person"
        )
        platform_invitation_accepted.connect(
            receivers.link_person_on_platform_invitation,
            dispatch_uid="network.link_invited_person",
        )
        # My space shows the seats of the person logged in.
        SECTIONS.register(my_seats_section, order=MY_SEATS_ORDER)
        # The staff's account pages show the seats each account's person holds.
        accounts.register_column(open_seats_column())
        accounts.ACCOUNT_SECTIONS.register(account_record_panel)
        # The territory page shows a panel of the organizations serving it, kept until the
        # next change of an organization, its sectors or its territories.
        panels.register(organizations_panel)
        cache.bump_on_change(PANEL_CACHE, Organization, Sector, Territory)
