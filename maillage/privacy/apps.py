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
