"""Permission predicates of the privacy app, one module per subject; each refusal carries a
translated reason (`core.permissions.add_perm`). `common` holds who the person in charge is."""

from maillage.privacy.rules import (
    common,  # noqa: F401 (registrations)
    consents,  # noqa: F401 (registrations)
    officer,  # noqa: F401 (registrations)
    policy,  # noqa: F401 (registrations)
    registers,  # noqa: F401 (registrations)
    requests,  # noqa: F401 (registrations)
)
