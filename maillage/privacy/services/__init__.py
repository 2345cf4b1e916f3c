"""Every write of the privacy app, one module per subject, re-exported here."""

from maillage.privacy.services.access import contact_access_record
from maillage.privacy.services.assessments import assessment_create, assessment_update
from maillage.privacy.services.incidents import incident_create, incident_update
from maillage.privacy.services.retention import retention_apply

__all__ = [
    "assessment_create",
    "assessment_update",
    "contact_access_record",
    "incident_create",
    "incident_update",
    "retention_apply",
]
