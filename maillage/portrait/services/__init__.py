"""Every write of the portrait app, one module per subject, re-exported here."""

from maillage.portrait.services.imports import IMPORTER, indicators_import

__all__ = ["IMPORTER", "indicators_import"]
