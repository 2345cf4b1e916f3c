from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.portrait import views

urlpatterns = [
    path(pgettext_lazy("URL", "territories/<slug:slug>/"), views.territory, name="territory"),
]
