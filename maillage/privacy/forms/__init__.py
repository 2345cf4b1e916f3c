"""The privacy app's forms, one module per subject."""
