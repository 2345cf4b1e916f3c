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
        """The staff's privacy area, its menu entry, and the registers' links on it."""
        from maillage.core import navigation
        from maillage.core.rules import is_staff
        from maillage.privacy.area import AreaLink, register_area_link
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
        register_area_link(
            AreaLink(
                key="incidents",
                label=_("Confidentiality incidents"),
                url_name="privacy:incident_list",
                description=_("The register of every incident, its risk and its notices."),
                order=100,
                permission="privacy.view_registers",
            )
        )
        register_area_link(
            AreaLink(
                key="access",
                label=_("Access to contact details"),
                url_name="privacy:access_log",
                description=_("Who saw or exported people's contact details, and when."),
                order=300,
                permission="privacy.view_registers",
            )
        )
        register_area_link(
            AreaLink(
                key="retention",
                label=_("Retention"),
                url_name="privacy:retention",
                description=_("What each kind of information is kept for, and what was removed."),
                order=400,
                permission="privacy.view_registers",
            )
        )
        register_area_link(
            AreaLink(
                key="assessments",
                label=_("Privacy impact assessments"),
                url_name="privacy:assessment_list",
                description=_("The projects assessed and the parts of the platform they cover."),
                order=200,
                permission="privacy.view_registers",
            )
        )

    def register_area_links(self) -> None:
        """The area's links to the other subjects: the queue, the person in charge, the policy."""
        from maillage.privacy.area import AreaLink, register_area_link

        register_area_link(
            AreaLink(
                key="requests",
                label=_("Requests about personal information"),
                url_name="privacy:request_list",
                description=_("Access, correction, portability and deletion, within 30 days."),
                order=50,
                permission="privacy.handle_requests",
            )
        )
        register_area_link(
            AreaLink(
                key="officer",
                label=_("Person in charge of personal information"),
                url_name="privacy:officer_edit",
                description=_("Who answers for personal information, and how to reach them."),
                order=500,
                permission="privacy.name_officer",
            )
        )
        register_area_link(
            AreaLink(
                key="policy",
                label=_("Privacy policy"),
                url_name="privacy:policy_publish",
                description=_("Publish a new version; each person sees what changed."),
                order=600,
                permission="privacy.publish_policy",
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
        # One section for the consents and "my data".
        my_space.SECTIONS.register(panels.privacy_section, order=panels.PRIVACY_ORDER)
