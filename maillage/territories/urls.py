from django.urls import path

from maillage.territories import views

app_name = "territories"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
]
