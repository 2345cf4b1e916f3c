"""Permission predicates of the planning app, one module per subject; each refusal carries a
translated reason (`core.permissions.add_perm`). `common` holds what the subjects share."""

from maillage.planning.rules import common, plans, strategies  # noqa: F401 (registrations)
