"""Permission predicates of the privacy app, one module per subject; each refusal carries a
translated reason (`core.permissions.add_perm`)."""
