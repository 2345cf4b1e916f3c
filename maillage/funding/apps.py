from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import MenuItem, NavigationMixin


class FundingConfig(NavigationMixin, AppConfig):
    name = "maillage.funding"
    label = "funding"
    verbose_name = _("Funding")
    stylesheet = "funding/funding.css"
    menu_item = MenuItem("funding:call_list", order=450)

    def ready(self) -> None:
        from maillage.funding import receivers, rules, verbs  # noqa: F401

        super().ready()
        self._ready_reviews()
        self._ready_table()
        self._ready_panels()

    def _ready_reviews(self) -> None:
        from maillage.core import cache, my_space
        from maillage.funding.models import Application, Assignment, Call, Conflict, Review
        from maillage.funding.views.reviews import AWAITING_CACHE, my_reviews_awaited
        from maillage.network.models import Function, Person, Seat

        # My space: the applications a reviewer has still to score, kept until an application,
        # its call, an assignment, a review or what excludes a reviewer changes (a conflict, a
        # function or seat in the applying organization, a co-applicant: a many-to-many
        # relation of Application).
        my_space.AWAITING.register(my_reviews_awaited)
        cache.bump_on_change(
            AWAITING_CACHE,
            *(Application, Call, Assignment, Conflict, Review),
            *(Function, Seat, Person),
        )

    def _ready_table(self) -> None:
        from maillage.core import cache
        from maillage.funding.selectors import applications, dashboards

        # The staff's applications table, the dashboard, its exports and the public funded
        # projects are kept rendered until what they show changes.
        cache.bump_on_change(applications.TABLE_CACHE, *applications.table_watched())
        cache.bump_on_change(dashboards.MONEY_CACHE, *dashboards.money_watched())

    def _ready_panels(self) -> None:
        from maillage.funding import panels
        from maillage.territories import panels as territory_panels

        # A territory's page: the funded projects serving it (kept under the money's namespace).
        territory_panels.register(panels.territory_panel)
