"""The privacy app's audit verbs, one enum per subject (each registered with `register_verbs`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class RegisterVerb(Verbs):
    INCIDENT_RECORDED = "privacy.incident_recorded", _("confidentiality incident recorded")
    INCIDENT_UPDATED = "privacy.incident_updated", _("confidentiality incident changed")


register_verbs(RegisterVerb)
