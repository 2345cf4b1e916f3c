"""The privacy app's models, one module per subject, re-exported here."""

from maillage.privacy.models.access import AccessKind, ContactAccess
from maillage.privacy.models.anonymization import PseudonymCounter
from maillage.privacy.models.assessments import Assessment
from maillage.privacy.models.incidents import Incident
from maillage.privacy.models.officer import Officer
from maillage.privacy.models.requests import DEADLINE, Request, RequestKind
from maillage.privacy.models.retention import RetentionRun

__all__ = [
    "DEADLINE",
    "AccessKind",
    "Assessment",
    "ContactAccess",
    "Incident",
    "Officer",
    "PseudonymCounter",
    "Request",
    "RequestKind",
    "RetentionRun",
]
