from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.privacy.views import mydata

urlpatterns: list[URLPattern] = [
    path(pgettext_lazy("URL", "my-data/"), mydata.my_data, name="my_data"),
    path(
        pgettext_lazy("URL", "my-data/kinds/<str:key>/"),
        mydata.my_data_section,
        name="my_data_section",
    ),
    path(
        pgettext_lazy("URL", "my-data/copies/<int:pk>/"), mydata.my_data_copy, name="my_data_copy"
    ),
]
