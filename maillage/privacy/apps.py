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
        from maillage.privacy import receivers, rules, verbs  # noqa: F401 (registrations)

        super().ready()
        self._register_officer()
        self._register_policy()
        self._register_consents()

    def _register_officer(self) -> None:
        from maillage.core import cache, navigation
        from maillage.privacy.models import Officer
        from maillage.privacy.selectors.officer import OFFICER_CACHE

        cache.bump_on_change(OFFICER_CACHE, Officer)
        navigation.register_account_link(
            key="privacy-officer",
            label=_("Person in charge of personal information"),
            url_name="privacy:officer_edit",
            order=900,
            visible="privacy.name_officer",
        )

    def _register_policy(self) -> None:
        from maillage.core import cache, my_space, navigation
        from maillage.privacy import panels
        from maillage.privacy.models import PolicyAcceptance, PolicyVersion
        from maillage.privacy.selectors.policy import POLICY_CACHE

        navigation.register_footer_link(
            key="privacy", label=_("Privacy"), url_name="privacy:policy", active_prefix=False
        )
        cache.bump_on_change(POLICY_CACHE, PolicyVersion, PolicyAcceptance)
        my_space.AWAITING.register(panels.policy_awaiting)

    def _register_consents(self) -> None:
        from maillage.core import my_space, navigation
        from maillage.privacy import panels

        navigation.register_account_link(
            key="privacy-consents",
            label=_("My consents"),
            url_name="privacy:consents",
            order=850,
            visible="privacy.view_consents",
        )
        my_space.SECTIONS.register(panels.consents_section, order=panels.CONSENTS_ORDER)
