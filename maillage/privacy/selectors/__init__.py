"""Every read of the privacy app, already filtered by permission, one module per subject."""
