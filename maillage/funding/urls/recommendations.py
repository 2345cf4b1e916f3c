from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.funding.views import recommendations

# Included by `urls.reviews` (the analysis's second half).
urlpatterns: list[URLPattern] = [
    path(
        pgettext_lazy("URL", "calls/<int:pk>/ranking/"),
        recommendations.call_ranking,
        name="call_ranking",
    ),
    path(
        pgettext_lazy("URL", "calls/<int:pk>/recommendation/"),
        recommendations.recommendation_create,
        name="recommendation_create",
    ),
    path(
        pgettext_lazy("URL", "recommendations/<int:pk>/"),
        recommendations.recommendation_detail,
        name="recommendation_detail",
    ),
]
