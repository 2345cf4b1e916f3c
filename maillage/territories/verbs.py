"""The territories app's audit verbs."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class TerritoryVerb(Verbs):
    REGION_LOADED = "territory.region_loaded", _("region loaded")
    BOUNDARIES_IMPORTED = "territory.boundaries_imported", _("boundaries imported")


register_verbs(TerritoryVerb)
