"""Every write of the privacy app, one module per subject, re-exported here."""

from maillage.privacy.services.incidents import incident_create, incident_update

__all__ = ["incident_create", "incident_update"]
