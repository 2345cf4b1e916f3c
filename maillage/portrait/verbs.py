"""The portrait app's audit verbs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class PortraitVerb(Verbs):
    IMPORTED = "indicators.imported", _("indicator values imported")


register_verbs(PortraitVerb)
