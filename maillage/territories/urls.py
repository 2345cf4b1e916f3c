from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.territories import views

app_name = "territories"
urlpatterns = [
    path("", views.index, name="index"),
    path(pgettext_lazy("URL", "<slug:slug>/"), views.detail, name="detail"),
]
