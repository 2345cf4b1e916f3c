"""The privacy app's models, one module per subject, re-exported here."""
