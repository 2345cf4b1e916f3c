"""Every write of the privacy app, one module per subject, re-exported here."""
