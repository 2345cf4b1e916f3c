"""Permission predicates of the portrait app, one module per subject; each refusal carries a
translated reason (`core.permissions.add_perm`). `common` holds the app's two permissions."""

from maillage.portrait.rules import common  # noqa: F401 (registrations)
