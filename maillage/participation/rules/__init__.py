"""Permission predicates of the participation app, one module per subject; each refusal carries
a translated reason."""
