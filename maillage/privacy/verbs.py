"""The privacy app's audit verbs, one enum per subject (each registered with `register_verbs`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class RegisterVerb(Verbs):
    INCIDENT_RECORDED = "privacy.incident_recorded", _("confidentiality incident recorded")
    INCIDENT_UPDATED = "privacy.incident_updated", _("confidentiality incident changed")
    ASSESSMENT_RECORDED = "privacy.assessment_recorded", _("privacy impact assessment recorded")
    ASSESSMENT_UPDATED = "privacy.assessment_updated", _("privacy impact assessment changed")
    RETENTION_SIMULATED = "privacy.retention_simulated", _("retention simulated")
    RETENTION_APPLIED = "privacy.retention_applied", _("retention applied")


register_verbs(RegisterVerb)
