from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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
