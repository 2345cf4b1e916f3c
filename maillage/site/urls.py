from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.site import views

app_name = "site"
urlpatterns = [
    path(pgettext_lazy("URL", "search/"), views.search, name="search"),
    path(pgettext_lazy("URL", "newsletter/"), views.newsletter_list, name="newsletter_list"),
    path(
        pgettext_lazy("URL", "newsletter/<int:pk>/send/"),
        views.newsletter_send,
        name="newsletter_send",
    ),
]
