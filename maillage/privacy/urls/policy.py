from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.privacy.views import policy as views

urlpatterns = [
    # The privacy page, at the address of the app itself (/fr/confidentialite/).
    path("", views.policy, name="policy"),
    path(pgettext_lazy("URL", "versions/"), views.policy_versions, name="policy_versions"),
    path(pgettext_lazy("URL", "publish/"), views.policy_publish_page, name="policy_publish"),
    path(pgettext_lazy("URL", "changes/"), views.policy_changes, name="policy_changes"),
]
