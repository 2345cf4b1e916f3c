from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.privacy.views import consents as views

urlpatterns = [
    path(pgettext_lazy("URL", "my-consents/"), views.consents, name="consents"),
]
