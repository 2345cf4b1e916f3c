"""forms of the participation app, one module per subject."""
