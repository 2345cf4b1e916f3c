from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.site import views

app_name = "site"
urlpatterns = [
    path(pgettext_lazy("URL", "search/"), views.search, name="search"),
]
