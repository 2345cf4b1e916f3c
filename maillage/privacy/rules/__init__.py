"""Permission predicates of the privacy app, one module per subject; each refusal carries a
translated reason (`core.permissions.add_perm`). `common` holds who the person in charge is."""

from maillage.privacy.rules import common, consents, officer, policy  # noqa: F401 (registrations)
