"""The privacy app's models, one module per subject, re-exported here."""

from maillage.privacy.models.anonymization import PseudonymCounter
from maillage.privacy.models.officer import Officer
from maillage.privacy.models.requests import DEADLINE, Request, RequestKind

__all__ = ["DEADLINE", "Officer", "PseudonymCounter", "Request", "RequestKind"]
