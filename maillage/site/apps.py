from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "maillage.site"
    label = "site"
    verbose_name = _("Public site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from maillage.core import cache, navigation
        from maillage.decisions.models import Decision
        from maillage.governance.models import Circle, Policy, Workstream
        from maillage.network.models import Function, Organization, Person
        from maillage.participation.models import Consultation, Proposal
        from maillage.site import live, receivers, rules, verbs  # noqa: F401 (registrations)
        from maillage.site.selectors import SEARCH_CACHE

        receivers.connect()
        # Every row a search's kept results may show (the pages bump their own namespace).
        cache.bump_on_change(
            SEARCH_CACHE,
            *(Circle, Workstream, Policy, Decision, Organization, Person, Function),
            *(Consultation, Proposal),
        )
        live.register_builtin()
        # The public site serves the home page: its entry is also the brand link's target.
        navigation.register_menu_item(
            key=navigation.HOME, label=_("Home"), url_name="home", order=0, active_prefix=False
        )
        navigation.register_account_link(
            key="newsletter",
            label=_("Newsletter"),
            url_name="site:newsletter_list",
            order=800,
            visible="site.send_newsletter",
        )
        navigation.register_menu_item(
            key="site_editor",
            label=_("Edit the site"),
            url_name="wagtailadmin_home",
            order=900,
            visible="site.edit",
            # The site editor has its own layout: the entry is never the current page.
            active_prefix=False,
        )
        navigation.register_search("site:search")
        navigation.register_stylesheet("site/site.css")
