from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortraitConfig(AppConfig):
    name = "maillage.portrait"
    label = "portrait"
    verbose_name = _("Territorial portrait")
