from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from maillage.core.navigation import EntryFields


class NavigationMixin:
    """An app's `AppConfig` declares its main-menu entries and its stylesheet; they are
    registered with `core.navigation` when the app is ready (its own `ready()` calls this one).

    A mixin rather than an `AppConfig` subclass: Django would take an `AppConfig` subclass
    imported into an app's `apps` module for one of that app's configurations."""

    menu_items: ClassVar[Sequence[EntryFields]] = ()
    stylesheet: ClassVar[str] = ""

    def ready(self) -> None:
        from maillage.core import navigation

        for fields in self.menu_items:
            navigation.register_menu_item(**fields)
        if self.stylesheet:
            navigation.register_stylesheet(self.stylesheet)


class CoreConfig(AppConfig):
    name = "maillage.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
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
