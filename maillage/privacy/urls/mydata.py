from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.privacy.views import mydata

urlpatterns: list[URLPattern] = [
    path(pgettext_lazy("URL", "my-data/"), mydata.my_data, name="my_data"),
    path(
        pgettext_lazy("URL", "my-data/download/"),
        mydata.my_data_download,
        name="my_data_download",
    ),
    path(pgettext_lazy("URL", "my-data/pdf/"), mydata.my_data_pdf, name="my_data_pdf"),
]
