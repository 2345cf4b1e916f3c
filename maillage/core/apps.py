from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import ClassVar

from django.apps import AppConfig, apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    """An app's entry in the main menu, under the app's label as key; its text is the app's
    verbose name unless `label` says otherwise."""

    url_name: str
    order: int
    label: Promise | str | None = None


class NavigationMixin:
    """An app's `AppConfig` declares its main-menu entry and its stylesheet; they are registered
    with `core.navigation` when the app is ready (its own `ready()` calls this one).

    A mixin rather than an `AppConfig` subclass: Django would take an `AppConfig` subclass
    imported into an app's `apps` module for one of that app's configurations."""

    label: str
    verbose_name: Promise | str
    menu_item: ClassVar[MenuItem | None] = None
    stylesheet: ClassVar[str] = ""

    def ready(self) -> None:
        from maillage.core import navigation

        item = self.menu_item
        if item is not None:
            navigation.register_menu_item(
                key=self.label,
                label=self.verbose_name if item.label is None else item.label,
                url_name=item.url_name,
                order=item.order,
            )
        if self.stylesheet:
            navigation.register_stylesheet(self.stylesheet)


class CoreConfig(AppConfig):
    name = "maillage.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from maillage.core import (
            accounts,
            audit,
            cache,
            my_space,
            search,
            selectors,
            verbs,  # noqa: F401 (audit verbs, database check)
        )
        from maillage.core.audit import HISTORY_CACHE
        from maillage.core.models import AuditEvent, Notification, PlatformInvitation, User

        # SQLite learns the search's matching function on each connection (see core.search).
        connection_created.connect(search.register_sqlite_functions, dispatch_uid="core.search")
        self.register_navigation()
        my_space.register_core_sections()
        # Kept histories follow every change of a name (a login changes none), and the events
        # about their app's objects (`audit.history_namespaces`).
        cache.bump_on_change(HISTORY_CACHE, User, unless_only={"last_login"})
        cache.bump_by_row(AuditEvent, audit.bump_history, HISTORY_CACHE)
        # The staff's account list, kept rendered; the apps' columns add what they count.
        cache.bump_on_change(accounts.LIST_CACHE, User, PlatformInvitation)
        cache.bump_by_row(Notification, selectors.bump_unread, selectors.UNREAD_CACHE)
        post_migrate.connect(cache.bump_all, dispatch_uid="core.cache.bump_all")

    def register_navigation(self) -> None:
        """Core's own entries; the apps above it add theirs in their `ready()`."""
        from maillage.core import navigation
        from maillage.core.rules import is_authenticated

        # The platform's own pages of accounts and access, in French; the Django admin, for
        # administrators' repairs, is linked from there.
        navigation.register_menu_item(
            key="accounts",
            label=_("Accounts and access"),
            url_name="core:account_list",
            order=1000,
            visible="core.manage_accounts",
        )
        # The landing page after login (LOGIN_REDIRECT_URL), first of the account menu's links.
        navigation.register_account_link(
            key="my_space",
            label=_("My space"),
            url_name="core:my_space",
            order=0,
            visible=is_authenticated,
        )


def project_modules(name: str) -> list[tuple[AppConfig, ModuleType]]:
    """The module `name` (`demo`, `scale`…) of every app of the project that has one, in the order
    of INSTALLED_APPS, lower layers first. A module that fails to import for another reason
    raises."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("maillage."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.{name}")
        except ModuleNotFoundError as error:
            if error.name == f"{config.name}.{name}":
                continue
            raise
        found.append((config, module))
    return found
