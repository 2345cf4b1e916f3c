"""The planning app's forms, one module per subject."""
