"""The privacy app's models, one module per subject, re-exported here."""

from maillage.privacy.models.incidents import Incident
from maillage.privacy.models.officer import Officer

__all__ = ["Incident", "Officer"]
