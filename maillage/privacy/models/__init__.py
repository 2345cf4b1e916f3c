"""The privacy app's models, one module per subject, re-exported here."""

from maillage.privacy.models.consents import EXPLANATIONS, Consent, Purpose
from maillage.privacy.models.officer import Officer
from maillage.privacy.models.policy import PolicyAcceptance, PolicyVersion

__all__ = ["EXPLANATIONS", "Consent", "Officer", "PolicyAcceptance", "PolicyVersion", "Purpose"]
