"""The funding forms, one module per subject."""
