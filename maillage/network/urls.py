from django.urls import path

from maillage.network import views

app_name = "network"
urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path("exporter/<str:fmt>/", views.organization_export, name="organization_export"),
    path("importer/", views.import_upload, name="import"),
    path("ajouter/organisation/", views.organization_create, name="organization_create"),
    path("ajouter/personne/", views.person_create, name="person_create"),
    path("organisations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path(
        "organisations/<slug:slug>/modifier/",
        views.organization_update,
        name="organization_update",
    ),
    path("organisations/<slug:slug>/sieges/ajouter/", views.seat_create, name="seat_create"),
    path("sieges/<int:pk>/modifier/", views.seat_update, name="seat_update"),
    path("sieges/<int:pk>/terminer/", views.seat_end, name="seat_end"),
    path("personnes/", views.person_list, name="person_list"),
    path("personnes/<slug:slug>/", views.person_detail, name="person_detail"),
    path("personnes/<slug:slug>/modifier/", views.person_update, name="person_update"),
    path("personnes/<slug:slug>/fonctions/ajouter/", views.function_add, name="function_add"),
    path("fonctions/<int:pk>/terminer/", views.function_end, name="function_end"),
]
