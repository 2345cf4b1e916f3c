"""Permission predicates of the planning app, one module per subject; each refusal carries a
translated reason (`core.permissions.add_perm`)."""

from maillage.planning.rules import strategies  # noqa: F401 (registrations)
