from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.portrait import views

urlpatterns = [
    path("", views.index, name="index"),
    path(pgettext_lazy("URL", "import/"), views.import_upload, name="import"),
]
