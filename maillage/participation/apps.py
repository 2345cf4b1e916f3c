from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import NavigationMixin


class ParticipationConfig(NavigationMixin, AppConfig):
    name = "maillage.participation"
    label = "participation"
    verbose_name = _("Citizen participation")
    stylesheet = "participation/participation.css"

    def ready(self) -> None:
        from maillage.core import navigation
        from maillage.participation import rules, verbs  # noqa: F401 (registrations)

        super().ready()
        # A citizen's proposals and comments, with where each stands on the influence trail.
        navigation.register_account_link(
            key="my_contributions",
            label=_("My contributions"),
            url_name="participation:my_contributions",
            order=330,
            visible="participation.view_my_contributions",
        )
