from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.planning.views import dashboards, strategies

urlpatterns: list[URLPattern] = [
    path(pgettext_lazy("URL", "strategies/"), strategies.strategy_list, name="strategy_list"),
    # Before a strategy's page: "tableau-de-bord" is no strategy's key.
    path(
        pgettext_lazy("URL", "strategies/dashboard/"),
        dashboards.strategy_dashboard,
        name="strategy_dashboard",
    ),
    path(
        pgettext_lazy("URL", "strategies/<slug:key>/"),
        strategies.strategy_detail,
        name="strategy_detail",
    ),
]
