"""The privacy app's models, one module per subject, re-exported here."""

from maillage.privacy.models.access import AccessKind, ContactAccess
from maillage.privacy.models.anonymization import PseudonymCounter
from maillage.privacy.models.assessments import Assessment
from maillage.privacy.models.consents import EXPLANATIONS, Consent, Purpose
from maillage.privacy.models.incidents import Incident
from maillage.privacy.models.mydata import CopyFormat, DataCopy
from maillage.privacy.models.officer import Officer
from maillage.privacy.models.policy import PolicyAcceptance, PolicyVersion
from maillage.privacy.models.requests import DEADLINE, Request, RequestKind
from maillage.privacy.models.retention import RetentionRun

__all__ = [
    "DEADLINE",
    "EXPLANATIONS",
    "AccessKind",
    "Assessment",
    "Consent",
    "ContactAccess",
    "CopyFormat",
    "DataCopy",
    "Incident",
    "Officer",
    "PolicyAcceptance",
    "PolicyVersion",
    "PseudonymCounter",
    "Purpose",
    "Request",
    "RequestKind",
    "RetentionRun",
]
