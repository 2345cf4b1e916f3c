"""The portrait's views, one module per subject."""
