from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.funding.urls import recommendations
from maillage.funding.views import reviews

urlpatterns: list[URLPattern] = [
    path(
        pgettext_lazy("URL", "applications/<int:pk>/analysis/"),
        reviews.application_analysis,
        name="application_analysis",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/screening/"),
        reviews.application_screen,
        name="application_screen",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/reviewers/"),
        reviews.reviewers_assign,
        name="reviewers_assign",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/reviewers/<int:reviewer>/withdraw/"),
        reviews.reviewer_unassign,
        name="reviewer_unassign",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/review/"),
        reviews.review_edit,
        name="review_edit",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/conflict-of-interest/"),
        reviews.conflict_declare,
        name="conflict_declare",
    ),
    path(pgettext_lazy("URL", "my-reviews/"), reviews.my_reviews, name="my_reviews"),
    *recommendations.urlpatterns,
]
