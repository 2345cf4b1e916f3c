from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import NavigationMixin


class ParticipationConfig(NavigationMixin, AppConfig):
    name = "maillage.participation"
    label = "participation"
    verbose_name = _("Citizen participation")
    stylesheet = "participation/participation.css"

    def ready(self) -> None:
        from maillage.participation import rules, verbs  # noqa: F401 (registrations)

        super().ready()
