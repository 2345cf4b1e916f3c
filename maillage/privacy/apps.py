from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import NavigationMixin


class PrivacyConfig(NavigationMixin, AppConfig):
    """Personal information under Québec's Law 25: the person in charge, the privacy policy,
    consents, "my data", requests, anonymization, incidents, assessments and retention. Just above
    core, so that every app may honour a consent; it reads what the apps hold through core's
    registry (`core.personal`)."""

    name = "maillage.privacy"
    label = "privacy"
    verbose_name = _("Privacy")
    stylesheet = "privacy/privacy.css"

    def ready(self) -> None:
        from maillage.privacy import rules, verbs  # noqa: F401 (registrations)

        super().ready()
        self.register_my_data()

    def register_my_data(self) -> None:
        """ "My data": a link in the account menu and a section of My space."""
        from maillage.core import my_space, navigation
        from maillage.core.rules import is_authenticated
        from maillage.privacy import panels

        navigation.register_account_link(
            key="privacy_my_data",
            label=_("My data"),
            url_name="privacy:my_data",
            order=900,
            visible=is_authenticated,
        )
        my_space.SECTIONS.register(panels.my_data_section, order=panels.MY_DATA_ORDER)
