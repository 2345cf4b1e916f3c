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

        from maillage.core import search, verbs  # noqa: F401 (audit verbs, database check)

        # SQLite learns the search's matching function on each connection (see core.search).
        connection_created.connect(search.register_sqlite_functions, dispatch_uid="core.search")
        self.register_navigation()

    def register_navigation(self) -> None:
        """Core's own entries; the apps above it add theirs in their `ready()`."""
        from maillage.core import navigation
        from maillage.core.rules import is_admin

        navigation.register_menu_item(
            key="admin",
            label=_("Administration"),
            url_name="admin:index",
            order=1000,
            visible=is_admin,
            # The Django admin has its own layout: the entry is never the current page.
            active_prefix=False,
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
