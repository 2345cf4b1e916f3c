"""The privacy app's views, one module per subject."""
