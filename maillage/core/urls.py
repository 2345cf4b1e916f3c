from django.urls import path

from maillage.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("confidentialite/", views.privacy, name="privacy"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/<int:pk>/lue/", views.notification_read, name="notification_read"),
]
