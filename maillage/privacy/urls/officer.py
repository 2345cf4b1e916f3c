from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.privacy.views import officer as views

urlpatterns = [
    path(pgettext_lazy("URL", "person-in-charge/"), views.officer_edit, name="officer_edit"),
]
