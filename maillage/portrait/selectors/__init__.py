"""The portrait's selectors, one module per subject."""
