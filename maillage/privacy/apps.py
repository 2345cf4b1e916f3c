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
        self.register_area()
        self.register_assessments_note()
        self.register_my_data()
        self.register_area_links()
        self._register_officer()
        self._register_policy()
        self._register_consents()

    def register_assessments_note(self) -> None:
        from maillage.core import cache, navigation
        from maillage.privacy.models import Assessment
        from maillage.privacy.panels import assessments_note
        from maillage.privacy.selectors.assessments import COVERING_CACHE

        navigation.PAGE_NOTES.register(assessments_note)
        cache.bump_on_change(COVERING_CACHE, Assessment)

    def register_area(self) -> None:
        """The staff's privacy area and its menu entry."""
        from maillage.core import navigation
        from maillage.core.rules import is_staff
        from maillage.privacy.rules.common import is_privacy_officer

        # Between governance (300) and decisions (400); the staff are asked first, since telling
        # the person in charge reads the cache.
        navigation.register_menu_item(
            key="privacy",
            label=_("Privacy"),
            url_name="privacy:area",
            order=350,
            visible=is_staff | is_privacy_officer,
        )

    def register_area_links(self) -> None:
        """The area's links, each shown to those who may follow it: the queue, the registers,
        the person in charge, the policy."""
        from maillage.privacy.area import AreaLink, register_area_link

        registers = "privacy.view_registers"
        links = (
            (
                "requests",
                _("Requests about personal information"),
                "privacy:request_list",
                _("Access, correction, portability and deletion, within 30 days."),
                "privacy.handle_requests",
            ),
            (
                "incidents",
                _("Confidentiality incidents"),
                "privacy:incident_list",
                _("The register of every incident, its risk and its notices."),
                registers,
            ),
            (
                "assessments",
                _("Privacy impact assessments"),
                "privacy:assessment_list",
                _("The projects assessed and the parts of the platform they cover."),
                registers,
            ),
            (
                "access",
                _("Access to contact details"),
                "privacy:access_log",
                _("Who saw or exported people's contact details, and when."),
                registers,
            ),
            (
                "retention",
                _("Retention"),
                "privacy:retention",
                _("What each kind of information is kept for, and what was removed."),
                registers,
            ),
            (
                "officer",
                _("Person in charge of personal information"),
                "privacy:officer_edit",
                _("Who answers for personal information, and how to reach them."),
                "privacy.name_officer",
            ),
            (
                "policy",
                _("Privacy policy"),
                "privacy:policy_publish",
                _("Publish a new version; each person sees what changed."),
                "privacy.publish_policy",
            ),
        )
        for position, (key, label, url_name, description, permission) in enumerate(links, 1):
            register_area_link(
                AreaLink(
                    key=key,
                    label=label,
                    url_name=url_name,
                    description=description,
                    order=100 * position,
                    permission=permission,
                )
            )

    def register_my_data(self) -> None:
        """ "My data": a link in the account menu (My space's section is the consents')."""
        from maillage.core import navigation
        from maillage.core.rules import is_authenticated

        navigation.register_account_link(
            key="privacy_my_data",
            label=_("My data"),
            url_name="privacy:my_data",
            order=900,
            visible=is_authenticated,
        )

    def _register_officer(self) -> None:
        from maillage.core import cache
        from maillage.privacy.models import Officer
        from maillage.privacy.selectors.officer import OFFICER_CACHE

        cache.bump_on_change(OFFICER_CACHE, Officer)

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
        # One section for the consents and "my data".
        my_space.SECTIONS.register(panels.privacy_section, order=panels.PRIVACY_ORDER)
