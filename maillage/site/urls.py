from django.urls import path

from maillage.site import views

app_name = "site"
urlpatterns = [
    path("recherche/", views.search, name="search"),
]
