from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "maillage.governance"
    label = "governance"
    verbose_name = _("Collaboration model")

    def ready(self) -> None:
        from maillage.core import navigation
        from maillage.governance import receivers, rules, services  # noqa: F401 (registrations)

        receivers.connect()
        navigation.register_menu_item(
            key="governance", label=_("Collaboration model"), url_name="governance:map", order=300
        )
        navigation.register_stylesheet("governance/governance.css")
