"""The planning app's pages, one module per subject."""
